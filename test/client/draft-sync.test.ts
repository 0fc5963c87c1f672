import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Draft } from "../../client/src/features/respond/api.ts";
import { DraftSync, type SendOptions } from "../../client/src/features/respond/draft-sync.ts";
import { ApiError, NetworkError } from "../../client/src/lib/http.ts";

// The respondent's draft queue against an in-memory Storage and a scripted server whose answers the test releases
// one by one, in any order.

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

interface SentRequest {
  /** The draft's content; its place in the page's order of saves is `order`. */
  draft: Draft;
  order: Draft["order"];
  keepalive: boolean;
  succeed(): Promise<void>;
  fail(error: Error): Promise<void>;
}

function scriptedServer() {
  const requests: SentRequest[] = [];
  /** What the server stored last, in the order the test lets requests arrive. */
  let stored: Draft | null = null;
  const send = ({ order, ...draft }: Draft, options: SendOptions) =>
    new Promise<void>((resolve, reject) => {
      const settle = async (work: () => void) => {
        work();
        await vi.advanceTimersByTimeAsync(0);
      };
      requests.push({
        draft,
        order,
        keepalive: options.keepalive,
        succeed: () =>
          settle(() => {
            stored = draft;
            resolve();
          }),
        fail: (error) => settle(() => reject(error)),
      });
    });
  return { requests, send, stored: () => stored };
}

const draft = (text: string): Draft => ({ data: { history: text }, currentPage: 0, locale: "en" });

let storage: MemoryStorage;
let server: ReturnType<typeof scriptedServer>;
let sync: DraftSync;

beforeEach(() => {
  vi.useFakeTimers();
  storage = new MemoryStorage();
  server = scriptedServer();
  sync = new DraftSync({ token: "t", send: server.send, storage, debounceMs: 1000, maxWaitMs: 5000 });
});

afterEach(() => {
  sync.stop();
  vi.useRealTimers();
});

describe("DraftSync", () => {
  it("says saved only once the server acknowledged the very version last changed", async () => {
    sync.change(draft("F"));
    expect(sync.getState()).toBe("unsaved");
    expect(storage.getItem("sapat:draft:t")).toContain('"F"');
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.requests).toHaveLength(1);
    expect(sync.getState()).toBe("saving");

    sync.change(draft("Fo"));
    await server.requests[0]!.succeed();
    expect(sync.getState()).not.toBe("saved");
    expect(sync.hasUnsent()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.draft).toEqual(draft("Fo"));
    await server.requests[1]!.succeed();
    expect(sync.getState()).toBe("saved");
    expect(sync.hasUnsent()).toBe(false);
    expect(storage.getItem("sapat:draft:t")).toBeNull();
  });

  it("sends someone who types without pausing at the latest after maxWaitMs", async () => {
    for (let i = 1; i <= 12; i++) {
      sync.change(draft("x".repeat(i)));
      await vi.advanceTimersByTimeAsync(500);
    }
    // 6 s of typing, a change every 0.5 s: the 1 s debounce never elapsed, the 5 s bound did.
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.draft).toEqual(draft("x".repeat(10)));
  });

  it("on leaving, sends the latest version at once with keepalive, once, even while an older one is in flight", async () => {
    sync.change(draft("Founded"));
    await vi.advanceTimersByTimeAsync(1000);
    sync.change(draft("Founded in 1998"));
    sync.flushBeforeLeaving();
    // visibilitychange, then pagehide: the same version goes once.
    sync.flushBeforeLeaving();
    expect(server.requests.map((r) => [r.draft.data.history, r.keepalive])).toEqual([
      ["Founded", false],
      ["Founded in 1998", true],
    ]);

    // The page lived on (a hidden tab) and the server stored the two in the wrong order: the latest version is
    // sent once more, alone, and only its acknowledgement counts as saved.
    await server.requests[1]!.succeed();
    await server.requests[0]!.succeed();
    expect(server.stored()).toEqual(draft("Founded"));
    expect(sync.getState()).toBe("saving");
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]!.draft).toEqual(draft("Founded in 1998"));
    expect(server.requests[2]!.keepalive).toBe(false);
    // One page, its saves numbered in the order of the changes: the server ignores a late older one.
    const [first, leaving, again] = server.requests.map((r) => r.order!);
    expect(new Set([first!.session, leaving!.session, again!.session]).size).toBe(1);
    expect(first!.seq).toBeLessThan(leaving!.seq);
    expect(again!.seq).toBe(leaving!.seq);
    await server.requests[2]!.succeed();
    expect(server.stored()).toEqual(draft("Founded in 1998"));
    expect(sync.getState()).toBe("saved");
  });

  it("keeps the local copy and retries a network failure; stops for good on a refusal", async () => {
    sync.change(draft("A"));
    await vi.advanceTimersByTimeAsync(1000);
    await server.requests[0]!.fail(new NetworkError("offline"));
    expect(sync.getState()).toBe("offline");
    expect(sync.hasUnsent()).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.requests).toHaveLength(2);
    await server.requests[1]!.fail(new ApiError(409, { error: "already_submitted", message: "submitted" }));
    expect(sync.getState()).toBe("stopped");
    // Nothing more can be saved: leaving does not warn about it, nor send it again.
    expect(sync.hasUnsent()).toBe(false);
    sync.flushBeforeLeaving();
    expect(server.requests).toHaveLength(2);
  });

  it("while a submission goes out, waits for the draft in flight and sends no other; resumes if it fails", async () => {
    sync.change(draft("A"));
    await vi.advanceTimersByTimeAsync(1000);
    sync.change(draft("AB"));
    let idle = false;
    const paused = sync.pause().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(idle).toBe(false);
    await server.requests[0]!.succeed();
    await paused;
    await vi.advanceTimersByTimeAsync(5000);
    sync.flushBeforeLeaving();
    expect(server.requests).toHaveLength(1);
    sync.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests.map((r) => r.draft.data.history)).toEqual(["A", "AB"]);
  });

  it("continues an earlier sitting's unsent copy: counted as unsent, and newer changes supersede it", async () => {
    sync.change(draft("from yesterday"));
    sync.stop();
    sync = new DraftSync({ token: "t", send: server.send, storage, debounceMs: 1000 });
    expect(sync.getState()).toBe("unsaved");
    expect(sync.unsent()?.data).toEqual({ history: "from yesterday" });
    sync.change(draft("from today"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.requests.map((r) => r.draft.data.history)).toEqual(["from today"]);
    await server.requests[0]!.succeed();
    expect(sync.getState()).toBe("saved");
  });
});
