import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";

const password = "correct horse battery";

let t: TestApp;
let admin: Session;
let adminId: number;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await logInAs(t, "admin");
  adminId = (await request(t, "GET", "/api/auth/me", undefined, admin)).json().user.id;
});
afterAll(() => t.close());

function logIn(email: string, pass = password, ip?: string) {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: pass },
    ...(ip ? { remoteAddress: ip } : {}),
  });
}

function sessionOf(res: Awaited<ReturnType<typeof logIn>>): Session {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}

let counter = 0;
async function newUser(role: "admin" | "evaluator" | "viewer" = "evaluator") {
  const email = `person${++counter}@example.org`;
  const res = await request(t, "POST", "/api/users", { email, name: `Person ${counter}`, role, password }, admin);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; email: string };
}

function me(session: Session) {
  return request(t, "GET", "/api/auth/me", undefined, session);
}

describe("user management", () => {
  it("creates a user who can then log in, and lists users without their password hash", async () => {
    const res = await request(
      t,
      "POST",
      "/api/users",
      { email: "  New.Evaluator@Example.org ", name: "New Evaluator", role: "evaluator", password },
      admin,
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(Number),
      email: "new.evaluator@example.org",
      name: "New Evaluator",
      role: "evaluator",
      disabled: false,
      disabledAt: null,
      createdAt: expect.any(String),
    });
    expect((await logIn("new.evaluator@example.org")).statusCode).toBe(200);

    const list = await request(t, "GET", "/api/users", undefined, admin);
    expect(list.statusCode, list.body).toBe(200);
    const users = list.json() as Array<Record<string, unknown>>;
    expect(users).toContainEqual(created);
    expect(users.some((u) => "password_hash" in u || "passwordHash" in u)).toBe(false);
  });

  it("answers 409 email_taken for an email already used, whatever its case", async () => {
    const { email } = await newUser();
    const res = await request(
      t,
      "POST",
      "/api/users",
      { email: email.toUpperCase(), name: "Twin", role: "viewer", password },
      admin,
    );
    expectError(res, 409, "email_taken");
  });

  it.each([
    [{ email: "x@example.org", name: "X", role: "boss", password }, ["role"]],
    [{ email: "x@example.org", name: "X", role: "viewer", password: "short" }, ["password"]],
    [{ email: "not-an-email", name: "X", role: "viewer", password }, ["email"]],
    [{ name: "X", role: "viewer", password }, ["email"]],
  ])("answers 400 naming the field for %j", async (body, fields) => {
    const error = expectError(await request(t, "POST", "/api/users", body, admin), 400);
    expect(fieldsOf(error)).toEqual(fields);
  });

  it("is for admins only: evaluators and viewers get 403, and no session 401", async () => {
    const evaluator = await logInAs(t, "evaluator");
    const viewer = await logInAs(t, "viewer");
    const body = { email: "sneaky@example.org", name: "S", role: "admin", password };
    expectError(await request(t, "GET", "/api/users", undefined, evaluator), 403, "forbidden");
    expectError(await request(t, "GET", "/api/users", undefined, viewer), 403, "forbidden");
    expectError(await request(t, "POST", "/api/users", body, evaluator), 403, "forbidden");
    expectError(await request(t, "POST", "/api/users", body, viewer), 403, "read_only");
    expectError(await request(t, "PATCH", `/api/users/${adminId}`, { role: "viewer" }, evaluator), 403, "forbidden");
    expectError(await request(t, "GET", "/api/users"), 401, "unauthorized");
    expect((await logIn("sneaky@example.org")).statusCode).toBe(401);
  });

  it("renames a user and changes their role, which takes effect on their open session", async () => {
    const { id, email } = await newUser("evaluator");
    const session = sessionOf(await logIn(email));
    const res = await request(t, "PATCH", `/api/users/${id}`, { name: "Renamed", role: "viewer" }, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, name: "Renamed", role: "viewer", disabled: false });
    expect((await me(session)).json().user).toMatchObject({ role: "viewer", name: "Renamed" });
    const write = await request(t, "POST", "/api/organizations", { name: "O", kind: "ngo", region: "Osh" }, session);
    expectError(write, 403, "read_only");
  });

  it("disabling a user ends their sessions and stops their login; enabling lets them in again", async () => {
    const { id, email } = await newUser("evaluator");
    const first = sessionOf(await logIn(email));
    const second = sessionOf(await logIn(email));
    const res = await request(t, "PATCH", `/api/users/${id}`, { disabled: true }, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    expectError(await me(first), 401, "unauthorized");
    expectError(await me(second), 401, "unauthorized");
    const sessions = await t.database.db.selectFrom("sessions").selectAll().where("user_id", "=", id).execute();
    expect(sessions).toEqual([]);
    expectError(await logIn(email), 401, "invalid_credentials");

    const enabled = await request(t, "PATCH", `/api/users/${id}`, { disabled: false }, admin);
    expect(enabled.json()).toMatchObject({ disabled: false, disabledAt: null });
    expect((await logIn(email)).statusCode).toBe(200);
  });

  it("keeps at least one active admin, and an admin cannot disable or demote themself", async () => {
    const lone = await buildTestApp();
    try {
      const only = await logInAs(lone, "admin");
      const onlyId = (await request(lone, "GET", "/api/auth/me", undefined, only)).json().user.id as number;
      expectError(await request(lone, "PATCH", `/api/users/${onlyId}`, { role: "evaluator" }, only), 409, "last_admin");
      expectError(await request(lone, "PATCH", `/api/users/${onlyId}`, { disabled: true }, only), 409, "last_admin");

      const other = await request(
        lone,
        "POST",
        "/api/users",
        { email: "second.admin@example.org", name: "Second", role: "admin", password },
        only,
      );
      const otherId = other.json().id as number;
      expectError(await request(lone, "PATCH", `/api/users/${onlyId}`, { role: "viewer" }, only), 409, "own_account");
      expectError(await request(lone, "PATCH", `/api/users/${onlyId}`, { disabled: true }, only), 409, "own_account");
      // Renaming oneself is fine.
      expect((await request(lone, "PATCH", `/api/users/${onlyId}`, { name: "Me" }, only)).statusCode).toBe(200);
      // Another admin can be demoted while one stays.
      const demoted = await request(lone, "PATCH", `/api/users/${otherId}`, { role: "evaluator" }, only);
      expect(demoted.json()).toMatchObject({ role: "evaluator" });
      const admins = await lone.database.db
        .selectFrom("users")
        .select("id")
        .where("role", "=", "admin")
        .where("disabled_at", "is", null)
        .execute();
      expect(admins).toEqual([{ id: onlyId }]);
    } finally {
      await lone.close();
    }
  });

  it("answers 404 for an unknown user and 400 for an unknown field", async () => {
    expectError(await request(t, "PATCH", "/api/users/999999", { name: "X" }, admin), 404, "not_found");
    const { id } = await newUser();
    const error = expectError(await request(t, "PATCH", `/api/users/${id}`, { password: "x" }, admin), 400);
    expect(fieldsOf(error)).toEqual(["password"]);
  });
});

