import { sql, type Kysely } from "kysely";
import { generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Automatic reminders N days before the closing date; null = none.
  await db.schema.alterTable("evaluations").addColumn("reminder_days_before", "integer").execute();

  // The mail log and the outbox in one table: every message is stored before anything is sent.
  await db.schema
    .createTable("mail_messages")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("invitation_id", "integer", (c) => c.notNull().references("invitations.id"))
    .addColumn("evaluation_id", "integer", (c) => c.notNull().references("evaluations.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('invitation', 'reminder')`))
    // Null only in outbox mode, for an organisation without an email address (the link goes by hand).
    .addColumn("to_address", "text")
    .addColumn("reply_to", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'outbox')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // queued/failed: when to try next (null on a failed message = given up until retried by hand);
    // sending: when the claim lapses, should the process die mid-send.
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("mail_messages_evaluation_id").on("mail_messages").column("evaluation_id").execute();
  await db.schema.createIndex("mail_messages_invitation_id").on("mail_messages").column("invitation_id").execute();
  await db.schema.createIndex("mail_messages_due").on("mail_messages").columns(["status", "next_attempt_at"]).execute();

  // One row per automatic reminder run: the unique key makes a run happen once, whatever restarts.
  await db.schema
    .createTable("reminder_runs")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("evaluation_id", "integer", (c) => c.notNull().references("evaluations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("queued", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reminder_runs_once", ["evaluation_id", "kind", "due_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_runs").execute();
  await db.schema.dropTable("mail_messages").execute();
  await db.schema.alterTable("evaluations").dropColumn("reminder_days_before").execute();
}
