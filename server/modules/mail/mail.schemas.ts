import { Type, type Static } from "typebox";

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const MailView = Type.Object({
  id: Type.Integer(),
  invitationId: Type.Integer(),
  evaluationId: Type.Integer(),
  organizationId: Type.Integer(),
  organizationName: Type.String(),
  kind: Type.Union([Type.Literal("invitation"), Type.Literal("reminder")]),
  locale: Type.String(),
  /** Null only for an outbox message to an organisation without an email address. */
  to: NullableString,
  subject: Type.String(),
  /** The plain-text body, for copying an outbox message by hand. */
  text: Type.String(),
  status: Type.Union([
    Type.Literal("queued"),
    Type.Literal("sending"),
    Type.Literal("sent"),
    Type.Literal("failed"),
    Type.Literal("outbox"),
  ]),
  attempts: Type.Integer(),
  lastError: NullableString,
  messageId: NullableString,
  nextAttemptAt: NullableString,
  createdAt: Type.String(),
  sentAt: NullableString,
  /** The personal link the message carries; absent for viewers, and `text` then shows a placeholder instead. */
  url: Type.Optional(Type.String()),
});
export type MailView = Static<typeof MailView>;

export const MailLog = Type.Object({
  /** `outbox` when no SMTP server is configured: nothing is sent, links go by hand. */
  mode: Type.Union([Type.Literal("smtp"), Type.Literal("outbox")]),
  messages: Type.Array(MailView),
});
export type MailLog = Static<typeof MailLog>;

export const SendInvitationsBody = Type.Object(
  {
    invitationIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type SendInvitationsBody = Static<typeof SendInvitationsBody>;

export const SendInvitationsResult = Type.Object({
  queued: Type.Integer(),
  /** Invitations nothing was queued for, with the reason (error code and a sentence). */
  skipped: Type.Array(Type.Object({ invitationId: Type.Integer(), error: Type.String(), message: Type.String() })),
});
export type SendInvitationsResult = Static<typeof SendInvitationsResult>;

export const RemindersQueued = Type.Object({ queued: Type.Integer() });

export const InvitationStatusView = Type.Object({ status: Type.String() });

export const ReminderScheduleBody = Type.Object(
  { reminderDaysBefore: Type.Union([Type.Integer({ minimum: 1, maximum: 365 }), Type.Null()]) },
  { additionalProperties: false },
);
export type ReminderScheduleBody = Static<typeof ReminderScheduleBody>;