describe("POST /api/auth/password", () => {
  it("changes the password: the old one stops working, the new one works, other sessions end", async () => {
    const { email } = await newUser("viewer");
    const current = sessionOf(await logIn(email));
    const other = sessionOf(await logIn(email));
    const newPassword = "a brand new passphrase";
    const res = await request(t, "POST", "/api/auth/password", { currentPassword: password, newPassword }, current);
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(current)).statusCode).toBe(200);
    expectError(await me(other), 401, "unauthorized");
    expectError(await logIn(email, password), 401, "invalid_credentials");
    expect((await logIn(email, newPassword)).statusCode).toBe(200);
  });

  it("answers 403 naming currentPassword when it is wrong, and changes nothing", async () => {
    const { email } = await newUser();
    const session = sessionOf(await logIn(email));
    const res = await request(
      t,
      "POST",
      "/api/auth/password",
      { currentPassword: "not my password", newPassword: "another long password" },
      session,
    );
    const error = expectError(res, 403, "wrong_password");
    expect(fieldsOf(error)).toEqual(["currentPassword"]);
    expect((await logIn(email, password)).statusCode).toBe(200);
  });

  it("answers 400 naming newPassword when it is too short", async () => {
    const { email } = await newUser();
    const session = sessionOf(await logIn(email));
    const res = await request(
      t,
      "POST",
      "/api/auth/password",
      { currentPassword: password, newPassword: "short" },
      session,
    );
    expect(fieldsOf(expectError(res, 400, "invalid_request"))).toEqual(["newPassword"]);
    expect((await logIn(email, password)).statusCode).toBe(200);
  });

  it("needs a session and the CSRF header", async () => {
    const body = { currentPassword: password, newPassword: "another long password" };
    expectError(await request(t, "POST", "/api/auth/password", body), 401, "unauthorized");
    const session = await logInAs(t);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/password",
      payload: body,
      headers: { cookie: session.cookie },
    });
    expectError(res, 403, "csrf_token_invalid");
  });

  it("lets a viewer log out", async () => {
    const viewer = await logInAs(t, "viewer");
    expect((await request(t, "POST", "/api/auth/logout", undefined, viewer)).statusCode).toBe(200);
    expectError(await me(viewer), 401, "unauthorized");
  });
});

