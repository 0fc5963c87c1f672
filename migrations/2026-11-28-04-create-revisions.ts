import { sql, type Kysely } from "kysely";
import { generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per revision of a submitted response: the submission itself (reason null), then each correction.
  await db.schema
    .createTable("response_revisions")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    // Equal to responses.revision right after the write that made this revision.
    .addColumn("revision", "integer", (c) => c.notNull())
    // The full answers after this revision, JSON.
    .addColumn("data", "text", (c) => c.notNull())
    // JSON [{path, before, after}] against the previous revision (against no answers for the first).
    .addColumn("diff", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    // Null for a respondent's own submission through a link.
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("response_revisions_response_revision", ["response_id", "revision"])
    .execute();

  await db.schema.alterTable("responses").addColumn("place", "text").execute();
  // sha256 of the content of the last interview PUT that was stored, to recognise a replay of it.
  await db.schema.alterTable("responses").addColumn("client_request_hash", "text").execute();
  // The evaluator who wrote the current data last; null when it was the respondent. No foreign key: SQLite
  // cannot drop a column that has one, and users are disabled, never deleted.
  await db.schema.alterTable("responses").addColumn("updated_by", "integer").execute();
  await db.schema.createIndex("responses_organization_id").on("responses").column("organization_id").execute();

  // Responses submitted before revisions existed get their submission as the first revision.
  await sql`
    insert into response_revisions (response_id, revision, data, diff, reason, user_id, created_at)
    select id, revision, data, '[]', null, null, coalesce(submitted_at, updated_at)
    from responses where status = 'submitted'
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_organization_id").execute();
  await db.schema.alterTable("responses").dropColumn("updated_by").execute();
  await db.schema.alterTable("responses").dropColumn("client_request_hash").execute();
  await db.schema.alterTable("responses").dropColumn("place").execute();
  await db.schema.dropTable("response_revisions").execute();
}
