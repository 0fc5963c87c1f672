import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditActions } from "../../server/value-lists.ts";
import { buildTestApp, logInAs, type TestApp, type UserSession } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";
import { routeTable } from "../helpers/route-table.ts";
import { post, readFixture } from "../helpers/scenario.ts";

interface AuditEvent {
  id: number;
  at: string;
  userId: number | null;
  userEmail: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

describe("the audit log", () => {
  let t: TestApp;
  let admin: UserSession;
  let evaluator: UserSession;
  let evaluationId: number;
  let responseId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await logInAs(t, "admin");
    evaluator = await logInAs(t, "evaluator");
    // Every action of the list, done through the routes.
    await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: evaluator.email, password: "wrong password!" },
    });
    ({ id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
      name: "Audited",
      questionnaireIds: ["ngo-capacity"],
    }));
    const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
      name: "NGO",
      kind: "ngo",
      region: "Osh",
    });
    const [invitation] = await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId: "ngo-capacity",
    });
    const answers = readFixture("ngo-capacity-answers.json");
    const submitted = await t.app.inject({
      method: "POST",
      url: `/api/respond/${invitation.token}/submit`,
      payload: { data: answers },
    });
    responseId = (submitted.json() as { responseId: number }).responseId;
    const newcomer = await post(t, admin, "/api/users", {
      email: "newcomer@example.org",
      name: "Newcomer",
      role: "evaluator",
      password: "a long enough password",
    });
    const ok = (res: { statusCode: number; body: string }, status = 200) =>
      expect(res.statusCode, res.body).toBe(status);
    ok(
      await request(t, "PUT", `/api/evaluations/${evaluationId}/members/${newcomer.id}`, { role: "viewer" }, evaluator),
      201,
    );
    ok(
      await request(
        t,
        "PUT",
        `/api/evaluations/${evaluationId}/members/${newcomer.id}`,
        { role: "evaluator" },
        evaluator,
      ),
    );
    ok(
      await request(t, "DELETE", `/api/evaluations/${evaluationId}/members/${newcomer.id}`, undefined, evaluator),
      204,
    );
    ok(await request(t, "PATCH", `/api/users/${newcomer.id}`, { disabled: true }, admin));
    const token = await post(t, evaluator, "/api/tokens", { name: "R", access: "read" });
    ok(await request(t, "DELETE", `/api/tokens/${token.id}`, undefined, evaluator), 204);
    ok(
      await request(
        t,
        "GET",
        `/api/evaluations/${evaluationId}/export.csv?questionnaireId=ngo-capacity`,
        undefined,
        evaluator,
      ),
    );
    ok(await request(t, "GET", `/api/responses/${responseId}/report.pdf`, undefined, evaluator));
    ok(
      await request(
        t,
        "PATCH",
        `/api/responses/${responseId}`,
        { data: { ...answers, P1: "Corrected" }, reason: "typo" },
        evaluator,
      ),
    );
    ok(
      await request(
        t,
        "PUT",
        `/api/responses/${responseId}/verified/VAS4`,
        { level: 2, note: "seen on site" },
        evaluator,
      ),
    );
    ok(
      await request(
        t,
        "POST",
        "/api/questionnaires",
        {
          id: "tiny",
          json: { pages: [{ name: "p", elements: [{ type: "text", name: "q" }] }] },
        },
        evaluator,
      ),
      201,
    );
    ok(await request(t, "POST", "/api/auth/logout", {}, evaluator));
  });
  afterAll(() => t.close());

  const audit = async (query = "") => {
    const res = await request(t, "GET", `/api/audit${query}`, undefined, admin);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { events: AuditEvent[]; nextBefore: number | null };
  };

  it("records every listed action, with who, when, what, from where", async () => {
    const { events } = await audit("?limit=1000");
    const seen = new Set(events.map((e) => e.action));
    for (const action of auditActions) expect(seen, action).toContain(action);
    const exported = events.find((e) => e.action === "export")!;
    expect(exported).toMatchObject({
      userId: evaluator.userId,
      userEmail: evaluator.email,
      target: `evaluation:${evaluationId}`,
      details: { format: "csv", questionnaireId: "ngo-capacity" },
    });
    expect(exported.ip).toBeTruthy();
    expect(Date.parse(exported.at)).toBeGreaterThan(Date.now() - 600_000);
    expect(events.find((e) => e.action === "login_failed")).toMatchObject({ userId: null, userEmail: evaluator.email });
    expect(events.find((e) => e.action === "response_corrected")).toMatchObject({
      target: `response:${responseId}`,
      details: { reason: "typo" },
    });
    expect(events.find((e) => e.action === "role_changed")).toMatchObject({
      details: { previousRole: "viewer", role: "evaluator" },
    });
  });

  it("answers newest first, pages with before, and filters by action and user", async () => {
    const { events } = await audit("?limit=1000");
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const first = await audit("?limit=3");
    expect(first.events.map((e) => e.id)).toEqual(ids.slice(0, 3));
    expect(first.nextBefore).toBe(ids[2]);
    const second = await audit(`?limit=3&before=${first.nextBefore}`);
    expect(second.events.map((e) => e.id)).toEqual(ids.slice(3, 6));
    const logins = await audit("?action=login");
    expect(logins.events.length).toBeGreaterThanOrEqual(2);
    expect(logins.events.every((e) => e.action === "login")).toBe(true);
    const mine = await audit(`?userId=${evaluator.userId}`);
    expect(mine.events.length).toBeGreaterThan(5);
    expect(mine.events.every((e) => e.userId === evaluator.userId)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await audit(`?from=${today}&to=${today}&limit=1000`)).events.length).toBe(events.length);
    expect((await audit("?to=2001-01-01")).events).toEqual([]);
  });

  it("answers 400 naming a wrong filter", async () => {
    const res = await request(t, "GET", "/api/audit?action=coffee", undefined, admin);
    expect(fieldsOf(expectError(res, 400))).toEqual(["action"]);
    expect(fieldsOf(expectError(await request(t, "GET", "/api/audit?limit=0", undefined, admin), 400))).toEqual([
      "limit",
    ]);
  });

  it("is for admins only: 403 for an evaluator, 401 without a session", async () => {
    const other = await logInAs(t, "evaluator");
    expectError(await request(t, "GET", "/api/audit", undefined, other), 403, "forbidden");
    expectError(await request(t, "GET", "/api/audit/export.csv", undefined, other), 403, "forbidden");
    expectError(await t.app.inject({ method: "GET", url: "/api/audit" }), 401);
  });

  it("downloads the filtered log as CSV", async () => {
    const res = await request(t, "GET", "/api/audit/export.csv?action=export", undefined, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("id,at,userId,userEmail,action,target,ip,details");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,export,evaluation:${evaluationId},`);
  });

  it("has no route that changes or deletes an event", () => {
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false }));
    const audit = routes.filter((r) => r.path.startsWith("/api/audit"));
    expect(audit.map((r) => `${r.method} ${r.path}`).sort()).toEqual(["GET /api/audit", "GET /api/audit/export.csv"]);
  });
});
