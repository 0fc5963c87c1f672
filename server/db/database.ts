import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase } from "kysely";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  /** The raw handle, for pragmas and the online backup API. */
  sqlite: SQLite.Database;
}

/**
 * Opens the SQLite file with the durability the product promises: an acknowledged submission survives a
 * power cut (synchronous=FULL under WAL), foreign keys are enforced, and concurrent writers wait instead of
 * failing at once.
 */
export function openDatabase(file: string): OpenedDatabase {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return { db, sqlite };
}

/** How many distinct statements stay prepared: the product has far fewer query shapes than this. */
const statementCacheSize = 500;

/**
 * The handle Kysely sees: it prepares every query anew, which cost about a tenth of a submission's time. Statements
 * are kept by their SQL text (values are bound, so the text repeats) and reused unless one is still iterating.
 */
function reusingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = statements.get(sqlText);
      if (cached && !cached.busy) {
        // Most recently used last, so that the first key is the one to evict.
        statements.delete(sqlText);
        statements.set(sqlText, cached);
        return cached;
      }
      const statement = sqlite.prepare(sqlText);
      if (!cached) {
        statements.set(sqlText, statement);
        if (statements.size > statementCacheSize) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}
