import type { AppError } from "../../errors.ts";
import type { BatchTask, VersionTask, VersionRef } from "../../survey-model/survey-worker.ts";

/** Answer sets handed to a worker in one task at most. */
const maxBatch = 16;

/** What runs one batch in a worker within the time budget (SurveyWorkers.run), throwing `timedOut`'s error past it. */
export type RunBatch = (task: BatchTask, timedOut: (budgetMs: number) => Error) => Promise<unknown[]>;

interface Pending {
  task: VersionTask & VersionRef;
  timedOut: (budgetMs: number) => AppError;
  /** Past this time (Date.now()) it leaves no more: refused as a task waiting too long in the workers' queue is. */
  waitUntil: number;
  resolve: (outcome: unknown) => void;
  reject: (error: unknown) => void;
}

/** Raised inside a batch's run when it ran out of time, so that its answer sets are tried again one by one. */
class BatchTimedOut extends Error {}

/**
 * Hands the answer sets of concurrent requests to the survey workers several at a time. Each hand-over to a worker
 * thread and back costs the event loop, and the thread a wake-up, far more than checking one answer set (a fraction
 * of a millisecond with a version's plan): with as many tasks in flight as there are threads, the requests that
 * arrive meanwhile wait here and leave together in the next task.
 *
 * A batch shares one time budget. When it runs out, its worker is stopped and every answer set of it is run again
 * alone, with a budget of its own, ahead of those still waiting: a costly answer set delays the others of its
 * batch but never decides their outcome, and is refused on its own account.
 */
export class VersionTaskBatches {
  private readonly waiting: Pending[] = [];
  /** Answer sets that were in a batch that ran out of time: each runs alone. */
  private readonly alone: Pending[] = [];
  private inFlight = 0;
  private dispatchScheduled = false;

  constructor(
    private readonly runBatch: RunBatch,
    private readonly limits: { maxInFlight: number; maxWaiting: number; maxWaitMs: number; budgetMs: number },
  ) {}

  run<T>(task: VersionTask & VersionRef, timedOut: (budgetMs: number) => AppError): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { maxWaiting, maxWaitMs, budgetMs } = this.limits;
      if (this.waiting.length + this.alone.length >= maxWaiting) {
        reject(timedOut(budgetMs));
        return;
      }
      const waitUntil = Date.now() + maxWaitMs;
      this.waiting.push({ task, timedOut, waitUntil, resolve: resolve as (outcome: unknown) => void, reject });
      this.scheduleDispatch();
    });
  }

  /** On the next turn of the event loop, so that the requests read in this one leave together. */
  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    const now = Date.now();
    while (this.waiting[0] && this.waiting[0].waitUntil <= now) {
      const expired = this.waiting.shift()!;
      expired.reject(expired.timedOut(this.limits.budgetMs));
    }
    while (this.inFlight < this.limits.maxInFlight) {
      const single = this.alone.shift();
      const batch = single ? [single] : this.waiting.splice(0, maxBatch);
      if (batch.length === 0) return;
      void this.send(batch);
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    this.inFlight++;
    try {
      const outcomes = await this.runBatch(
        { kind: "batch", tasks: batch.map((pending) => pending.task) },
        (budgetMs) =>
          batch.length === 1 ? batch[0]!.timedOut(budgetMs) : new BatchTimedOut(`batch over ${budgetMs} ms`),
      );
      batch.forEach((pending, i) => pending.resolve(outcomes[i]));
    } catch (error) {
      if (error instanceof BatchTimedOut) this.alone.push(...batch);
      else for (const pending of batch) pending.reject(error);
    } finally {
      this.inFlight--;
      this.scheduleDispatch();
    }
  }
}
