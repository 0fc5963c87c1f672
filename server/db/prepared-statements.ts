import pg from "pg";

/** Statements named on one connection at most: each keeps its plan in the memory of that connection's backend. */
const maxPerConnection = 256;

/** Texts counted at most, so that one-off statements (a migration's) cannot grow the count without end. */
const maxCounted = 4096;

/** Statements that may change what a prepared statement reads or returns: every name is then forgotten. */
const schemaChange = /^\s*(create|alter|drop|truncate|comment|grant|revoke)\b/i;

/**
 * Which statements the connections of one pool prepare. PostgreSQL parses, analyses and plans an unnamed statement
 * every time it runs: for the product's statements (the same texts over and over, values bound) that was a quarter
 * of its time per submission. A text run a second time is given a name, and each connection then parses it once
 * and, after five runs, keeps a generic plan (plan_cache_mode auto); a text seen once (a migration, a report's rare
 * query) stays unnamed.
 *
 * A prepared statement's result columns are fixed when it is prepared. Migrations run through this pool (DDL
 * seen here) start a new generation of names, so nothing prepared before them is used after; a schema changed by
 * another process (an instance of a newer version migrating) makes PostgreSQL refuse a stale statement once with
 * "cached plan must not change result type" (SQLSTATE 0A000): that too starts a new generation, and a transaction
 * that met it is run again (server/db/transaction.ts).
 */
export class PreparedStatements {
  private generation = 0;
  private readonly counted = new Map<string, number>();
  private readonly names = new Map<string, string>();

  /** The name to run `text` under, or undefined to run it unnamed. */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (schemaChange.test(text)) {
      this.forget();
      return undefined;
    }
    const count = (this.counted.get(text) ?? 0) + 1;
    if (count < 2) {
      if (this.counted.size >= maxCounted) this.counted.clear();
      this.counted.set(text, count);
      return undefined;
    }
    this.counted.delete(text);
    const name = `sapat_${this.generation}_${this.names.size}`;
    this.names.set(text, name);
    return name;
  }

  /** Names given so far are not used again; the statements they name stay in their backends until they close. */
  forget(): void {
    this.generation++;
    this.names.clear();
    this.counted.clear();
  }
}

/** A pg client class whose queries of a text and values run under the name `statements` gives that text. */
export function preparingClient(statements: PreparedStatements): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    private readonly prepared = new Set<string>();

    // Kysely sends `query(text, values)` and awaits the promise; any other form (a cursor, a callback) is passed on.
    override query(...args: any[]): any {
      const [text, values, callback] = args as [unknown, unknown, unknown];
      if (typeof text !== "string" || !Array.isArray(values) || callback !== undefined) {
        return (super.query as (...a: unknown[]) => unknown)(...args);
      }
      const name = statements.nameOf(text);
      if (name === undefined || (!this.prepared.has(name) && this.prepared.size >= maxPerConnection)) {
        return super.query(text, values);
      }
      this.prepared.add(name);
      return super.query({ name, text, values }).catch((error: unknown) => {
        if (isStalePlan(error)) statements.forget();
        throw error;
      });
    }
  };
}

/** PostgreSQL's refusal of a prepared statement whose result columns the schema has since changed. */
export function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "0A000" && typeof message === "string" && message.includes("cached plan must not change result");
}
