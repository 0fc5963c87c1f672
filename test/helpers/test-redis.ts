import crypto from "node:crypto";

/**
 * The Redis of `npm run test:pg` (CI starts one at 127.0.0.1:6379 next to PostgreSQL; TEST_REDIS_URL names
 * another). `npm test` never needs it: tests that use it run only `onPostgres`.
 */
export const testRedisUrl = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

/** A key prefix of its own for one test: parallel test runs on one Redis never count each other's requests. */
export function testRedisKeyPrefix(): string {
  return `sapat-test-${crypto.randomUUID()}:`;
}
