import type { InterviewBody, InterviewSaved } from "../../../../server/modules/interviews/interviews.schemas.ts";
import type { NewOrganizationBody } from "../../../../server/modules/organizations/organizations.schemas.ts";
import type { ResponseCopy } from "../../../../server/modules/responses/responses.schemas.ts";
import { ApiError, NetworkError } from "../../lib/http.ts";
import type { InterviewContent, LocalInterview, PendingOrganization, SyncError } from "./store.ts";

// The sync queue: sends the interviews that changed on this device, one at a time, until the server has confirmed
// each. No DOM and no IndexedDB here: the store and the transport are given, so that it can be tested in Node.

/** The part of FieldStore the queue uses. */
export interface SyncStore {
  listInterviews(): Promise<LocalInterview[]>;
  listPendingOrganizations(): Promise<PendingOrganization[]>;
  recordOrganizationCreated(clientId: string, organizationId: number): Promise<unknown>;
  recordOrganizationError(clientId: string, error: SyncError): Promise<unknown>;
  recordSending(clientId: string, sent: InterviewContent & { change: number }): Promise<unknown>;
  recordSaved(clientId: string, sent: number, saved: InterviewSaved): Promise<unknown>;
  recordConflict(clientId: string, copy: ResponseCopy): Promise<unknown>;
  recordOwnRevision(clientId: string, revision: number, responseId: number): Promise<unknown>;
  recordError(clientId: string, error: SyncError): Promise<unknown>;
}

export interface SyncTransport {
  putInterview(clientId: string, body: InterviewBody): Promise<InterviewSaved>;
  putOrganization(clientId: string, body: NewOrganizationBody): Promise<{ id: number }>;
}

export type SyncPhase = "idle" | "syncing" | "retrying" | "paused";

export interface SyncStatus {
  phase: SyncPhase;
  /** Network failures in a row; the next try waits 2 s, 4 s, ... up to 60 s. */
  failures: number;
  /** When the next try is due (epoch ms), while retrying. */
  retryAt: number | null;
}

export interface SyncOptions {
  store: SyncStore;
  transport: SyncTransport;
  /** False while there is no confirmed session (no CSRF token): the queue pauses. */
  canSend?: () => boolean;
  /** Runs one sync pass alone across the browser's tabs (the Web Locks API where there is one). */
  withLock?: (run: () => Promise<void>) => Promise<void>;
  setTimer?: (run: () => void, ms: number) => () => void;
  now?: () => number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** An interview the queue should send now: changed, not waiting for a merge, not refused as it stands. */
export function needsSync(interview: LocalInterview): boolean {
  if (!interview.dirty || interview.conflict) return false;
  return !(interview.lastError && interview.lastError.change === interview.changeCount);
}

export interface SyncCounts {
  /** Changed here and not yet confirmed (including those refused or in conflict). */
  waiting: number;
  conflicts: number;
  /** Refused by the server (422 and the like): they need the evaluator. */
  errors: number;
}

export function countSync(interviews: LocalInterview[], organizations: PendingOrganization[] = []): SyncCounts {
  const conflicts = interviews.filter((i) => i.conflict).length;
  const errors =
    interviews.filter((i) => !i.conflict && i.dirty && i.lastError?.change === i.changeCount).length +
    organizations.filter((o) => o.organizationId === null && o.lastError).length;
  return { waiting: interviews.filter((i) => i.dirty || i.conflict).length, conflicts, errors };
}

export function interviewContent(interview: LocalInterview): InterviewContent {
  const { organizationId, data, status, interviewee, conductedAt, place } = interview;
  return { organizationId, data, status, interviewee, conductedAt, place };
}

/** The PUT body of a local interview; the first send has no baseRevision. */
export function interviewBody(interview: LocalInterview, organizationId: number): InterviewBody {
  const body: InterviewBody = {
    evaluationId: interview.evaluationId,
    organizationId,
    questionnaireId: interview.questionnaireId,
    questionnaireVersion: interview.questionnaireVersion,
    data: interview.data,
    status: interview.status,
    interviewee: interview.interviewee,
    conductedAt: interview.conductedAt,
    place: interview.place.trim() || null,
  };
  if (interview.locale === "en" || interview.locale === "ru" || interview.locale === "ky")
    body.locale = interview.locale;
  if (interview.serverRevision !== null) body.baseRevision = interview.serverRevision;
  if (interview.reason) body.reason = interview.reason;
  return body;
}

/** JSON with object keys sorted, so that equal content compares equal whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Whether the server's copy is the one we sent (as the server stores it: trimmed, empty place as null). */
export function isOwnCopy(sent: InterviewContent, copy: ResponseCopy): boolean {
  const trim = (s: string | undefined) => s?.trim() ?? "";
  const who = copy.interviewee ?? { name: "", position: "", agency: "" };
  return (
    sent.organizationId === copy.organizationId &&
    sent.status === copy.status &&
    trim(sent.interviewee.name) === who.name &&
    trim(sent.interviewee.position) === who.position &&
    trim(sent.interviewee.agency) === who.agency &&
    sent.conductedAt === copy.conductedAt &&
    (sent.place.trim() || null) === copy.place &&
    canonical(sent.data) === canonical(copy.data)
  );
}

function syncError(error: ApiError, change: number): SyncError {
  return {
    status: error.status,
    code: error.body.error,
    message: error.body.message,
    details: error.body.details ?? [],
    change,
    at: new Date().toISOString(),
  };
}

/** Worth trying again later: the request did not get through, or the server could not answer now. */
function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && (error.status >= 500 || error.status === 408 || error.status === 429);
}

/** No session, or its CSRF token is stale: nothing can be sent until the evaluator signs in again. */
function isAuthProblem(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 401 || (error.status === 403 && error.body.error === "csrf_token_invalid"))
  );
}

