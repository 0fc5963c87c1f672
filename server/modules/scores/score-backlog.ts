import type { Db } from "../../db/database.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import { claimUnscored, unscoredResponses } from "./scores.repository.ts";
import { refreshScoresOf } from "./scores.service.ts";

export interface ScoreBacklogOptions {
  /** Score once no submission has arrived for this long... */
  quietMs: number;
  /** ...or once the oldest waiting submission has waited this long, whatever the load. */
  maxWaitMs: number;
  /** Responses scored in one transaction. */
  batchSize: number;
}

// A batch of 10 holds the database for ~10 ms: an autosave arriving meanwhile waits no longer than that.
export const defaultScoreBacklogOptions: ScoreBacklogOptions = { quietMs: 100, maxWaitMs: 2_000, batchSize: 10 };

/**
 * Scores respondents' submissions after they are acknowledged. A submission is durable once its answers and their
 * audit row are committed; its scores are derived data (docs/scoring.md) that every reader computes when they are
 * missing, so they need not hold up the respondent. Scoring waits for a quiet moment, a batch per transaction,
 * which keeps a burst of submissions from paying for it while it lasts; it is never later than `maxWaitMs`
 * by more than one batch per turn.
 */
export class ScoreBacklog {
  private readonly waiting = new Set<number>();
  private oldestSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly catalogue: QuestionnaireCatalogue,
    private readonly options: ScoreBacklogOptions = defaultScoreBacklogOptions,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  add(responseId: number): void {
    if (this.closed) return;
    this.waiting.add(responseId);
    this.oldestSince ??= Date.now();
    this.schedule();
  }

  /**
   * Queues the submitted responses that have no scores (after a restart, or a crash before they were scored),
   * leaving out those of questionnaires without a scoring model, which never have any.
   */
  async addUnscored(): Promise<number> {
    const scored = new Map<string, boolean>();
    let added = 0;
    for (const row of await unscoredResponses(this.db)) {
      const key = `${row.questionnaire_id}@${row.questionnaire_version}`;
      if (!scored.has(key)) {
        const model = await this.catalogue.model(this.db, row.questionnaire_id, row.questionnaire_version);
        scored.set(key, model.scoring !== undefined && model.scoring !== null);
      }
      if (!scored.get(key)) continue;
      this.add(row.id);
      added++;
    }
    return added;
  }

  /** Scores everything waiting now, batch after batch (tests, and the benchmark between its rounds). */
  async drain(): Promise<void> {
    this.clearTimer();
    await this.running;
    while (this.waiting.size > 0) await this.runBatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    await this.running;
  }

  private schedule(): void {
    if (this.running || this.closed) return;
    this.clearTimer();
    const waited = Date.now() - (this.oldestSince ?? Date.now());
    const delay = Math.max(0, Math.min(this.options.quietMs, this.options.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runBatch().then(() => {
        if (this.waiting.size > 0) this.schedule();
      });
    }, delay);
    // Waiting scores never keep a process alive: they are recomputed on read or at the next start.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private runBatch(): Promise<void> {
    const batch = [...this.waiting].slice(0, this.options.batchSize);
    for (const id of batch) this.waiting.delete(id);
    this.oldestSince = this.waiting.size > 0 ? Date.now() : null;
    // Only those still unscored: after a restart of several instances, each queues the same backlog.
    this.running = inTransaction(this.db, async (trx) =>
      refreshScoresOf(trx, this.catalogue, await claimUnscored(trx, batch)),
    )
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
