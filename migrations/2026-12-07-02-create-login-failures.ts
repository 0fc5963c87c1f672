import type { Kysely } from "kysely";
import { generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per failed login, kept for the counting window: in the database, so that every process of one
  // installation counts the same failures and a restart forgets none.
  await db.schema
    .createTable("login_failures")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("address", "text", (col) => col.notNull())
    .addColumn("failed_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("login_failures_email").on("login_failures").columns(["email", "failed_at"]).execute();
  await db.schema.createIndex("login_failures_failed_at").on("login_failures").column("failed_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_failures").execute();
}
