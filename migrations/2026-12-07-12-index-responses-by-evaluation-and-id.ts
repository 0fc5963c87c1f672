import type { Kysely } from "kysely";
import { onPostgresOnly } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Exports read an evaluation's responses in pages by id (`where evaluation_id = ? and id > ? order by id limit
  // 200`). SQLite's index on evaluation_id ends with the rowid, which is the id, so each page is a range of it.
  // PostgreSQL's is not in id order: without statistics each page sorted every response after it (100k responses:
  // 500 pages of up to 100k rows each). An index on both columns makes each page a range there too.
  await onPostgresOnly(db, async () => {
    await db.schema
      .createIndex("responses_evaluation_id_id")
      .on("responses")
      .columns(["evaluation_id", "id"])
      .execute();
    await db.schema.dropIndex("responses_evaluation_id").execute();
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await onPostgresOnly(db, async () => {
    await db.schema.createIndex("responses_evaluation_id").on("responses").column("evaluation_id").execute();
    await db.schema.dropIndex("responses_evaluation_id_id").execute();
  });
}
