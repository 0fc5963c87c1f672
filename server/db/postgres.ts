import pg from "pg";
import Cursor from "pg-cursor";
import { OwnSchemaPostgresDialect } from "./own-schema-introspector.ts";
import { PreparedStatements, preparingClient } from "./prepared-statements.ts";
import { guardedKysely } from "./transaction-guard.ts";

const { builtins } = pg.types;

/**
 * Counts (`count(*)` is bigint) and sums (numeric) arrive from pg as strings, to keep digits a JavaScript number
 * cannot hold; no count or sum of this product comes near 2^53, and the code (like SQLite) expects numbers.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === builtins.INT8 || oid === builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** Connections per process: a request holds one for its transaction only; two cores gain nothing from more. */
const poolSize = 10;

/** A schema name is put into the connection's options: only letters, digits and underscores are accepted. */
const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool on a PostgreSQL server. Rows that are streamed (`.stream()`, the exports) are read through a cursor,
 * so a large export never holds its whole result.
 */
export function openPostgres(url: string, options: { schema?: string } = {}) {
  if (options.schema !== undefined && !schemaName.test(options.schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(options.schema)}`);
  }
  const pool = new pg.Pool({
    Client: preparingClient(new PreparedStatements()),
    connectionString: url,
    max: poolSize,
    types,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle connection the server closes (a restart, a failover) must not end the process: the pool replaces it.
  pool.on("error", () => {});
  const db = guardedKysely(new OwnSchemaPostgresDialect({ pool, cursor: Cursor }));
  return { kind: "postgres" as const, db, pool };
}
