import type { Db } from "./database.ts";

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Expired counters are removed every this many counts (one statement; the table holds one row per live key). */
const sweepEvery = 1000;

interface Waiting {
  timeWindow: number;
  done: Array<(error: Error | null, row?: { count: number; window_ends_at: number }) => void>;
}

/**
 * A counter store for @fastify/rate-limit in the database, so that instances that share it share their counts. Fixed
 * windows only (neither `continueExceeding` nor `exponentialBackoff`, which Sapat does not use).
 *
 * Every respondent request counts twice (its address, its token), and the requests of one office share the address's
 * row: counted one statement each, they queued on that row's lock and cost more statements than a submission's own
 * writes. So the counts asked for in one turn of the event loop are one statement together: each key once, plus as
 * many as were asked for it (insert it, add to it, or start a new window when the old one has ended), in key order,
 * so that two instances' statements lock shared rows in the same order and never deadlock. The table is unlogged
 * (migration 2026-12-07-11): its commits do not wait for the disk, and a crash only forgets the counts.
 */
export function databaseRateLimitStore(db: Db) {
  let counted = 0;
  let pending = new Map<string, Waiting>();
  let scheduled = false;

  return class DatabaseRateLimitStore {
    // @fastify/rate-limit constructs a store with its options, which a fixed window does not need.
    constructor(
      _options?: unknown,
      private readonly prefix = "",
    ) {}

    incr(key: string, done: Counted, timeWindow: number): void {
      const now = Date.now();
      const waiting = pending.get(this.prefix + key) ?? { timeWindow, done: [] };
      pending.set(this.prefix + key, waiting);
      // The n-th of the requests counted together was the count less those that came after it.
      const position = waiting.done.length;
      waiting.done.push((error, row) => {
        if (error || !row) return done(error ?? new Error("rate limit counter not returned"));
        const after = waiting.done.length - 1 - position;
        done(null, { current: row.count - after, ttl: Math.max(0, row.window_ends_at - now) });
      });
      if (!scheduled) {
        scheduled = true;
        // After the callbacks of this turn's I/O: every request that arrived with this one has asked for its count.
        setImmediate(() => void flush());
      }
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }) {
      const route = routeOptions.routeInfo?.url
        ? `${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url} `
        : "";
      return new DatabaseRateLimitStore(undefined, this.prefix + route);
    }
  };

  async function flush(): Promise<void> {
    const batch = [...pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    pending = new Map();
    scheduled = false;
    try {
      const rows = await countRequests(batch);
      const byKey = new Map(rows.map((row) => [row.key, row]));
      for (const [key, waiting] of batch) for (const done of waiting.done) done(null, byKey.get(key));
    } catch (error) {
      for (const [, waiting] of batch) for (const done of waiting.done) done(error as Error);
    }
  }

  async function countRequests(batch: Array<[string, Waiting]>) {
    const now = Date.now();
    counted += batch.reduce((n, [, waiting]) => n + waiting.done.length, 0);
    if (counted >= sweepEvery) {
      counted = 0;
      await db.deleteFrom("rate_limit_counters").where("window_ends_at", "<=", now).execute();
    }
    return db
      .insertInto("rate_limit_counters")
      .values(
        batch.map(([key, waiting]) => ({
          key,
          count: waiting.done.length,
          window_ends_at: now + waiting.timeWindow,
        })),
      )
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => {
          const ended = eb("rate_limit_counters.window_ends_at", "<=", now);
          return {
            count: eb
              .case()
              .when(ended)
              .then(eb.ref("excluded.count"))
              .else(eb("rate_limit_counters.count", "+", eb.ref("excluded.count")))
              .end(),
            window_ends_at: eb
              .case()
              .when(ended)
              .then(eb.ref("excluded.window_ends_at"))
              .else(eb.ref("rate_limit_counters.window_ends_at"))
              .end(),
          };
        }),
      )
      .returning(["key", "count", "window_ends_at"])
      .execute();
  }
}
