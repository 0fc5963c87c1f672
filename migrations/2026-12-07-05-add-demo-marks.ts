import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Rows `npm run demo` created (1) are told apart from the users' own (0): the demo reuses and touches only its own.
  await db.schema
    .alterTable("organizations")
    .addColumn("is_demo", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("evaluations")
    .addColumn("is_demo", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("evaluations").dropColumn("is_demo").execute();
  await db.schema.alterTable("organizations").dropColumn("is_demo").execute();
}
