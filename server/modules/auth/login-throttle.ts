import { setTimeout as sleep } from "node:timers/promises";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/database.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, tooManyRequests } from "../../errors.ts";
import {
  clearLoginFailures,
  countLoginFailures,
  oldestLoginFailure,
  recordLoginFailure,
} from "./login-failures.repository.ts";

/** 429 for one address guessing at one email; the route sends `retryAfterSeconds` as Retry-After. */
export class LoginThrottled extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const limited = tooManyRequests(retryAfterSeconds);
    super(limited.statusCode, limited.code, limited.message);
  }
}

type ThrottleConfig = Pick<Config, "loginRateLimit" | "loginFailureLimit" | "loginRateWindowMs" | "loginSlowdownMs">;

/** Logins are compared on the email as typed, trimmed and lower-cased (so `Ana@x` and `ana@x ` count together). */
export function normalizeLoginEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Runs one login attempt under the throttle. Failed attempts count per (email, client address) and per email, in
 * the database (shared by every process, kept over a restart):
 * - an address with `loginRateLimit` failures for an email in the window gets 429 for that email, even with the
 *   right password: one client cannot guess fast;
 * - an email with `loginFailureLimit` failures from all addresses is slowed, not locked: each attempt for it waits
 *   `loginSlowdownMs` before the password is checked, whatever the outcome. A burst from many addresses thus
 *   cannot lock the owner (the last admin, say) out: the right password still logs in, a little later.
 */
export async function throttleLogin<T>(
  db: Db,
  config: ThrottleConfig,
  rawEmail: string,
  address: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const email = normalizeLoginEmail(rawEmail);
  const now = Date.now();
  const since = new Date(now - config.loginRateWindowMs).toISOString();
  const failures = await countLoginFailures(db, email, address, since);
  if (failures.fromAddress >= config.loginRateLimit) {
    const first = await oldestLoginFailure(db, email, address, since);
    const freedAt = (first ? Date.parse(first) : now) + config.loginRateWindowMs;
    throw new LoginThrottled(Math.max(1, Math.ceil((freedAt - now) / 1000)));
  }
  if (failures.total >= config.loginFailureLimit) await sleep(config.loginSlowdownMs);
  try {
    const result = await attempt();
    if (failures.fromAddress > 0) await clearLoginFailures(db, email, address);
    return result;
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_credentials") {
      await inTransaction(db, (trx) => recordLoginFailure(trx, email, address, new Date().toISOString(), since));
    }
    throw error;
  }
}
