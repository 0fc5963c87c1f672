import type { Db } from "./database.ts";

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Expired counters are removed every this many counts (one statement; the table holds one row per live key). */
const sweepEvery = 1000;

/**
 * A counter store for @fastify/rate-limit in the database, so that instances that share it share their counts. One
 * statement per count: insert the key, or add one to it, or start a new window when the old one has ended. Fixed
 * windows only (neither `continueExceeding` nor `exponentialBackoff`, which Sapat does not use).
 */
export function databaseRateLimitStore(db: Db) {
  let counted = 0;
  return class DatabaseRateLimitStore {
    // @fastify/rate-limit constructs a store with its options, which a fixed window does not need.
    constructor(
      _options?: unknown,
      private readonly prefix = "",
    ) {}

    incr(key: string, done: Counted, timeWindow: number): void {
      countRequest(db, this.prefix + key, timeWindow).then(
        (result) => done(null, result),
        (error: Error) => done(error),
      );
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }) {
      const route = routeOptions.routeInfo?.url
        ? `${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url} `
        : "";
      return new DatabaseRateLimitStore(undefined, this.prefix + route);
    }
  };

  async function countRequest(db: Db, key: string, timeWindow: number) {
    const now = Date.now();
    if (++counted % sweepEvery === 0) {
      await db.deleteFrom("rate_limit_counters").where("window_ends_at", "<=", now).execute();
    }
    const row = await db
      .insertInto("rate_limit_counters")
      .values({ key, count: 1, window_ends_at: now + timeWindow })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => {
          const ended = eb("rate_limit_counters.window_ends_at", "<=", now);
          return {
            count: eb
              .case()
              .when(ended)
              .then(1)
              .else(eb("rate_limit_counters.count", "+", 1))
              .end(),
            window_ends_at: eb
              .case()
              .when(ended)
              .then(now + timeWindow)
              .else(eb.ref("rate_limit_counters.window_ends_at"))
              .end(),
          };
        }),
      )
      .returning(["count", "window_ends_at"])
      .executeTakeFirstOrThrow();
    return { current: row.count, ttl: Math.max(0, row.window_ends_at - now) };
  }
}
