import { Migrator, sql } from "kysely";
import { migrations } from "../../migrations/index.ts";
import type { Db } from "./database.ts";
import { dialectOf } from "./dialect.ts";

/** Applies every pending migration, or throws naming the one that failed. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // PostgreSQL: Kysely looks for its tables in every schema; named, it finds this database's own (several
    // installations, or the tests, may share one server, each in its own schema).
    migrationTableSchema: await migrationSchema(db),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : "";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration failed${name}: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

async function migrationSchema(db: Db): Promise<string | undefined> {
  if (dialectOf(db) !== "postgres") return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]!.schema;
}
