import { sql } from "kysely";
import type { Db } from "./database.ts";
import { dialectOf } from "./dialect.ts";
import { inLockedTransaction, inTransaction } from "./transaction.ts";

interface Job {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Commits the writes that arrive together in one transaction. With synchronous=FULL every commit waits for the disk;
 * writes queued in the same turn of the event loop share that wait, and each is acknowledged only once the shared
 * commit is on disk. Each write runs inside its own savepoint, so one that fails (a 409, a 422) is rolled back alone
 * and the others still commit.
 *
 * SQLite only: there one connection writes at a time, so sharing its commit is the way to more submissions per
 * second. PostgreSQL commits concurrent transactions in parallel (and groups their WAL flushes itself), so there each
 * write is its own transaction.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  private readonly ownTransactions: boolean;

  constructor(private readonly db: Db) {
    this.ownTransactions = dialectOf(db) === "postgres";
  }

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    if (this.ownTransactions) return inTransaction(this.db, work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the callbacks of this turn's I/O: every request that arrived with this one has queued its write.
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * A unit that locks one row first (`inLockedTransaction`). SQLite: shared like `run`'s (the lock is a plain read
   * there); PostgreSQL: a `read committed` transaction of its own behind the row's lock.
   */
  runLocked<L, T>(lock: (trx: Db) => Promise<L>, work: (trx: Db, locked: L) => Promise<T>): Promise<T> {
    if (this.ownTransactions) return inLockedTransaction(this.db, lock, work);
    return this.run(async (trx) => work(trx, await lock(trx)));
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await inTransaction(this.db, async (trx) => {
        if (batch.length === 1) {
          // Alone, a failure may roll back the whole transaction: no savepoint needed.
          outcomes.push(await settle(() => batch[0]!.work(trx)));
          if (!outcomes[0]!.ok) throw (outcomes[0] as { error: unknown }).error;
          return;
        }
        for (const job of batch) {
          await sql`savepoint grouped`.execute(trx);
          const outcome = await settle(() => job.work(trx));
          if (!outcome.ok) await sql`rollback to grouped`.execute(trx);
          await sql`release grouped`.execute(trx);
          outcomes.push(outcome);
        }
      });
    } catch (error) {
      // The commit failed (or the lone write did): nothing of this batch is on disk.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}

async function settle<T>(work: () => Promise<T>) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    return { ok: false as const, error };
  }
}
