import type { Db } from "../../db/database.ts";
import { inLockedTransaction } from "../../db/transaction.ts";
import type { Submitted } from "./respond.schemas.ts";
import type { PendingSubmission } from "./respond.service.ts";
import { writeSubmissions } from "./submission-writes.ts";

interface Job {
  pending: PendingSubmission;
  resolve: (submitted: Submitted) => void;
  reject: (error: unknown) => void;
}

/** Submissions written in one transaction at most: far below either database's limit on a statement's parameters. */
const maxBatch = 64;

/**
 * Batches being written at once, at most: the submissions validated while one is written wait for its commit, then
 * go together. Flushed at every turn instead, 16 concurrent submissions on PostgreSQL made batches of about 3, up to 7
 * transactions at once, each paying the same round trips and commit and all locking (`for key share`) the same
 * evaluation and questionnaire rows; PostgreSQL's CPU per submission grew with their number (0.75-0.85 ms with one
 * instance, 1.3-1.5 ms with two). One at a time: larger batches, 0.65-0.95 ms with either (docs/benchmarks.md,
 * "(ninth)"). A batch that waits for a row lock (a draft save of one of its invitations) holds up the next for as
 * long: those transactions are short. On SQLite a transaction runs within one turn (the driver is synchronous), so no
 * batch ever waits for another there.
 */
const maxInFlight = 1;

/**
 * Writes the submissions whose validation ends in the same turn of the event loop together: one transaction and one
 * set of statements (writeSubmissions) for all of them, and each acknowledged once that transaction has committed.
 * Survey workers hand back the answer sets of concurrent requests together (version-task-batches.ts), so under load
 * their submissions arrive here together too.
 *
 * - SQLite: one writer at a time, every commit waits for the disk (synchronous=FULL): submissions share that wait.
 * - PostgreSQL: every statement is a round trip to another process, and every transaction takes its own `for key
 *   share` locks on the rows its foreign keys name (the evaluation, the questionnaire: shared by all): a batch pays
 *   for these once.
 *
 * A refusal (404, 409, 410, 422) is one submission's outcome and the others are written. An error of the database's
 * fails the whole transaction; its submissions are then written again each alone, so that only the one it belongs to
 * fails. Two submissions of one invitation never share a batch: the later waits for the next, and sees the first.
 */
export class SubmissionBatches {
  private queue: Job[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  /** Submissions validated and waiting for a batch to start. */
  get waiting(): number {
    return this.queue.length;
  }

  readonly write = (pending: PendingSubmission): Promise<Submitted> =>
    new Promise<Submitted>((resolve, reject) => {
      this.queue.push({ pending, resolve, reject });
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled || this.inFlight >= maxInFlight) return;
    this.scheduled = true;
    // After the callbacks of this turn's I/O: every submission validated with this one has queued.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch: Job[] = [];
    const later: Job[] = [];
    const invitations = new Set<number>();
    for (const job of this.queue) {
      const id = job.pending.link.invitation.id;
      if (batch.length >= maxBatch || invitations.has(id)) later.push(job);
      else {
        batch.push(job);
        invitations.add(id);
      }
    }
    this.queue = later;
    this.inFlight++;
    void this.run(batch).finally(() => {
      this.inFlight--;
      if (this.queue.length > 0) this.schedule();
    });
    if (later.length > 0) this.schedule();
  }

  private async run(batch: Job[]): Promise<void> {
    let outcomes;
    try {
      outcomes = await writeSubmissions(
        (lock, work) => inLockedTransaction(this.db, lock, work),
        batch.map((job) => job.pending),
      );
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((job) => this.run([job])));
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
