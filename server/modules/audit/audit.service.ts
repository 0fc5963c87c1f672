import type { Db } from "../../db/database.ts";
import type { AuditAction } from "../../value-lists.ts";
import { insertAuditEvent } from "./audit.repository.ts";

/** Who did something: the signed-in user (or, for a failed login, the email typed) and the client address. */
export interface AuditActor {
  userId: number | null;
  userEmail: string | null;
  ip: string | null;
}

/**
 * Records one event. Callers pass the transaction of the change they record, so the change and its record are
 * stored together or not at all; reads that are audited (exports, reports) record before they answer.
 */
export function recordEvent(
  db: Db,
  actor: AuditActor,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown> = {},
) {
  return insertAuditEvent(db, { ...actor, action, target, details });
}

/** The `target` of an event: what the action was done to. */
export const auditTarget = (
  kind: "evaluation" | "response" | "user" | "token" | "questionnaire",
  id: number | string,
) => `${kind}:${id}`;
