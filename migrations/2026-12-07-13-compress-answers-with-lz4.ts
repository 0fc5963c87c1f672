import { sql, type Kysely } from "kysely";
import { onPostgresOnly } from "./column-types.ts";

// Frozen in time: this file must never import application code.

/** The JSON texts that are written with every submission or score and often pass PostgreSQL's 2 kB row threshold. */
const columns = [
  ["responses", "data"],
  ["response_revisions", "data"],
  ["response_revisions", "diff"],
  ["response_scores", "trace"],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // A submission's audit row holds its answers and their diff from nothing: about 3.4 kB for the 50 answers of the
  // default questionnaire, past the 2 kB at which PostgreSQL compresses a row. Its default compression, pglz, made
  // that insert cost PostgreSQL nearly as much as the response's own with its six indexes; lz4 compresses JSON
  // nearly as well in a fraction of the time, and reads it back faster. Values already stored keep theirs (both stay
  // readable). A server built without lz4 (a build option, on in the Debian, Red Hat and Docker packages) keeps
  // pglz. SQLite does not compress: nothing.
  await onPostgresOnly(db, async () => {
    const { rows } = await sql<{ lz4: boolean }>`
      select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
    if (!rows[0]?.lz4) return;
    for (const [table, column] of columns) {
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression lz4`.execute(db);
    }
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await onPostgresOnly(db, async () => {
    for (const [table, column] of columns) {
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression default`.execute(db);
    }
  });
}
