import type { Kysely } from "kysely";
import { generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Who did what, append-only: the application inserts rows and never updates or deletes one.
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("at", "text", (col) => col.notNull())
    // Null for an event without a known user (a failed login); user_email then holds the email typed.
    .addColumn("user_id", "integer", (col) => col.references("users.id"))
    .addColumn("user_email", "text")
    .addColumn("action", "text", (col) => col.notNull())
    // What the action was done to, as "<kind>:<id>" (evaluation:3, response:12, user:4, token:7).
    .addColumn("target", "text")
    .addColumn("ip", "text")
    // JSON object with the particulars (role, format, reason...).
    .addColumn("details", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("audit_events_action").on("audit_events").columns(["action", "id"]).execute();
  await db.schema.createIndex("audit_events_user").on("audit_events").columns(["user_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
}
