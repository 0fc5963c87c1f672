import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // The order of a respondent page's draft saves: a page (draft_session, random per page load) numbers its saves
  // (draft_seq); a save of that page older than the one stored arrived late and is not written over it.
  await db.schema.alterTable("responses").addColumn("draft_session", "text").execute();
  await db.schema.alterTable("responses").addColumn("draft_seq", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").dropColumn("draft_seq").execute();
  await db.schema.alterTable("responses").dropColumn("draft_session").execute();
}
