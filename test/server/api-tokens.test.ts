import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../server/modules/auth/auth.service.ts";
import { buildTestApp, logInAs, type TestApp, type UserSession } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";
import { post } from "../helpers/scenario.ts";

interface CreatedToken {
  id: number;
  name: string;
  access: "read" | "write";
  token: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe("personal API tokens", () => {
  let t: TestApp;
  let evaluator: UserSession;
  let other: UserSession;
  let evaluationId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    evaluator = await logInAs(t, "evaluator");
    other = await logInAs(t, "evaluator");
    ({ id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
      name: "Endline",
      questionnaireIds: ["ngo-capacity"],
    }));
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, session: UserSession = evaluator) => {
    const res = await request(t, "POST", "/api/tokens", body, session);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CreatedToken;
  };
  const bearer = (token: string, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  it("creates a token: 201 with the secret once; only its hash is stored", async () => {
    const created = await create({ name: "R scripts", access: "read" });
    expect(created).toMatchObject({ name: "R scripts", access: "read", expiresAt: null, lastUsedAt: null });
    expect(created.token).toMatch(/^sapat_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await t.database.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirst();
    expect(row!.token_hash).toBe(hashSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it("lists the caller's own tokens without secrets, with their last use", async () => {
    const created = await create({ name: "Power BI", access: "read" });
    expect((await bearer(created.token, "GET", "/api/evaluations")).statusCode).toBe(200);
    const res = await request(t, "GET", "/api/tokens", undefined, evaluator);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(created.token);
    const listed = (res.json() as CreatedToken[]).find((x) => x.id === created.id)!;
    expect(listed).not.toHaveProperty("token");
    expect(listed.lastUsedAt).not.toBeNull();
    const theirs = (await request(t, "GET", "/api/tokens", undefined, other)).json() as CreatedToken[];
    expect(theirs.map((x) => x.id)).not.toContain(created.id);
  });

  it("authenticates as the user: a read token reads, without any CSRF header, the evaluator's data", async () => {
    const { token } = await create({ name: "export", access: "read" });
    const csv = await bearer(token, "GET", `/api/evaluations/${evaluationId}/export.csv?questionnaireId=ngo-capacity`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const me = await bearer(token, "GET", "/api/auth/me");
    expect(me.json()).toMatchObject({ user: { id: evaluator.userId } });
  });

  it("refuses a read token on a write route (403 token_read_only), and changes nothing", async () => {
    const { token } = await create({ name: "read only", access: "read" });
    expectError(
      await bearer(token, "PATCH", `/api/evaluations/${evaluationId}`, { name: "X" }),
      403,
      "token_read_only",
    );
    const view = (await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, evaluator)).json();
    expect(view).toMatchObject({ name: "Endline" });
  });

  it("lets a write token write without a CSRF header, within the user's own access", async () => {
    const { token } = await create({ name: "sync", access: "write" });
    const res = await bearer(token, "PATCH", `/api/evaluations/${evaluationId}`, { round: "3" });
    expect(res.statusCode, res.body).toBe(200);
    // The token is the user's, so the user's evaluation access applies: another team's evaluation is not found.
    const { id: theirs } = await post(t, other, "/api/evaluations", {
      name: "Theirs",
      questionnaireIds: ["ngo-capacity"],
    });
    expectError(await bearer(token, "PATCH", `/api/evaluations/${theirs}`, { round: "3" }), 404, "not_found");
  });

  it("answers 401 invalid_token to an unknown, a revoked and an expired token, even beside a valid session", async () => {
    expectError(await bearer("sapat_nothing", "GET", "/api/evaluations"), 401, "invalid_token");
    expectError(await bearer("not-even-the-format", "GET", "/api/evaluations"), 401, "invalid_token");

    const revoked = await create({ name: "to revoke", access: "read" });
    expect((await request(t, "DELETE", `/api/tokens/${revoked.id}`, undefined, evaluator)).statusCode).toBe(204);
    expectError(await bearer(revoked.token, "GET", "/api/evaluations"), 401, "invalid_token");
    const listed = (await request(t, "GET", "/api/tokens", undefined, evaluator)).json() as CreatedToken[];
    expect(listed.find((x) => x.id === revoked.id)!.revokedAt).not.toBeNull();

    const expiring = await create({
      name: "short",
      access: "read",
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect((await bearer(expiring.token, "GET", "/api/evaluations")).statusCode).toBe(200);
    await t.database.db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", expiring.id)
      .execute();
    expectError(await bearer(expiring.token, "GET", "/api/evaluations"), 401, "invalid_token");

    const withCookie = await t.app.inject({
      method: "GET",
      url: "/api/evaluations",
      headers: { ...evaluator.headers, authorization: `Bearer ${revoked.token}` },
    });
    expectError(withCookie, 401, "invalid_token");
  });

  it("stops a disabled user's tokens", async () => {
    const admin = await logInAs(t, "admin");
    const leaving = await logInAs(t, "evaluator");
    const { token } = await create({ name: "mine", access: "read" }, leaving);
    expect((await bearer(token, "GET", "/api/evaluations")).statusCode).toBe(200);
    expect((await request(t, "PATCH", `/api/users/${leaving.userId}`, { disabled: true }, admin)).statusCode).toBe(200);
    expectError(await bearer(token, "GET", "/api/evaluations"), 401, "invalid_token");
  });

  it("keeps token management to a signed-in session: a token cannot make or revoke tokens (403)", async () => {
    const { token, id } = await create({ name: "writer", access: "write" });
    expectError(await bearer(token, "POST", "/api/tokens", { name: "more", access: "write" }), 403, "session_required");
    expectError(await bearer(token, "DELETE", `/api/tokens/${id}`), 403, "session_required");
    expectError(await bearer(token, "POST", "/api/auth/password", { currentPassword: "x", newPassword: "y" }), 403);
  });

  it("revokes only the caller's own tokens: another user's is not found", async () => {
    const { id } = await create({ name: "not yours", access: "read" });
    expectError(await request(t, "DELETE", `/api/tokens/${id}`, undefined, other), 404, "not_found");
    expectError(await request(t, "DELETE", "/api/tokens/999999", undefined, evaluator), 404, "not_found");
  });

  it("checks the body: name, access, expiry in the future; a viewer account gets read tokens only", async () => {
    expect(fieldsOf(expectError(await request(t, "POST", "/api/tokens", { access: "read" }, evaluator), 400))).toEqual([
      "name",
    ]);
    const badAccess = await request(t, "POST", "/api/tokens", { name: "x", access: "admin" }, evaluator);
    expect(fieldsOf(expectError(badAccess, 400))).toEqual(["access"]);
    const past = await request(
      t,
      "POST",
      "/api/tokens",
      { name: "x", access: "read", expiresAt: "2001-01-01" },
      evaluator,
    );
    expect(fieldsOf(expectError(past, 400))).toEqual(["expiresAt"]);
    const viewer = await logInAs(t, "viewer");
    const write = await request(t, "POST", "/api/tokens", { name: "x", access: "write" }, viewer);
    expect(fieldsOf(expectError(write, 400))).toEqual(["access"]);
    expect((await request(t, "POST", "/api/tokens", { name: "x", access: "read" }, viewer)).statusCode).toBe(201);
  });

  it("needs a session and the CSRF header to create one", async () => {
    expectError(
      await t.app.inject({ method: "POST", url: "/api/tokens", payload: { name: "x", access: "read" } }),
      401,
    );
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/tokens",
      payload: { name: "x", access: "read" },
      headers: { cookie: evaluator.cookie },
    });
    expectError(noCsrf, 403, "csrf_token_invalid");
  });
});
