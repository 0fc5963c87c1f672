import { execFile } from "node:child_process";
import { randomBytes, scryptSync } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../server/config.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";
import { expectError } from "../helpers/http.ts";

// Failed logins count per (email, address) and per email, in the database. A burst from many addresses slows the
// email's logins down but never refuses the right password: nobody can lock the last admin out.
// `npm run user:unlock -- <email>` clears the counters.

const email = "admin@example.org";
const password = "the right password";
const slowdownMs = 150;
let t: TestApp;

beforeAll(async () => {
  // The defaults for the limits (10 per address, 50 per email in 15 minutes), a short slowdown to keep the test quick.
  t = await buildTestApp({ loginSlowdownMs: slowdownMs });
  await createUser(t.database.db, { email, name: "Admin", role: "admin", password });
  // A hash made at a low scrypt cost (its parameters travel in it; the first good login replaces it with today's),
  // so that 70 wrong guesses do not take 70 full-cost hashes on a busy machine.
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  await t.database.db
    .updateTable("users")
    .set({ password_hash: `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}` })
    .where("email", "=", email)
    .execute();
});
afterAll(() => t.close());

function login(pass: string, remoteAddress: string, who = email) {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: who, password: pass },
    remoteAddress,
  });
}

describe("no lockout", () => {
  it("lets the right password in after 70 failed logins from 7 addresses", async () => {
    for (let host = 2; host <= 8; host++) {
      for (let i = 0; i < 10; i++) {
        expectError(await login(`guess ${host}.${i}`, `127.0.0.${host}`), 401, "invalid_credentials");
      }
    }
    expect(await t.database.db.selectFrom("login_failures").selectAll().execute()).toHaveLength(70);

    const started = Date.now();
    const res = await login(password, "127.0.0.1");
    expect(res.statusCode, res.body).toBe(200);
    // Slowed, as every attempt at this email is while the burst is counted.
    expect(Date.now() - started).toBeGreaterThanOrEqual(slowdownMs);
    // 71 logins, each hashing a password (scrypt): slow on a shared machine, not a speed target.
  }, 180_000);

  it("refuses an address that used up its own attempts, even with the right password", async () => {
    const res = await login(password, "127.0.0.2");
    expectError(res, 429, "rate_limited");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.cookies).toHaveLength(0);
    // Another email from that address is not concerned.
    expectError(await login("whatever it is", "127.0.0.2", "someone@example.org"), 401, "invalid_credentials");
  });

  it("is cleared by npm run user:unlock", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.join(projectRoot, "server", "cli", "unlock-user.ts"), "Admin@Example.org"],
      { cwd: projectRoot, env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.config.databaseUrl ?? "" } },
    );
    expect(stdout).toMatch(/Cleared 70 failed login\(s\) for admin@example\.org/);
    // Refused with 429 before the unlock (previous test).
    const res = await login(password, "127.0.0.2");
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.database.db.selectFrom("login_failures").where("email", "=", email).selectAll().execute()).toEqual(
      [],
    );
  }, 60_000);
});
