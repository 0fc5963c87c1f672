import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { SqliteDialect, type Kysely, type SqliteDatabase } from "kysely";
import type pg from "pg";
import { openPostgres } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { guardedKysely } from "./transaction-guard.ts";

export type Db = Kysely<Database>;

export interface OpenedSqlite {
  kind: "sqlite";
  db: Db;
  /** The raw handle, for pragmas and the online backup API. */
  sqlite: SQLite.Database;
}

export interface OpenedPostgres {
  kind: "postgres";
  db: Db;
  pool: pg.Pool;
}

export type OpenedDatabase = OpenedSqlite | OpenedPostgres;

/**
 * The database the configuration names: PostgreSQL when `DATABASE_URL` is set (server/config.ts), else the SQLite
 * file. `schema` (PostgreSQL only) puts every table of this handle in that schema: the tests give each app its own.
 */
export function openConfiguredDatabase(
  target: { databaseUrl: string | null; databaseFile: string },
  options: { schema?: string } = {},
): OpenedDatabase {
  if (target.databaseUrl !== null) return openPostgres(target.databaseUrl, options);
  return openDatabase(target.databaseFile);
}

/** What to call the database in a message: the file, or the PostgreSQL URL without its password. */
export function databaseLabel(target: { databaseUrl: string | null; databaseFile: string }): string {
  if (target.databaseUrl === null) return target.databaseFile;
  const url = new URL(target.databaseUrl);
  url.password = "";
  return url.toString();
}

/**
 * Opens the SQLite file with the durability the product promises: an acknowledged submission survives a
 * power cut (synchronous=FULL under WAL), foreign keys are enforced, and concurrent writers wait instead of
 * failing at once.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): OpenedSqlite {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  // Read-only: as SQLite opens a file it may not write (the tests of a failing disk); every write fails.
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = guardedKysely(new SqliteDialect({ database: reusingStatements(sqlite) }));
  return { kind: "sqlite", db, sqlite };
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
