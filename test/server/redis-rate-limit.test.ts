import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../server/config.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { inviteOrganization } from "../helpers/scenario.ts";
import { dropTestDatabase, onPostgres } from "../helpers/test-database.ts";
import { testRedisKeyPrefix, testRedisUrl } from "../helpers/test-redis.ts";

// The respondent rate limits counted in Redis (REDIS_URL), as instances behind a load balancer count them where
// there is a Redis. Run by `npm run test:pg`, where CI starts Redis next to PostgreSQL; `npm test` needs neither.

describe.runIf(onPostgres)("respondent rate limits in Redis, two instances", () => {
  const limit = 4;
  let redis: Redis;
  let a: TestApp;
  let b: TestApp;
  let evaluator: Session;
  const prefixes: string[] = [];

  /** Two instances of one installation share a prefix; `prefix` gives another installation (or test run) its own. */
  function settings(prefix: string): Partial<Config> {
    prefixes.push(prefix);
    return { redisUrl: testRedisUrl, redisKeyPrefix: prefix, respondTokenRateLimit: limit, respondIpRateLimit: 1000 };
  }

  const open = (t: TestApp, token: string) => t.app.inject({ method: "GET", url: `/api/respond/${token}` });

  beforeAll(async () => {
    redis = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
    const shared = settings(testRedisKeyPrefix());
    a = await buildTestApp(shared);
    b = await buildTestApp(shared, { dataDir: a.dataDir });
    evaluator = await logInAs(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (a) await dropTestDatabase(a.dataDir);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis?.quit();
  });

  it(`counts one token's requests at both instances together: request ${limit + 1} gets 429 from either`, async () => {
    const { token } = await inviteOrganization(a, evaluator, { questionnaireId: "ngo-capacity" });
    const statuses = [];
    for (let i = 0; i < limit + 2; i++) statuses.push((await open(i % 2 ? b : a, token)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // Counted in Redis under the installation's prefix, and not in the database's counters.
    const keys = await redis.keys(`${prefixes[0]}*`);
    expect(keys.filter((key) => key.endsWith(token))).toHaveLength(1);
    expect(await redis.get(keys.find((key) => key.endsWith(token))!)).toBe(String(limit + 2));
    expect(await a.database.db.selectFrom("rate_limit_counters").select("key").execute()).toEqual([]);
  });

  it("keeps the counts of another key prefix on the same Redis apart", async () => {
    const { token } = await inviteOrganization(a, evaluator, { questionnaireId: "ngo-capacity" });
    for (let i = 0; i < limit; i++) expect((await open(a, token)).statusCode).toBe(200);
    expect((await open(b, token)).statusCode).toBe(429);
    // Another installation (or a parallel test run) on the same database server and Redis: a count of its own.
    const other = await buildTestApp(settings(testRedisKeyPrefix()), { dataDir: a.dataDir });
    try {
      expect((await open(other, token)).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
