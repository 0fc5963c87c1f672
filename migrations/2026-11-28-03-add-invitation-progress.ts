import type { Kysely } from "kysely";
import { float } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Share (0..1) of the visible questions answered in the latest draft or submission.
  await db.schema
    .alterTable("invitations")
    .addColumn("progress", float(db), (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invitations").dropColumn("progress").execute();
}
