import { PostgresAdapter, sql, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from "kysely";

// The one place where the migrations tell SQLite from PostgreSQL. Frozen like them: imports Kysely only. On SQLite
// each helper gives exactly what the migrations wrote before PostgreSQL was supported, so a database created then
// and one created now hold the same schema (test/server/sqlite-schema.test.ts compares it with a snapshot).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer key the database numbers: `autoincrement` on SQLite, an identity column on PostgreSQL. */
export function generatedId(db: Kysely<any>) {
  return (column: ColumnDefinitionBuilder) =>
    isPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();
}

/** A floating-point number: SQLite's `real` is 8 bytes, PostgreSQL's only 4 (2.8333333 instead of 2.8333333333333335). */
export function float(db: Kysely<any>): ColumnDataType {
  return isPostgres(db) ? "double precision" : "real";
}

/** Bytes: PostgreSQL has no `blob`. */
export function bytes(db: Kysely<any>): ColumnDataType {
  return isPostgres(db) ? "bytea" : "blob";
}

/**
 * PostgreSQL: makes `table` unlogged (no write-ahead log: its commits do not wait for the disk, a crash empties it,
 * standbys do not have it), for rows that are worth less than that wait. SQLite has no such thing: nothing.
 */
export async function unloggedOnPostgres(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) await sql`alter table ${sql.table(table)} set unlogged`.execute(db);
}

/** The way back: logged again. */
export async function loggedOnPostgres(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) await sql`alter table ${sql.table(table)} set logged`.execute(db);
}

/** Runs `work` on PostgreSQL only: for what SQLite already has in another form (see the migration's comment). */
export async function onPostgresOnly(db: Kysely<any>, work: () => Promise<void>): Promise<void> {
  if (isPostgres(db)) await work();
}
