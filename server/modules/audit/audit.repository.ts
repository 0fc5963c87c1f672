import type { Db } from "../../db/database.ts";
import type { AuditAction } from "../../value-lists.ts";

// audit_events is append-only: this file inserts and reads, and nothing in the application updates or deletes a row.

export function insertAuditEvent(
  db: Db,
  event: {
    userId: number | null;
    userEmail: string | null;
    action: AuditAction;
    target: string | null;
    ip: string | null;
    details: Record<string, unknown>;
  },
) {
  return db
    .insertInto("audit_events")
    .values({
      at: new Date().toISOString(),
      user_id: event.userId,
      user_email: event.userEmail,
      action: event.action,
      target: event.target,
      ip: event.ip,
      details: JSON.stringify(event.details),
    })
    .execute();
}

export interface AuditFilters {
  limit: number;
  /** Events older than this id (the paging cursor: ids grow with time). */
  before?: number;
  action?: AuditAction;
  userId?: number;
  /** Events at or after this instant, and before `to`. */
  from?: string;
  to?: string;
}

/** Newest first. */
export function selectAuditEvents(db: Db, filters: AuditFilters) {
  let query = db.selectFrom("audit_events").selectAll();
  if (filters.before !== undefined) query = query.where("id", "<", filters.before);
  if (filters.action) query = query.where("action", "=", filters.action);
  if (filters.userId !== undefined) query = query.where("user_id", "=", filters.userId);
  if (filters.from) query = query.where("at", ">=", filters.from);
  if (filters.to) query = query.where("at", "<", filters.to);
  return query.orderBy("id", "desc").limit(filters.limit).execute();
}
