import { sql } from "kysely";
import type { Db } from "./database.ts";
import { dialectOf } from "./dialect.ts";
import { isStalePlan } from "./prepared-statements.ts";
import { transactionGuardOf, type TransactionGuard } from "./transaction-guard.ts";

/**
 * Runs `work` in one transaction and hands it the handle to run every statement on. Callers (route handlers,
 * command-line tools, the demo loader, the submission batches) open transactions; services and repositories take
 * whatever `Db` they are given and never open one, so that any number of them compose into one atomic unit.
 *
 * SQLite: `begin immediate` takes the write lock at once, so another process (the server while `npm run demo`
 * or `npm run user:create` runs) cannot commit between this transaction's reads and its writes, and a read
 * never has to be upgraded to a write (which SQLite may refuse with SQLITE_BUSY instead of waiting). While
 * `work` runs, a query sent through `db` itself fails at once (server/db/database.ts) instead of waiting forever
 * for the one connection.
 *
 * PostgreSQL: `serializable`, so that concurrent read-then-write units (two saves of one draft, two first
 * submissions of one invitation, two instances claiming one email) behave as if run one after the other; the one
 * the server aborts (40001 serialization failure, 40P01 deadlock) is run again from the start, after a random
 * pause, so `work` must do nothing outside the database that cannot happen twice.
 */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  const guard = transactionGuardOf(db);
  if (!guard) {
    throw new Error("inTransaction takes the database handle itself, not a transaction: pass the handle on instead");
  }
  if (dialectOf(db) === "postgres") return retried(db, guard, "serializable", work);
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    const holder = { guard, open: true };
    try {
      const result = await guard.holders.run(holder, () => work(connection));
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    } finally {
      holder.open = false;
    }
  });
}

/**
 * Runs `work` in one transaction that first locks rows with `lock` (which must read them `for update`: see
 * `lockedForUpdate`, server/db/dialect.ts; several in id order, so that two units never wait for each other's) and
 * hands `work` what `lock` read. For units whose every read-then-write belongs to those rows (a respondent's writes
 * belong to the invitation, a batch's to its invitations), so that two of them on one row queue on its lock, and
 * units on other rows never wait for or abort each other.
 *
 * SQLite: `inTransaction`, `begin immediate` (the one write lock covers every row).
 *
 * PostgreSQL: `read committed`, not `serializable`: its predicate locks cover index pages, not rows, so units on
 * neighbouring rows (invitations 100 and 101 look up and insert their responses in one leaf of the
 * `responses.invitation_id` index) abort each other and run again, more than once per unit under load. Here each
 * statement sees what committed before it, and the row lock makes the units of one row one after the other. What
 * `work` reads that the lock does not cover is the caller's to explain. A deadlock (40P01) is run again like a
 * conflict in `inTransaction`.
 */
export async function inLockedTransaction<L, T>(
  db: Db,
  lock: (trx: Db) => Promise<L>,
  work: (trx: Db, locked: L) => Promise<T>,
): Promise<T> {
  const guard = transactionGuardOf(db);
  if (!guard) {
    throw new Error("inLockedTransaction takes the database handle itself, not a transaction: pass the handle on");
  }
  const unit = async (trx: Db) => work(trx, await lock(trx));
  if (dialectOf(db) === "postgres") return retried(db, guard, "read committed", unit);
  return inTransaction(db, unit);
}

/**
 * Runs a unit of writes in the caller's transaction: one of its own (`(work) => inTransaction(db, work)`), or one
 * the caller already runs. Services that must first wait on something slow (a survey worker) take one, so that the
 * wait happens before the write lock is taken, not while it is held.
 */
export type Commit = <T>(work: (trx: Db) => Promise<T>) => Promise<T>;

/**
 * The same for a unit that locks rows first (`inLockedTransaction`): its own, one shared by a batch
 * (SubmissionBatches), or (`within`) the transaction a caller already runs.
 */
export type LockedCommit = <L, T>(
  lock: (trx: Db) => Promise<L>,
  work: (trx: Db, locked: L) => Promise<T>,
) => Promise<T>;

/** Runs locked units inside `trx`, a transaction the caller opened and will commit (composition, the demo loader). */
export function within(trx: Db): LockedCommit {
  return async (lock, work) => work(trx, await lock(trx));
}

/** Attempts of one transaction before the conflict is answered as an error: 20 writers of one row need up to 20. */
const maxAttempts = 40;

async function retried<T>(
  db: Db,
  guard: TransactionGuard,
  isolation: "serializable" | "read committed",
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const holder = { guard, open: true };
    try {
      return await db
        .transaction()
        .setIsolationLevel(isolation)
        .execute((trx) => guard.holders.run(holder, () => work(trx)));
    } catch (error) {
      if (attempt >= maxAttempts || !isSerializationConflict(error)) throw error;
      // Random and growing, so that the writers that collided do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 * attempt)));
    } finally {
      holder.open = false;
    }
  }
}

/** An abort that running the transaction again resolves: a conflict, or a statement prepared before a migration. */
function isSerializationConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01" || isStalePlan(error);
}
