import type { Db } from "../../db/database.ts";

export function insertSession(db: Db, session: { id: string; userId: number; csrfToken: string; expiresAt: string }) {
  return db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: new Date().toISOString(),
      expires_at: session.expiresAt,
    })
    .execute();
}

export function findLiveSession(db: Db, id: string, now: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as sessionId",
      "sessions.csrf_token as csrfToken",
      "sessions.expires_at as expiresAt",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.ui_language as uiLanguage",
    ])
    .where("sessions.id", "=", id)
    .where("sessions.expires_at", ">", now)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
}

export function extendSession(db: Db, id: string, expiresAt: string) {
  return db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", id).execute();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom("sessions").where("id", "=", id).execute();
}

export function deleteExpiredSessions(db: Db, now: string) {
  return db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}

/** Ends every session of a user, except `keepSessionId` (the one making the request, when it stays). */
export function deleteSessionsOfUser(db: Db, userId: number, keepSessionId?: string) {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId !== undefined) query = query.where("id", "!=", keepSessionId);
  return query.execute();
}
