import { Type, type Static } from "typebox";
import { Locale } from "../common.schemas.ts";

export const NewInvitationsBody = Type.Object(
  {
    organizationIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true }),
    questionnaireId: Type.String({ minLength: 1, maxLength: 64 }),
    locale: Type.Optional(Type.Union([Locale, Type.Null()])),
    expiresAt: Type.Optional(
      Type.Union([Type.String({ format: "date-time" }), Type.String({ format: "date" }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
);
export type NewInvitationsBody = Static<typeof NewInvitationsBody>;

export const CreatedInvitation = Type.Object({
  id: Type.Integer(),
  organizationId: Type.Integer(),
  token: Type.String(),
  url: Type.String(),
});

/** The answer of POST /api/invitations/:id/revoke. */
export const RevokedInvitation = Type.Object({ status: Type.Literal("revoked") });

export const InvitationView = Type.Object({
  id: Type.Integer(),
  evaluationId: Type.Integer(),
  organizationId: Type.Integer(),
  organizationName: Type.String(),
  questionnaireId: Type.String(),
  questionnaireVersion: Type.Integer(),
  /** Absent for viewers (respondent-links.ts): the token is the respondent's credential. */
  token: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  locale: Type.String(),
  status: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastActivityAt: Type.Union([Type.String(), Type.Null()]),
  reminderCount: Type.Integer(),
  /** Share (0..1) of the visible questions answered so far. */
  progress: Type.Number(),
  createdAt: Type.String(),
});
export type InvitationView = Static<typeof InvitationView>;

/** A bare date means the end of that day (UTC); null: the link never expires. */
const ExpiresAt = Type.Union([Type.String({ format: "date-time" }), Type.String({ format: "date" }), Type.Null()]);

export const ExtendInvitationBody = Type.Object({ expiresAt: ExpiresAt }, { additionalProperties: false });
export type ExtendInvitationBody = Static<typeof ExtendInvitationBody>;

export const ExtendedInvitation = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
});
export type ExtendedInvitation = Static<typeof ExtendedInvitation>;

const InvitationIds = Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true });

export const BulkRevokeBody = Type.Object({ invitationIds: InvitationIds }, { additionalProperties: false });
export type BulkRevokeBody = Static<typeof BulkRevokeBody>;

export const BulkExtendBody = Type.Object(
  { invitationIds: InvitationIds, expiresAt: ExpiresAt },
  { additionalProperties: false },
);
export type BulkExtendBody = Static<typeof BulkExtendBody>;

/** What a bulk action did: the invitations it changed, and those it left alone with the reason. */
export const BulkResult = Type.Object({
  updated: Type.Array(Type.Integer()),
  skipped: Type.Array(
    Type.Object({ id: Type.Integer(), reason: Type.Enum(["submitted", "revoked", "already_revoked"]) }),
  ),
});
export type BulkResult = Static<typeof BulkResult>;
