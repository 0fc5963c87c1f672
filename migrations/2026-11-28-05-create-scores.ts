import { sql, type Kysely } from "kysely";
import { float, generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("verified_levels")
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull().check(sql`level between 1 and 4`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("verified_levels_pk", ["response_id", "question"])
    .execute();

  // Every change of a verified level, kept for the audit trail (a removal has level null).
  await db.schema
    .createTable("verified_level_history")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("previous_level", "integer")
    .addColumn("level", "integer")
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("verified_level_history_response")
    .on("verified_level_history")
    .column("response_id")
    .execute();

  // Derived and recomputable: the trace of each submitted response in each basis.
  await db.schema
    .createTable("response_scores")
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("basis", "text", (c) => c.notNull().check(sql`basis in ('self', 'verified')`))
    .addColumn("scoring_id", "text", (c) => c.notNull())
    .addColumn("scoring_version", "text", (c) => c.notNull())
    .addColumn("questionnaire_version", "integer", (c) => c.notNull())
    .addColumn("overall_status", "text", (c) => c.notNull())
    .addColumn("overall_level", float(db))
    .addColumn("trace", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_scores_pk", ["response_id", "basis"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_scores").execute();
  await db.schema.dropTable("verified_level_history").execute();
  await db.schema.dropTable("verified_levels").execute();
}