class Paused extends Error {}

export class SyncQueue {
  private status: SyncStatus = { phase: "idle", failures: 0, retryAt: null };
  private readonly listeners = new Set<() => void>();
  private running = false;
  private again = false;
  private stopped = false;
  private cancelTimer: (() => void) | null = null;
  private timerDue = Infinity;
  private readonly setTimer: (run: () => void, ms: number) => () => void;
  private readonly now: () => number;

  constructor(private readonly options: SyncOptions) {
    this.setTimer =
      options.setTimer ??
      ((run, ms) => {
        const handle = setTimeout(run, ms);
        return () => clearTimeout(handle);
      });
    this.now = options.now ?? Date.now;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getStatus = () => this.status;

  private setStatus(status: SyncStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }

  /**
   * Asks for a sync in `delayMs` (debounced: an earlier request wins). While retrying after network failures a
   * change does not shorten the backoff; `syncNow()` and `online()` do.
   */
  kick(delayMs = 0): void {
    if (this.stopped) return;
    if (this.status.phase === "retrying" && this.status.retryAt !== null) {
      delayMs = Math.max(delayMs, this.status.retryAt - this.now());
    }
    this.schedule(delayMs);
  }

  /** The browser is back online, the session was confirmed, or the evaluator asked: try at once. */
  syncNow(): void {
    if (this.stopped) return;
    this.setStatus({ ...this.status, failures: 0, retryAt: null });
    this.schedule(0);
  }

  readonly online = () => this.syncNow();

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Runs a sync now and resolves when it is over (tests, and the "Sync now" button). */
  async run(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.setStatus({ ...this.status, phase: "syncing", retryAt: null });
    try {
      const withLock = this.options.withLock ?? ((run) => run());
      await withLock(async () => {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped);
      });
      this.setStatus({ phase: "idle", failures: 0, retryAt: null });
    } catch (error) {
      if (error instanceof Paused || isAuthProblem(error)) {
        this.setStatus({ phase: "paused", failures: 0, retryAt: null });
      } else {
        // A network failure (or a server that cannot answer now): back off, 2 s .. 60 s.
        const failures = this.status.failures + 1;
        const min = this.options.minBackoffMs ?? 2_000;
        const delay = Math.min(this.options.maxBackoffMs ?? 60_000, min * 2 ** (failures - 1));
        this.setStatus({ phase: "retrying", failures, retryAt: this.now() + delay });
        this.schedule(delay);
      }
    } finally {
      this.running = false;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = this.now() + delayMs;
    if (this.cancelTimer && due >= this.timerDue) return;
    this.cancelTimer?.();
    this.timerDue = due;
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = null;
      this.timerDue = Infinity;
      void this.run();
    }, delayMs);
  }

  /** One pass over everything waiting: organisations added on the spot first, then the interviews. */
  private async pass(): Promise<void> {
    const { store, transport } = this.options;
    if (this.options.canSend && !this.options.canSend()) throw new Paused();

    const organizations = new Map((await store.listPendingOrganizations()).map((o) => [o.clientId, o]));
    const interviews = (await store.listInterviews()).filter(needsSync);
    for (const org of organizations.values()) {
      if (org.organizationId !== null || !interviews.some((i) => i.pendingOrganizationId === org.clientId)) continue;
      try {
        const { id } = await transport.putOrganization(org.clientId, {
          name: org.name,
          kind: org.kind,
          region: org.region,
          ...(org.district ? { district: org.district } : {}),
        });
        await store.recordOrganizationCreated(org.clientId, id);
        org.organizationId = id;
      } catch (error) {
        if (isTransient(error) || isAuthProblem(error) || !(error instanceof ApiError)) throw error;
        await store.recordOrganizationError(org.clientId, syncError(error, 0));
      }
    }

    for (const interview of interviews) {
      if (this.stopped) return;
      const organizationId =
        interview.organizationId ??
        (interview.pendingOrganizationId ? organizations.get(interview.pendingOrganizationId)?.organizationId : null);
      // Its organisation could not be created (the error shows on the organisation): nothing to send yet.
      if (organizationId === null || organizationId === undefined) continue;
      const sent = { ...interviewContent(interview), organizationId, change: interview.changeCount };
      await store.recordSending(interview.clientId, sent);
      try {
        const saved = await transport.putInterview(interview.clientId, interviewBody(interview, organizationId));
        await store.recordSaved(interview.clientId, interview.changeCount, saved);
      } catch (error) {
        if (isTransient(error) || isAuthProblem(error) || !(error instanceof ApiError)) throw error;
        const copy = (error.body as { current?: ResponseCopy }).current;
        if (error.status === 409 && error.body.error === "revision_conflict" && copy) {
          const previous = interview.sending;
          if (previous && isOwnCopy(previous, copy)) {
            // Our own earlier copy, whose answer was lost on the way back: build on it and send again.
            await store.recordOwnRevision(interview.clientId, copy.revision, copy.responseId);
            this.again = true;
          } else {
            await store.recordConflict(interview.clientId, copy);
          }
        } else {
          await store.recordError(interview.clientId, syncError(error, interview.changeCount));
        }
      }
    }
    // Changes made while this pass was sending go out in the next one (not those still waiting for their organisation).
    const attempted = new Map(interviews.map((i) => [i.clientId, i.changeCount]));
    const sendable = (i: LocalInterview) =>
      i.organizationId !== null ||
      (i.pendingOrganizationId !== null &&
        (organizations.get(i.pendingOrganizationId)?.organizationId ?? null) !== null);
    const changedSince = (await store.listInterviews()).filter(
      (i) => needsSync(i) && attempted.get(i.clientId) !== i.changeCount && sendable(i),
    );
    if (changedSince.length > 0) this.again = true;
  }
}
