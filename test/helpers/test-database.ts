import crypto from "node:crypto";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openConfiguredDatabase, type OpenedDatabase, type OpenedSqlite } from "../../server/db/database.ts";

/**
 * `npm run test:pg` sets DATABASE_URL: the same suite then runs on PostgreSQL, every test database a schema of its
 * own on that server. Unset (`npm test`), every test database is a SQLite file in a temporary directory.
 */
export const testDatabaseUrl: string | null = process.env.DATABASE_URL || null;

/** The condition under which tests about SQLite itself (its files, pragmas, backup API) are skipped. */
export const onPostgres = testDatabaseUrl !== null;

/** The schema that stands for a data directory on PostgreSQL: the same directory (a restart) finds the same data. */
export function schemaFor(dataDir: string): string {
  return "t_" + crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 24);
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl! });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The DATABASE_URL of a test whose data lives in `dataDir`: on PostgreSQL the server's URL with the schema as the
 * connection's search path, so that a command-line tool the test runs with it finds the same data; null on SQLite.
 */
export function testDatabaseUrlFor(dataDir: string): string | null {
  if (testDatabaseUrl === null) return null;
  const url = new URL(testDatabaseUrl);
  url.searchParams.set("options", `-c search_path=${schemaFor(dataDir)}`);
  return url.toString();
}

/** The database of a test whose data lives in `dataDir` (a SQLite file there, or its schema on PostgreSQL). */
export async function openTestDatabase(config: { databaseFile: string; dataDir: string }): Promise<OpenedDatabase> {
  if (onPostgres) await onServer(`create schema if not exists ${schemaFor(config.dataDir)}`);
  return openConfiguredDatabase({ databaseUrl: testDatabaseUrlFor(config.dataDir), databaseFile: config.databaseFile });
}

/** Removes what `openTestDatabase` made for `dataDir` on PostgreSQL (the caller removes the directory itself). */
export async function dropTestDatabase(dataDir: string): Promise<void> {
  if (onPostgres) await onServer(`drop schema if exists ${schemaFor(dataDir)} cascade`);
}

/** The SQLite handle of a test that is about SQLite itself (and is skipped on PostgreSQL with `onPostgres`). */
export function sqliteOf(database: OpenedDatabase): OpenedSqlite["sqlite"] {
  if (database.kind !== "sqlite") throw new Error("this test is about SQLite: skip it with onPostgres");
  return database.sqlite;
}

/**
 * Something that changes whenever anything is written to the database. SQLite: its count of changed rows since the
 * connection opened. PostgreSQL: a digest of every row of every table of the test's schema. `appendOnly` names a
 * table whose new rows are expected (the audit log, which is only ever inserted into): they do not move the mark.
 */
export async function writeMark(database: OpenedDatabase, options: { appendOnly?: string } = {}): Promise<string> {
  if (database.kind === "sqlite") {
    const changed = (database.sqlite.prepare("select total_changes() as n").get() as { n: number }).n;
    const appended = options.appendOnly
      ? (database.sqlite.prepare(`select count(*) as n from ${options.appendOnly}`).get() as { n: number }).n
      : 0;
    return String(changed - appended);
  }
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(database.db);
  const digests: string[] = [];
  for (const { name } of tables) {
    if (name === options.appendOnly) continue;
    const { rows } = await sql<{ digest: string }>`
      select ${name} || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
      from ${sql.table(name)} t`.execute(database.db);
    digests.push(rows[0]!.digest);
  }
  return digests.join(",");
}

/** The tables of the test's database (its schema on PostgreSQL), by name. */
export async function tableNames(database: OpenedDatabase): Promise<string[]> {
  const { rows } =
    database.kind === "sqlite"
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
  return rows.map((row) => row.name).sort();
}
