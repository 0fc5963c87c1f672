import type { Db } from "../../db/database.ts";
import type { MailKind, MailMessageUpdate, MailStatus, NewMailMessage } from "../../db/schema.ts";

export async function insertMailMessage(db: Db, row: NewMailMessage): Promise<number> {
  const inserted = await db.insertInto("mail_messages").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

export function findMailMessage(db: Db, id: number) {
  return db.selectFrom("mail_messages").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * A message of this invitation that is still on its way (or waiting in the outbox): asking again must not
 * produce a second email.
 */
export function findPendingMessage(db: Db, invitationId: number, kind?: MailKind) {
  let query = db
    .selectFrom("mail_messages")
    .selectAll()
    .where("invitation_id", "=", invitationId)
    .where((eb) =>
      eb.or([
        eb("status", "in", ["queued", "sending", "outbox"]),
        eb.and([eb("status", "=", "failed"), eb("next_attempt_at", "is not", null)]),
      ]),
    );
  if (kind) query = query.where("kind", "=", kind);
  return query.orderBy("id").executeTakeFirst();
}

/** The mail log rows with what a person needs to read them: organisation and link token. */
function mailLogQuery(db: Db) {
  return db
    .selectFrom("mail_messages")
    .innerJoin("invitations", "invitations.id", "mail_messages.invitation_id")
    .innerJoin("organizations", "organizations.id", "invitations.organization_id")
    .selectAll("mail_messages")
    .select([
      "invitations.token as token",
      "invitations.locale as locale",
      "invitations.organization_id as organization_id",
      "organizations.name as organization_name",
    ]);
}

export function listMailLog(db: Db, evaluationId: number) {
  return mailLogQuery(db)
    .where("mail_messages.evaluation_id", "=", evaluationId)
    .orderBy("mail_messages.created_at", "desc")
    .orderBy("mail_messages.id", "desc")
    .execute();
}

export function findMailLogEntry(db: Db, id: number) {
  return mailLogQuery(db).where("mail_messages.id", "=", id).executeTakeFirst();
}

/** Messages whose time has come: queued or failed-with-a-retry, and claims left behind by a dead process. */
export function listDueMessages(db: Db, now: string) {
  return db
    .selectFrom("mail_messages")
    .select(["id", "status", "next_attempt_at"])
    .where("status", "in", ["queued", "failed", "sending"])
    .where("next_attempt_at", "is not", null)
    .where("next_attempt_at", "<=", now)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .execute();
}

/**
 * Takes a due message for sending: a compare-and-set on what was read, so that of two senders (two ticks, two
 * processes) exactly one wins; `leaseUntil` is when the claim lapses if this process dies mid-send.
 */
export async function claimMessage(
  db: Db,
  seen: { id: number; status: MailStatus; next_attempt_at: string | null },
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable("mail_messages")
    .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1), next_attempt_at: leaseUntil }))
    .where("id", "=", seen.id)
    .where("status", "=", seen.status)
    .where("next_attempt_at", "=", seen.next_attempt_at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateMailMessage(
  db: Db,
  id: number,
  changes: MailMessageUpdate,
  onlyIfStatus?: MailStatus,
): Promise<boolean> {
  let query = db.updateTable("mail_messages").set(changes).where("id", "=", id);
  if (onlyIfStatus) query = query.where("status", "=", onlyIfStatus);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Outbox messages of an invitation that the evaluator has delivered by hand. */
export function markOutboxMessagesSent(db: Db, invitationId: number, now: string) {
  return db
    .updateTable("mail_messages")
    .set({ status: "sent", sent_at: now, next_attempt_at: null })
    .where("invitation_id", "=", invitationId)
    .where("status", "=", "outbox")
    .execute();
}

/** Invitations with their organisation's name and address, by id or for one evaluation. */
export function listInvitationsForMail(db: Db, filter: { ids?: number[]; evaluationId?: number }) {
  let query = db
    .selectFrom("invitations")
    .innerJoin("organizations", "organizations.id", "invitations.organization_id")
    .selectAll("invitations")
    .select(["organizations.name as organization_name", "organizations.email as organization_email"]);
  if (filter.ids) query = query.where("invitations.id", "in", filter.ids.length > 0 ? filter.ids : [0]);
  if (filter.evaluationId !== undefined) query = query.where("invitations.evaluation_id", "=", filter.evaluationId);
  return query.orderBy("organizations.name").orderBy("invitations.id").execute();
}

export function incrementReminderCount(db: Db, invitationId: number) {
  return db
    .updateTable("invitations")
    .set((eb) => ({ reminder_count: eb("reminder_count", "+", 1) }))
    .where("id", "=", invitationId)
    .execute();
}

/** Evaluations that want automatic reminders and still accept answers. */
export function listEvaluationsWithReminders(db: Db, now: string) {
  return db
    .selectFrom("evaluations")
    .selectAll()
    .where("reminder_days_before", "is not", null)
    .where("closes_at", "is not", null)
    .where("closes_at", ">", now)
    .where("status", "!=", "closed")
    .orderBy("id")
    .execute();
}

/** Records a reminder run: its id, or null when it was already recorded (before a restart, or by another process). */
export async function recordReminderRun(
  db: Db,
  run: { evaluationId: number; kind: string; dueAt: string; now: string },
): Promise<number | null> {
  const inserted = await db
    .insertInto("reminder_runs")
    .values({ evaluation_id: run.evaluationId, kind: run.kind, due_at: run.dueAt, created_at: run.now })
    .onConflict((oc) => oc.columns(["evaluation_id", "kind", "due_at"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export function updateReminderRunCount(db: Db, id: number, queued: number) {
  return db.updateTable("reminder_runs").set({ queued }).where("id", "=", id).execute();
}

export async function setReminderDaysBefore(db: Db, evaluationId: number, days: number | null): Promise<boolean> {
  const result = await db
    .updateTable("evaluations")
    .set({ reminder_days_before: days })
    .where("id", "=", evaluationId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
