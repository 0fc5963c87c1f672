import { ApiError, NetworkError } from "../../lib/http.ts";
import type { Draft } from "./api.ts";

export type SyncState = "saved" | "saving" | "unsaved" | "offline" | "stopped";

interface PendingDraft extends Draft {
  /** Increases with every change, so that a save that raced a newer change does not clear it. */
  seq: number;
  changedAt: string;
}

export interface DraftSyncOptions {
  token: string;
  send: (draft: Draft) => Promise<unknown>;
  storage?: Storage;
  debounceMs?: number;
}

const maxBackoffMs = 60_000;

/**
 * Keeps a respondent's unsent answers safe: every change is written to localStorage at once, then sent to
 * the server (debounced); a failed send is retried with backoff and whenever the browser comes back online.
 * The stored copy is removed only after the server has acknowledged that very version.
 */
export class DraftSync {
  private readonly key: string;
  private readonly storage: Storage;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private failures = 0;
  private stopped = false;
  private seq = 0;
  private state: SyncState = "saved";
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: DraftSyncOptions) {
    this.key = `sapat:draft:${options.token}`;
    this.storage = options.storage ?? window.localStorage;
    window.addEventListener("online", this.onOnline);
  }

  /** For useSyncExternalStore: the indicator re-renders alone, never the survey around it. */
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

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
    this.schedule(immediately ? 0 : (this.options.debounceMs ?? 1200));
  }

  /** Sends what is pending now (page change, leaving the page). */
  flush(): void {
    this.schedule(0);
  }

  /** Forgets the stored copy: the answers were submitted. */
  clear(): void {
    this.storage.removeItem(this.key);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener("online", this.onOnline);
  }

  private readonly onOnline = () => {
    this.failures = 0;
    this.schedule(0);
  };

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.send(), delayMs);
  }

  private async send(): Promise<void> {
    if (this.inFlight || this.stopped) return;
    const pending = this.unsent();
    if (!pending) return this.setState("saved");
    this.inFlight = true;
    this.setState("saving");
    try {
      await this.options.send({ data: pending.data, currentPage: pending.currentPage, locale: pending.locale });
      this.failures = 0;
      const latest = this.unsent();
      if (latest && latest.seq === pending.seq && latest.changedAt === pending.changedAt) {
        this.clear();
        this.setState("saved");
      } else {
        this.schedule(0);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 429 && error.status !== 408) {
        // The server refuses this draft for good (submitted, link revoked or expired, too large): retrying cannot help.
        this.stopped = true;
        this.setState("stopped");
        return;
      }
      this.failures++;
      this.setState(error instanceof NetworkError ? "offline" : "unsaved");
      this.schedule(Math.min(maxBackoffMs, 1000 * 2 ** this.failures));
    } finally {
      this.inFlight = false;
    }
  }
}
