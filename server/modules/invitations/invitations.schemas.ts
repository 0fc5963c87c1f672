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

export const InvitationView = Type.Object({
  id: Type.Integer(),
  evaluationId: Type.Integer(),
  organizationId: Type.Integer(),
  organizationName: Type.String(),
  questionnaireId: Type.String(),
  questionnaireVersion: Type.Integer(),
  token: Type.String(),
  url: Type.String(),
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