describe("login rate limiting", () => {
  const limit = 3;
  let limited: TestApp;
  const email = "target@example.org";

  beforeAll(async () => {
    limited = await buildTestApp({ loginRateLimit: limit, loginFailureLimit: 5, loginSlowdownMs: 200 });
    for (const address of [email, "bystander@example.org", "spread@example.org"]) {
      await createUser(limited.database.db, { email: address, name: "T", role: "evaluator", password });
    }
  });
  afterAll(() => limited.close());

  function attempt(address: string, pass: string, ip = "203.0.113.7") {
    return limited.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: address, password: pass },
      remoteAddress: ip,
    });
  }

  it(`refuses attempt ${limit + 1} from one address for one email with 429 and Retry-After, even with the right password`, async () => {
    for (let i = 0; i < limit; i++) expectError(await attempt(email, "wrong password!"), 401, "invalid_credentials");
    const res = await attempt(email, password);
    const error = expectError(res, 429, "rate_limited");
    expect(error.details).toEqual([]);
    const retryAfter = Number(res.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(res.cookies).toHaveLength(0);
    // Another account from the same address, and the same account from another address, still log in.
    expect((await attempt("bystander@example.org", password)).statusCode).toBe(200);
    expect((await attempt(email, password, "198.51.100.20")).statusCode).toBe(200);
  });

  it("slows, but does not refuse, an email that failed from many addresses", async () => {
    for (let i = 0; i < 5; i++) {
      expectError(await attempt("spread@example.org", "wrong password!", `192.0.2.${i + 1}`), 401);
    }
    const started = Date.now();
    const res = await attempt("spread@example.org", password, "192.0.2.200");
    expect(res.statusCode, res.body).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(limited.config.loginSlowdownMs);
  });

  it("reads its limits from LOGIN_RATE_LIMIT, LOGIN_FAILURE_LIMIT, LOGIN_RATE_WINDOW_MINUTES and LOGIN_SLOWDOWN_MS", () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      loginRateLimit: 10,
      loginFailureLimit: 50,
      loginRateWindowMs: 15 * 60 * 1000,
      loginSlowdownMs: 2000,
    });
    const set = loadConfig({
      LOGIN_RATE_LIMIT: "3",
      LOGIN_FAILURE_LIMIT: "7",
      LOGIN_RATE_WINDOW_MINUTES: "5",
      LOGIN_SLOWDOWN_MS: "100",
    });
    expect(set).toMatchObject({
      loginRateLimit: 3,
      loginFailureLimit: 7,
      loginRateWindowMs: 5 * 60 * 1000,
      loginSlowdownMs: 100,
    });
    expect(() => loadConfig({ LOGIN_RATE_LIMIT: "0" })).toThrow(ConfigError);
    expect(() => loadConfig({ LOGIN_RATE_LIMIT: "many" })).toThrow(ConfigError);
  });
});

describe("client addresses", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY_HOPS says a proxy sets it, so a client cannot pick its address", async () => {
    const direct = await buildTestApp({ loginRateLimit: 1 });
    try {
      const attempt = (ip: string) =>
        direct.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: "nobody@example.org", password: "wrong password!" },
          headers: { "x-forwarded-for": ip },
        });
      expect((await attempt("198.51.100.1")).statusCode).toBe(401);
      // A forged header does not make a new client: the limit of this address still applies.
      expect((await attempt("198.51.100.2")).statusCode).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
