import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // The respondent routes' request counters when several instances share one PostgreSQL and no Redis (REDIS_URL):
  // one row per key and window, so that every instance counts the same requests. SQLite (one process) counts in
  // memory and leaves the table empty.
  await db.schema
    .createTable("rate_limit_counters")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("count", "integer", (col) => col.notNull())
    // Milliseconds since 1970: compared with the clock of the instance that counts.
    .addColumn("window_ends_at", "bigint", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit_counters").execute();
}
