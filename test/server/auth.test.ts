import { randomBytes, scryptSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../server/modules/auth/auth.service.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import { buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";

const email = "Director@Example.org";
const password = "a long enough password";
const newOrganization = { name: "Ishenim", kind: "ngo", region: "Osh" };

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await createUser(t.database.db, { email, name: "Director", role: "evaluator", password });
});
afterAll(() => t.close());

function logIn(body: unknown) {
  return request(t, "POST", "/api/auth/login", body);
}

describe("POST /api/auth/login", () => {
  it("answers {user, csrfToken} and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await logIn({ email, password });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      user: {
        id: expect.any(Number),
        email: email.toLowerCase(),
        name: "Director",
        role: "evaluator",
        uiLanguage: null,
      },
      csrfToken: expect.any(String),
    });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(22);
    expect(body.user).not.toHaveProperty("password_hash");

    expect(res.cookies).toHaveLength(1);
    const [cookie] = res.cookies;
    expect(cookie).toMatchObject({ name: "sapat_session", httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(22);
    expect(cookie!.value).not.toBe(body.csrfToken);
    // Not secure on http://localhost, or the browser would drop it.
    expect(cookie!.secure).toBeFalsy();
  });

  it("matches the email case-insensitively", async () => {
    const res = await logIn({ email: email.toUpperCase(), password });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("answers 401 invalid_credentials with the same body for a wrong password and an unknown email", async () => {
    const wrongPassword = await logIn({ email, password: "not the password" });
    const unknownEmail = await logIn({ email: "nobody@example.org", password });
    const a = expectError(wrongPassword, 401, "invalid_credentials");
    const b = expectError(unknownEmail, 401, "invalid_credentials");
    expect(a).toEqual(b);
    expect(wrongPassword.cookies).toHaveLength(0);
    expect(unknownEmail.cookies).toHaveLength(0);
  });

  it("refuses a disabled user with the same 401", async () => {
    await createUser(t.database.db, { email: "gone@example.org", name: "Gone", role: "evaluator", password });
    await t.database.db
      .updateTable("users")
      .set({ disabled_at: new Date().toISOString() })
      .where("email", "=", "gone@example.org")
      .execute();
    const res = await logIn({ email: "gone@example.org", password });
    expectError(res, 401, "invalid_credentials");
  });

  it.each([
    [{ password }, ["email"]],
    [{ email }, ["password"]],
    [{}, ["email", "password"]],
    [{ email: "", password }, ["email"]],
    [{ email, password: 12345678901 }, ["password"]],
    [{ email, password, remember: true }, ["remember"]],
  ])("answers 400 naming the field for %j", async (body, fields) => {
    const res = await logIn(body);
    const error = expectError(res, 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(fields);
    expect(res.cookies).toHaveLength(0);
  });

  it("stores an scrypt hash, never the password", async () => {
    const user = await t.database.db
      .selectFrom("users")
      .select("password_hash")
      .where("email", "=", email.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(user.password_hash.startsWith("scrypt$")).toBe(true);
    expect(user.password_hash).not.toContain(password);
  });

  it("accepts a hash made with older scrypt parameters and replaces it at login with today's", async () => {
    const older = "Older@Example.org";
    await createUser(t.database.db, { email: older, name: "Older", role: "evaluator", password });
    // The hash as Sapat made it before (N=2^17, r=8, p=1: 128 MiB per login).
    const salt = randomBytes(16);
    const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    const oldHash = `scrypt$131072$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    const stored = () =>
      t.database.db
        .selectFrom("users")
        .select("password_hash")
        .where("email", "=", older.toLowerCase())
        .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable("users")
      .set({ password_hash: oldHash })
      .where("email", "=", older.toLowerCase())
      .execute();

    expect((await logIn({ email: older, password: "not the password" })).statusCode).toBe(401);
    expect((await stored()).password_hash).toBe(oldHash);
    expect((await logIn({ email: older, password })).statusCode).toBe(200);
    const rehashed = (await stored()).password_hash;
    expect(rehashed).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect((await logIn({ email: older, password })).statusCode).toBe(200);
  });

  it("stores a hash of the session token, not the token itself", async () => {
    const res = await logIn({ email, password });
    const token = res.cookies[0]!.value;
    const rows = await t.database.db.selectFrom("sessions").select("id").execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(token);
  });
});

describe("GET /api/auth/me", () => {
  it("answers the user and the CSRF token of a live session", async () => {
    const session = await logInAs(t, "admin");
    const res = await request(t, "GET", "/api/auth/me", undefined, session);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      user: {
        id: expect.any(Number),
        email: expect.stringMatching(/@example\.org$/),
        name: "admin",
        role: "admin",
        uiLanguage: null,
      },
      csrfToken: session.csrfToken,
    });
  });

  it("answers 401 without a cookie and with a made-up cookie", async () => {
    expectError(await request(t, "GET", "/api/auth/me"), 401, "unauthorized");
    const forged = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: "sapat_session=forged-token-value-1234567890" },
    });
    expectError(forged, 401, "unauthorized");
  });

  it("answers 401 once the session has expired", async () => {
    const session = await logInAs(t);
    expect((await request(t, "GET", "/api/auth/me", undefined, session)).statusCode).toBe(200);
    const token = session.cookie.replace(/^sapat_session=/, "");
    const expired = await t.database.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", hashSecret(token))
      .executeTakeFirst();
    expect(Number(expired.numUpdatedRows)).toBe(1);
    expectError(await request(t, "GET", "/api/auth/me", undefined, session), 401, "unauthorized");
    expectError(await request(t, "GET", "/api/organizations", undefined, session), 401, "unauthorized");
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the session: the same cookie is refused afterwards", async () => {
    const session = await logInAs(t);
    const res = await request(t, "POST", "/api/auth/logout", undefined, session);
    expect(res.statusCode, res.body).toBe(200);
    const cleared = res.cookies.find((c) => c.name === "sapat_session");
    expect(cleared?.value).toBe("");
    expectError(await request(t, "GET", "/api/auth/me", undefined, session), 401, "unauthorized");
    expectError(await request(t, "POST", "/api/organizations", newOrganization, session), 401, "unauthorized");
  });

  it("needs the CSRF header like any other mutation", async () => {
    const session = await logInAs(t);
    const res = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: session.cookie } });
    expectError(res, 403, "csrf_token_invalid");
    expect((await request(t, "GET", "/api/auth/me", undefined, session)).statusCode).toBe(200);
  });
});

describe("CSRF and roles on evaluator routes", () => {
  it("refuses a mutation without x-csrf-token or with a wrong one, and accepts the right one", async () => {
    const session = await logInAs(t);
    const before = (await t.database.db.selectFrom("organizations").selectAll().execute()).length;

    const missing = await t.app.inject({
      method: "POST",
      url: "/api/organizations",
      payload: newOrganization,
      headers: { cookie: session.cookie },
    });
    expectError(missing, 403, "csrf_token_invalid");

    for (const wrong of ["wrong", session.csrfToken.slice(0, -1) + (session.csrfToken.endsWith("A") ? "B" : "A"), ""]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/organizations",
        payload: newOrganization,
        headers: { cookie: session.cookie, "x-csrf-token": wrong },
      });
      expectError(res, 403, "csrf_token_invalid");
    }
    expect((await t.database.db.selectFrom("organizations").selectAll().execute()).length).toBe(before);

    const ok = await request(t, "POST", "/api/organizations", newOrganization, session);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await t.database.db.selectFrom("organizations").selectAll().execute()).length).toBe(before + 1);
  });

  it("refuses another session's CSRF token", async () => {
    const mine = await logInAs(t);
    const theirs = await logInAs(t);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/organizations",
      payload: newOrganization,
      headers: { cookie: mine.cookie, "x-csrf-token": theirs.csrfToken },
    });
    expectError(res, 403, "csrf_token_invalid");
  });

  it("lets a viewer read but not change anything", async () => {
    const viewer = await logInAs(t, "viewer");
    expect((await request(t, "GET", "/api/organizations", undefined, viewer)).statusCode).toBe(200);
    expect((await request(t, "GET", "/api/questionnaires", undefined, viewer)).statusCode).toBe(200);
    const before = (await t.database.db.selectFrom("organizations").selectAll().execute()).length;
    expectError(await request(t, "POST", "/api/organizations", newOrganization, viewer), 403, "read_only");
    expectError(
      await request(t, "POST", "/api/evaluations", { name: "V", questionnaireIds: ["ngo-capacity"] }, viewer),
      403,
      "read_only",
    );
    expectError(
      await request(
        t,
        "POST",
        "/api/questionnaires",
        { id: "viewer-upload", json: { elements: [{ type: "text", name: "q" }] } },
        viewer,
      ),
      403,
      "read_only",
    );
    expect((await t.database.db.selectFrom("organizations").selectAll().execute()).length).toBe(before);
    expect(
      await t.database.db.selectFrom("questionnaires").selectAll().where("id", "=", "viewer-upload").execute(),
    ).toEqual([]);
  });

  it("checks the session, the CSRF header and the role before it looks at the body", async () => {
    const viewer = await logInAs(t, "viewer");
    const invalid = { kind: "nonsense" };
    expectError(await request(t, "POST", "/api/organizations", invalid), 401, "unauthorized");
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/organizations",
      payload: invalid,
      headers: { cookie: viewer.cookie },
    });
    expectError(noCsrf, 403, "csrf_token_invalid");
    expectError(await request(t, "POST", "/api/organizations", invalid, viewer), 403, "read_only");
  });

  it.each([
    ["GET", "/api/questionnaires"],
    ["GET", "/api/questionnaires/ngo-capacity"],
    ["POST", "/api/questionnaires"],
    ["GET", "/api/organizations"],
    ["POST", "/api/organizations"],
    ["GET", "/api/evaluations"],
    ["POST", "/api/evaluations"],
    ["GET", "/api/evaluations/1"],
    ["GET", "/api/evaluations/1/invitations"],
    ["POST", "/api/evaluations/1/invitations"],
    ["POST", "/api/invitations/1/revoke"],
    ["POST", "/api/auth/logout"],
  ] as const)("answers 401 to %s %s without a session cookie", async (method, url) => {
    const res = await t.app.inject({ method, url, payload: method === "POST" ? {} : undefined });
    expectError(res, 401, "unauthorized");
  });
});
