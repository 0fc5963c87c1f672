import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Who uploaded this version; null for versions loaded from surveys/ (and for uploads made before this column).
  // The author of an id is the one of its first version: only they and admins may publish new versions of it.
  await db.schema
    .alterTable("questionnaires")
    .addColumn("created_by", "integer", (col) => col.references("users.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("questionnaires").dropColumn("created_by").execute();
}
