import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // The id a device made for an organisation added on the spot (offline): creating it again is a replay.
  await db.schema.alterTable("organizations").addColumn("client_id", "text").execute();
  // SQLite cannot add a UNIQUE column; a unique index does the same, and lets any number of rows stay NULL.
  await db.schema
    .createIndex("organizations_client_id_unique")
    .on("organizations")
    .column("client_id")
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("organizations_client_id_unique").execute();
  await db.schema.alterTable("organizations").dropColumn("client_id").execute();
}
