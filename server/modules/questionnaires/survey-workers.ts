import os from "node:os";
import { Piscina } from "piscina";
import { AppError } from "../../errors.ts";
import type { SurveyTask, SurveyWorkerData, VersionRef, VersionTask } from "../../survey-model/survey-worker.ts";
import { clearStamp, createTaskStamps, startedAt } from "../../survey-model/task-stamps.ts";
import { VersionTaskBatches } from "./version-task-batches.ts";

/**
 * The worker threads run at a lower scheduling priority than the event loop (Linux, through piscina's optional
 * `@napi-rs/nice`; elsewhere nothing changes): when answer sets that spin until their budget, and workers starting
 * up, want more CPU than the machine has, the event loop still gets it first and keeps answering everyone else.
 */
const workerNiceIncrement = 10;

const workerFile = new URL("../../survey-model/survey-worker.mjs", import.meta.url).href;

/**
 * A task waiting this many budgets to start is refused too: the workers are all busy, or the version takes that long
 * to compile. Generous, since waiting costs the event loop nothing and a busy machine slows every worker's first
 * compile of a large questionnaire; what a single task may hold a worker for is the budget itself.
 */
const queueBudgets = 30;

/** Tasks that may be under way or queued at once; more are refused as a full queue would be. */
const taskSlots = 4096;

/**
 * How long the slot of a stopped task stays out of use: the thread that ran it is being terminated and could still
 * stamp the slot, which would shorten the budget of the next task given it.
 */
const stoppedSlotQuarantineMs = 5_000;

/**
 * The survey worker threads (piscina), where every survey-core model built from a request's questionnaire or
 * answers lives: a costly questionnaire or answer set holds one worker, never the event loop, and each task gets
 * a time budget that starts when the worker starts the request's own work (loading survey-core into a new worker
 * and compiling a version it has not seen are not the request's doing). Over the budget the worker is terminated, piscina starts another, and the caller gets
 * `timedOut` to turn into its answer: nothing is stored.
 */
export class SurveyWorkers {
  private pool: Piscina | null = null;
  private readonly stamps = createTaskStamps(taskSlots);
  private readonly freeSlots = Array.from({ length: taskSlots }, (_, i) => taskSlots - 1 - i);
  private readonly threads = Math.max(2, os.availableParallelism());
  private readonly batches: VersionTaskBatches;

  constructor(private readonly budgetMs: number) {
    this.batches = new VersionTaskBatches((task, timedOut) => this.run(task, timedOut), {
      maxInFlight: this.threads,
      maxWaiting: taskSlots,
      maxWaitMs: budgetMs * queueBudgets,
      budgetMs,
    });
  }

  /** Starts the threads now rather than on the first request (the first start takes a while). */
  start(): void {
    this.pool ??= new Piscina({
      filename: workerFile,
      minThreads: 1,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      niceIncrement: workerNiceIncrement,
      workerData: { stamps: this.stamps } satisfies SurveyWorkerData,
    });
  }

  /** One answer set's work on a version, handed over with those of concurrent requests (version-task-batches.ts). */
  onVersion<T>(task: VersionTask & VersionRef, timedOut: (budgetMs: number) => AppError): Promise<T> {
    return this.batches.run<T>(task, timedOut);
  }

  async run<T>(task: SurveyTask, timedOut: (budgetMs: number) => Error, budgetMs = this.budgetMs): Promise<T> {
    this.start();
    const slot = this.freeSlots.pop();
    if (slot === undefined) throw timedOut(budgetMs);
    clearStamp(this.stamps, slot);
    const controller = new AbortController();
    const queuedUntil = Date.now() + budgetMs * queueBudgets;
    // One timer per task, re-armed until the task's deadline: the queue's while it waits, then its own budget from
    // the moment the worker stamped its start.
    let timer: NodeJS.Timeout;
    const check = () => {
      const started = startedAt(this.stamps, slot);
      const left = (started === null ? queuedUntil : started + budgetMs) - Date.now();
      if (left <= 0) controller.abort();
      else timer = setTimeout(check, started === null ? Math.min(left, budgetMs) : left);
    };
    timer = setTimeout(check, budgetMs);
    try {
      return (await this.pool!.run({ ...task, slot }, { signal: controller.signal })) as T;
    } catch (error) {
      if (controller.signal.aborted) throw timedOut(budgetMs);
      throw error;
    } finally {
      clearTimeout(timer);
      if (controller.signal.aborted) setTimeout(() => this.freeSlots.push(slot), stoppedSlotQuarantineMs).unref();
      else this.freeSlots.push(slot);
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close({ force: true });
  }
}
