import { AsyncLocalStorage } from "node:async_hooks";
import {
  Kysely,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from "kysely";
import type { Database } from "./schema.ts";

type Db = Kysely<Database>;

/** Marks the code that runs inside a transaction of one database (see `inTransaction`, server/db/transaction.ts). */
export interface TransactionGuard {
  /** The transaction the running code is inside; `open` turns false when it ends (timers made inside outlive it). */
  readonly holders: AsyncLocalStorage<{ guard: TransactionGuard; open: boolean }>;
}

const transactionGuards = new WeakMap<Db, TransactionGuard>();

/** The guard of a database opened by `openDatabase`, for `inTransaction` to mark its work with. */
export function transactionGuardOf(db: Db): TransactionGuard | undefined {
  return transactionGuards.get(db);
}

/**
 * A Kysely handle whose queries fail at once when they are sent through the database handle (instead of the
 * transaction's) by code that runs inside a transaction of `inTransaction`. SQLite has one connection: such a
 * query would wait for it forever. PostgreSQL has a pool: it would run outside the transaction (not atomic with
 * it, and waiting forever for a row the transaction locked).
 */
export function guardedKysely(dialect: Dialect): Db {
  const guard: TransactionGuard = { holders: new AsyncLocalStorage() };
  const guarded: Dialect = {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new GuardedDriver(dialect.createDriver(), guard),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
  const db = new Kysely<Database>({ dialect: guarded });
  transactionGuards.set(db, guard);
  return db;
}

class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly guard: TransactionGuard,
  ) {}

  init() {
    return this.inner.init();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    const holder = this.guard.holders.getStore();
    if (holder?.guard === this.guard && holder.open) {
      return Promise.reject(
        new Error(
          "A query on the database handle inside a transaction would wait forever for the connection the " +
            "transaction holds: pass the transaction's handle instead",
        ),
      );
    }
    return this.inner.acquireConnection();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    return this.inner.savepoint!(connection, name, compile);
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }
  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}
