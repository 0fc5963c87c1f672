import { ApiError, NetworkError } from "../../lib/http.ts";
import type { Draft } from "./api.ts";

export type SyncState = "saved" | "saving" | "unsaved" | "offline" | "stopped";

interface PendingDraft extends Draft {
  /** Increases with every change, so that a save that raced a newer change does not clear it. */
  seq: number;
  changedAt: string;
}

export interface SendOptions {
  /** The page is being hidden or closed: the request must outlive it (fetch keepalive). */
  keepalive: boolean;
}

export interface DraftSyncOptions {
  token: string;
  send: (draft: Draft, options: SendOptions) => Promise<unknown>;
  storage?: Storage;
  /** Where `online` is announced; the window in the browser. */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  /** Quiet time after the last change before it is sent. */
  debounceMs?: number;
  /** Someone typing without a pause still has their text sent this often. */
  maxWaitMs?: number;
}

const maxBackoffMs = 60_000;

/**
 * Keeps a respondent's unsent answers safe: every change is written to localStorage at once, then sent to
 * the server (debounced, at the latest `maxWaitMs` after the first unsent change); a failed send is retried with
 * backoff and whenever the browser comes back online; `flushBeforeLeaving` sends the latest version at once, with
 * a request that outlives the page. The stored copy is removed, and the state becomes "saved", only after the
 * server has acknowledged that very version.
 *
 * One request at a time, except when leaving: then the latest version goes out even while an older one is on
 * its way (that one would die with the page). Two requests in flight may reach the server in either order, so
 * when the page lives on after both came back, the latest version is sent once more, alone, before "saved".
 */
export class DraftSync {
  private readonly key: string;
  private readonly storage: Storage;
  private readonly events: DraftSyncOptions["events"];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = 0;
  /** Requests overlapped since the last one sent alone: the order in which the server stored them is unknown. */
  private overlapped = false;
  /** The version (seq) last sent by flushBeforeLeaving, so that pagehide after visibilitychange sends it once. */
  private leavingSeq = -1;
  private failures = 0;
  private stopped = false;
  /** A submission is on its way: a draft arriving after it would be refused (409) or, worse, race it. */
  private paused = false;
  private idleWaiters: Array<() => void> = [];
  private seq: number;
  /** This page load's name in the server's order of saves (`order.session`), so that a late older save is ignored. */
  private readonly session = randomSessionId();
  private firstUnsentAt: number | null = null;
  private state: SyncState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: DraftSyncOptions) {
    this.key = `sapat:draft:${options.token}`;
    this.storage = options.storage ?? window.localStorage;
    this.events = options.events ?? (typeof window === "undefined" ? undefined : window);
    const unsent = this.unsent();
    // Versions of an earlier sitting keep counting up, so that no new change can carry an old change's number.
    this.seq = unsent?.seq ?? 0;
    this.state = unsent ? "unsaved" : "saved";
    this.events?.addEventListener("online", this.onOnline);
  }

  /** For useSyncExternalStore: the indicator re-renders alone, never the survey around it. */
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

  /** True while some change has not been acknowledged by the server (what leaving the page would put at risk). */
  hasUnsent(): boolean {
    return this.unsent() !== null && this.state !== "stopped";
  }

  private setState(state: SyncState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** The answers that never reached the server, from an earlier visit on this device. */
  unsent(): PendingDraft | null {
    try {
      const raw = this.storage.getItem(this.key);
      return raw ? (JSON.parse(raw) as PendingDraft) : null;
    } catch {
      return null;
    }
  }

  change(draft: Draft, immediately = false): void {
    if (this.stopped) return;
    const pending: PendingDraft = { ...draft, seq: ++this.seq, changedAt: new Date().toISOString() };
    try {
      this.storage.setItem(this.key, JSON.stringify(pending));
    } catch {
      // Storage full or disabled: the server copy is then the only copy, so send without delay.
      immediately = true;
    }
    this.setState("unsaved");
    const now = Date.now();
    this.firstUnsentAt ??= now;
    const debounce = this.options.debounceMs ?? 1200;
    const untilMaxWait = this.firstUnsentAt + (this.options.maxWaitMs ?? 10_000) - now;
    this.schedule(immediately ? 0 : Math.max(0, Math.min(debounce, untilMaxWait)));
  }

  /** Sends what is pending now (page change). */
  flush(): void {
    this.schedule(0);
  }

  /**
   * The page is being hidden or closed: sends the latest unsent version now, in a request that outlives the page
   * (a timer would never fire again). Synchronous up to the request being issued.
   */
  flushBeforeLeaving(): void {
    if (this.stopped || this.paused) return;
    const pending = this.unsent();
    if (!pending || pending.seq === this.leavingSeq) return;
    clearTimeout(this.timer);
    this.leavingSeq = pending.seq;
    void this.send(pending, true);
  }

  /** Holds every further send (a submission goes out) and resolves once no request is in flight. */
  pause(): Promise<void> {
    this.paused = true;
    clearTimeout(this.timer);
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The submission failed: the draft goes on being saved. */
  resume(): void {
    this.paused = false;
    this.schedule(0);
  }

  /** Forgets the stored copy: the answers were submitted. */
  clear(): void {
    this.storage.removeItem(this.key);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.events?.removeEventListener("online", this.onOnline);
  }

  private readonly onOnline = () => {
    this.failures = 0;
    this.schedule(0);
  };

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped || this.paused) return;
    this.timer = setTimeout(() => {
      if (this.inFlight > 0) return; // the request in flight schedules the next one when it comes back
      const pending = this.unsent();
      if (pending) void this.send(pending, false);
      else this.setState("saved");
    }, delayMs);
  }

  private settled(): void {
    this.inFlight--;
    if (this.inFlight > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async send(pending: PendingDraft, keepalive: boolean): Promise<void> {
    // A request sent alone after all others came back is the last the server stores.
    this.overlapped = this.inFlight > 0;
    this.inFlight++;
    this.firstUnsentAt = null;
    this.setState("saving");
    try {
      await this.options.send(
        {
          data: pending.data,
          currentPage: pending.currentPage,
          locale: pending.locale,
          order: { session: this.session, seq: pending.seq },
        },
        { keepalive },
      );
      this.failures = 0;
      this.settled();
      if (this.inFlight > 0 || this.stopped) return;
      const latest = this.unsent();
      if (this.overlapped) {
        if (this.paused) return;
        if (latest) void this.send(latest, false);
        else this.setState("saved");
      } else if (latest && latest.seq === pending.seq && latest.changedAt === pending.changedAt) {
        this.clear();
        this.setState("saved");
      } else {
        this.schedule(0);
      }
    } catch (error) {
      this.settled();
      if (error instanceof ApiError && error.status < 500 && error.status !== 429 && error.status !== 408) {
        // The server refuses this draft for good (submitted, link revoked or expired, too large): retrying cannot help.
        this.stopped = true;
        clearTimeout(this.timer);
        this.setState("stopped");
        return;
      }
      if (this.inFlight > 0 || this.stopped) return;
      this.failures++;
      this.setState(error instanceof NetworkError ? "offline" : "unsaved");
      this.schedule(Math.min(maxBackoffMs, 1000 * 2 ** this.failures));
    }
  }
}

/** 128 random bits in hex: crypto.randomUUID needs a secure context, which a plain-HTTP installation is not. */
function randomSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
