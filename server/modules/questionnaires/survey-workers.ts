import os from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { AppError } from "../../errors.ts";
import type { SurveyTask } from "../../survey-model/survey-worker.ts";

const workerFile = new URL("../../survey-model/survey-worker.mjs", import.meta.url).href;

/**
 * A task waiting this many budgets to start is refused too: the workers are all busy, or the version takes that long
 * to compile. Generous, since waiting costs the event loop nothing and a busy machine slows every worker's first
 * compile of a large questionnaire; what a single task may hold a worker for is the budget itself.
 */
const queueBudgets = 30;

/**
 * The survey worker threads (piscina), where every survey-core model built from a request's questionnaire or
 * answers lives: a costly questionnaire or answer set holds one worker, never the event loop, and each task gets
 * a time budget that starts when the worker starts the request's own work (loading survey-core into a new worker
 * and compiling a version it has not seen are not the request's doing). Over the budget the worker is terminated, piscina starts another, and the caller gets
 * `timedOut` to turn into its answer: nothing is stored.
 */
export class SurveyWorkers {
  private pool: Piscina | null = null;

  constructor(private readonly budgetMs: number) {}

  /** Starts the threads now rather than on the first request (the first start takes a while). */
  start(): void {
    this.pool ??= new Piscina({
      filename: workerFile,
      minThreads: 1,
      maxThreads: Math.max(2, os.availableParallelism()),
      idleTimeout: 60_000,
    });
  }

  async run<T>(task: SurveyTask, timedOut: (budgetMs: number) => AppError, budgetMs = this.budgetMs): Promise<T> {
    this.start();
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let budget: NodeJS.Timeout | undefined;
    const queued = setTimeout(() => controller.abort(), budgetMs * queueBudgets);
    port1.once("message", () => {
      clearTimeout(queued);
      budget = setTimeout(() => controller.abort(), budgetMs);
    });
    try {
      return (await this.pool!.run(
        { ...task, started: port2 },
        { transferList: [port2], signal: controller.signal },
      )) as T;
    } catch (error) {
      if (controller.signal.aborted) throw timedOut(budgetMs);
      throw error;
    } finally {
      clearTimeout(queued);
      clearTimeout(budget);
      port1.close();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close({ force: true });
  }
}
