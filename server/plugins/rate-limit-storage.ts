import type { FastifyRateLimitStoreCtor, RateLimitPluginOptions } from "@fastify/rate-limit";
import { Redis } from "ioredis";
import type { Config } from "../config.ts";
import type { Db } from "../db/database.ts";
import { dialectOf } from "../db/dialect.ts";
import { databaseRateLimitStore } from "../db/rate-limit-store.ts";

/**
 * Where the request counters of the rate limits live. Several instances must count together, or each would allow
 * the limit again: with `REDIS_URL`, in Redis (an atomic script per count, in memory, expiring by itself: the
 * cheapest shared counter); else on PostgreSQL in its own table (one upsert per count: no extra service to run);
 * on SQLite, which is one process, in that process's memory.
 */
export function rateLimitStorage(config: Config, db: Db): { options: RateLimitPluginOptions; close(): Promise<void> } {
  if (config.redisUrl !== null) {
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
    return {
      options: { redis, nameSpace: `${config.redisKeyPrefix}rate-limit:` },
      async close() {
        await redis.quit();
      },
    };
  }
  if (dialectOf(db) === "postgres") {
    // The plugin's types describe `child`'s argument as the route's options; at run time it gets the merged limit
    // options with `routeInfo`, which is what the store reads.
    const store = databaseRateLimitStore(db) as unknown as FastifyRateLimitStoreCtor;
    return { options: { store }, close: async () => {} };
  }
  return { options: {}, close: async () => {} };
}
