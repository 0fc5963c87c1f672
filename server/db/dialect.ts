import { PostgresAdapter, sql, type RawBuilder } from "kysely";
import type { Db } from "./database.ts";

// What SQLite and PostgreSQL spell differently, in one place: repositories and services call these and never ask
// which database they run on.

export type Dialect = "sqlite" | "postgres";

/** The database behind a handle (a transaction's included). */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A step of a JSON path: a key, or an index into an array. */
export type JsonPathStep = string | number;

/**
 * The values at `paths` in the JSON text of `column`, as the text of one JSON array (null where a path is absent).
 * Numbers read back as the numbers written: SQLite's json_extract copies their text; PostgreSQL's `jsonb` keeps every
 * decimal digit (`numeric`), so the shortest text `JSON.stringify` wrote parses back to the same double (only the
 * spelling may change: `1e-7` comes back as `0.0000001`, an array with a space after each comma).
 */
export function jsonValues(
  db: Db,
  column: string,
  paths: readonly (readonly JsonPathStep[])[],
): RawBuilder<string | null> {
  const ref = sql.ref(column);
  if (dialectOf(db) === "postgres") {
    // Parsed once into jsonb, then each path is a lookup. Each `::json #>` of its own parsed the whole text again:
    // 34 paths of a 9 kB score trace took 11 ms a row. `offset 0` keeps the planner from putting the cast back
    // into every path.
    const values = paths.map((steps) => sql`parsed.value #> ${sql.lit(`{${steps.join(",")}}`)}`);
    // A missing trace (left join) is null like SQLite's answer, not an array of nulls.
    return sql<
      string | null
    >`case when ${ref} is null then null else (select json_build_array(${sql.join(values)})::text
      from (select ${ref}::jsonb as value offset 0) as parsed) end`;
  }
  const texts = paths.map((steps) => sql`${sqlitePath(steps)}`);
  return sql<string | null>`json_extract(${ref}, ${sql.join(texts)})`;
}

function sqlitePath(steps: readonly JsonPathStep[]): string {
  return "$" + steps.map((step) => (typeof step === "number" ? `[${step}]` : `.${step}`)).join("");
}

/** SQLite: the file has as many pages as `max_page_count` allows, so no write that needs a new page can succeed. */
export async function atSizeLimit(db: Db): Promise<boolean> {
  if (dialectOf(db) === "postgres") return false;
  const { rows } = await sql<{ pages: number; maxPages: number }>`
    select (select page_count from pragma_page_count()) as pages,
           (select max_page_count from pragma_max_page_count()) as maxPages`.execute(db);
  return rows[0] !== undefined && rows[0].pages >= rows[0].maxPages;
}

/**
 * A query that locks the rows it reads, skipping those another transaction holds (`for update skip locked`): how
 * instances sharing PostgreSQL split work between them. SQLite has one writer at a time: the query as it is.
 */
export function lockingSkipped<Q extends { forUpdate(): Q; skipLocked(): Q }>(db: Db, query: Q): Q {
  return dialectOf(db) === "postgres" ? query.forUpdate().skipLocked() : query;
}

/**
 * A query that locks the rows it reads until the transaction ends (`for update`), so that a unit of
 * `inLockedTransaction` on the same row waits for this one. SQLite has no row locks and needs none: its transactions
 * take the one write lock at `begin immediate`, so the query runs as it is.
 */
export function lockedForUpdate<Q extends { forUpdate(): Q }>(db: Db, query: Q): Q {
  return dialectOf(db) === "postgres" ? query.forUpdate() : query;
}
