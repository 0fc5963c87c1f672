import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // The workspace language a user chose (en, ru, ky); NULL: follow the browser's language.
  await db.schema.alterTable("users").addColumn("ui_language", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("ui_language").execute();
}
