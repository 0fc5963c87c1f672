import { Type, type Static } from "typebox";
import { auditActions } from "../../value-lists.ts";
import { idPattern } from "../common.schemas.ts";

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AuditQuery = Type.Object(
  {
    /** At most this many events (1..1000, default 100). */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** Events older than this event id: pass the last id of a page to get the next one. */
    before: Type.Optional(Type.String({ pattern: idPattern })),
    action: Type.Optional(Type.Enum(auditActions)),
    userId: Type.Optional(Type.String({ pattern: idPattern })),
    /** Events at or after this date (a day, UTC) or instant. */
    from: Type.Optional(Type.String({ maxLength: 40 })),
    /** Events before the end of this date (a day, UTC) or before this instant. */
    to: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEventView = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  userId: nullable(Type.Integer()),
  userEmail: nullable(Type.String()),
  action: Type.Enum(auditActions),
  target: nullable(Type.String()),
  ip: nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEventView = Static<typeof AuditEventView>;

export const AuditEventList = Type.Object({
  events: Type.Array(AuditEventView),
  /** The `before` of the next page; null when this page is the last. */
  nextBefore: nullable(Type.Integer()),
});
export type AuditEventList = Static<typeof AuditEventList>;
