import type { Kysely } from "kysely";
import { bytes } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Written and emptied again by GET /readyz: a write round trip that needs a fresh page, so that a full disk or a
  // read-only file shows there before a respondent's submission meets it.
  await db.schema
    .createTable("readiness_probe")
    .addColumn("id", "integer", (col) => col.primaryKey())
    .addColumn("checked_at", "text", (col) => col.notNull())
    .addColumn("padding", bytes(db), (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("readiness_probe").execute();
}
