import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, buildTestApp, logInAs, type TestApp, type UserSession } from "../helpers/build-app.ts";
import { routeTable } from "../helpers/route-table.ts";
import { post, readFixture } from "../helpers/scenario.ts";

// Nothing leaks across evaluations: every route of the app (read from the route table, so that a route added later
// is walked too) is called as a user who is not a member of team A's evaluation, with A's ids in the path; none may
// answer 2xx, and no answer may carry A's data.

const marker = "TEAMA-7c1e";

describe("a non-member and another team's evaluation", () => {
  let t: TestApp;
  let ownerA: UserSession;
  let outsider: UserSession;
  let outsiderViewer: UserSession;
  const a = { evaluationId: 0, invitationId: 0, responseId: 0, interviewClientId: "", mailId: 0, ownerId: 0 };
  let ownEvaluationId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    ownerA = await logInAs(t, "evaluator");
    outsider = await logInAs(t, "evaluator");
    outsiderViewer = await logInAs(t, "viewer");
    a.ownerId = ownerA.userId;
    const { id: organizationId } = await post(t, ownerA, "/api/organizations", {
      name: "Shared NGO",
      kind: "ngo",
      region: "Chui",
    });
    ({ id: a.evaluationId } = await post(t, ownerA, "/api/evaluations", {
      name: `Evaluation ${marker}`,
      questionnaireIds: ["ngo-capacity", "government-interview"],
    }));
    const [invitation] = await post(t, ownerA, `/api/evaluations/${a.evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId: "ngo-capacity",
    });
    a.invitationId = invitation.id;
    const sent = await post(t, ownerA, `/api/invitations/${a.invitationId}/send`, {});
    a.mailId = sent.id;
    const answers = { ...readFixture("ngo-capacity-answers.json"), P1: `NGO ${marker}` };
    const submitted = await t.app.inject({
      method: "POST",
      url: `/api/respond/${invitation.token}/submit`,
      payload: { data: answers },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    a.responseId = (submitted.json() as { responseId: number }).responseId;
    a.interviewClientId = randomUUID();
    const version = await t.app.catalogue.latestVersion(t.database.db, "government-interview");
    const interview = await t.app.inject({
      method: "PUT",
      url: `/api/interviews/${a.interviewClientId}`,
      headers: ownerA.headers,
      payload: {
        evaluationId: a.evaluationId,
        organizationId,
        questionnaireId: "government-interview",
        questionnaireVersion: version,
        data: { agency_name: `Agency ${marker}` },
        status: "draft",
        interviewee: { name: marker, position: "Head", agency: "Ministry" },
        conductedAt: "2026-11-20",
        place: marker,
      },
    });
    expect(interview.statusCode, interview.body).toBe(201);
    // The outsider's own team has an evaluation too: lists are not simply empty.
    ({ id: ownEvaluationId } = await post(t, outsider, "/api/evaluations", {
      name: "Team B evaluation",
      questionnaireIds: ["ngo-capacity"],
    }));
    await addMember(t, ownEvaluationId, outsiderViewer.userId, "viewer");
  });
  afterAll(() => t.close());

  /** A's ids put in the path; undefined for a path that names no evaluation data (lists, shared registries). */
  function pathWithTeamAData(path: string): string | undefined {
    const filled = path
      .replace(/^\/api\/evaluations\/:id/, `/api/evaluations/${a.evaluationId}`)
      .replace(/^\/api\/invitations\/:id/, `/api/invitations/${a.invitationId}`)
      .replace(/^\/api\/responses\/:id/, `/api/responses/${a.responseId}`)
      .replace(/^\/api\/mail\/:id/, `/api/mail/${a.mailId}`)
      .replace(/^\/api\/interviews\/:clientId/, `/api/interviews/${a.interviewClientId}`)
      .replace(/:userId/, String(a.ownerId))
      .replace(/:question/, "VAS4");
    return filled === path ? undefined : filled;
  }

  it("walks a route table that has every evaluation-scoped area in it", () => {
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false }));
    const scoped = routes.filter((r) => pathWithTeamAData(r.path));
    for (const expected of [
      "GET /api/evaluations/:id",
      "GET /api/evaluations/:id/members",
      "GET /api/evaluations/:id/invitations",
      "GET /api/evaluations/:id/export.csv",
      "GET /api/responses/:id",
      "PUT /api/responses/:id/verified/:question",
      "POST /api/mail/:id/retry",
      "GET /api/interviews/:clientId",
    ]) {
      expect(scoped.map((r) => `${r.method} ${r.path}`)).toContain(expected);
    }
    expect(scoped.length).toBeGreaterThan(35);
  });

  for (const who of ["outsider", "outsiderViewer"] as const) {
    it(`answers 404 (or 403 for a viewer's write) on every route scoped to A's evaluation, as ${who}`, async () => {
      const session = who === "outsider" ? outsider : outsiderViewer;
      const routes = routeTable(t.app.printRoutes({ commonPrefix: false }));
      const answers: string[] = [];
      for (const route of routes) {
        const url = pathWithTeamAData(route.path);
        if (!url) continue;
        const res = await t.app.inject({
          method: route.method as "GET",
          url,
          headers: session.headers,
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }),
        });
        answers.push(`${route.method} ${route.path} -> ${res.statusCode}`);
        expect(res.statusCode, `${route.method} ${url}: ${res.body.slice(0, 200)}`).not.toBeLessThan(300);
        expect(res.body).not.toContain(marker);
        const writes = route.method !== "GET";
        // A viewer account is refused any write by its role first; everyone else learns only "not found".
        const expected = who === "outsiderViewer" && writes ? 403 : 404;
        expect(res.statusCode, `${route.method} ${url}: ${res.body.slice(0, 200)}`).toBe(expected);
      }
      expect(answers.length).toBeGreaterThan(35);
    });
  }

  it("leaves A's evaluation and data out of every list and every route without A's ids", async () => {
    const routes = routeTable(t.app.printRoutes({ commonPrefix: false }));
    for (const route of routes) {
      if (route.method !== "GET" || pathWithTeamAData(route.path) || !route.path.startsWith("/api/")) continue;
      const url = route.path
        .replace(/:token/, "no-such-token")
        .replace(/^\/api\/questionnaires\/:id/, "/api/questionnaires/ngo-capacity")
        .replace(/:id/, "1")
        .replace(/\*$/, "");
      for (const session of [outsider, outsiderViewer]) {
        const res = await t.app.inject({ method: "GET", url, headers: session.headers });
        expect(res.body, `GET ${url}`).not.toContain(marker);
      }
    }
    const list = await t.app.inject({ method: "GET", url: "/api/evaluations", headers: outsider.headers });
    expect((list.json() as Array<{ id: number }>).map((e) => e.id)).toEqual([ownEvaluationId]);
    const responses = await t.app.inject({ method: "GET", url: "/api/responses", headers: outsider.headers });
    expect(responses.json()).toEqual([]);
    const filtered = await t.app.inject({
      method: "GET",
      url: `/api/responses?evaluationId=${a.evaluationId}`,
      headers: outsider.headers,
    });
    expect(filtered.json()).toEqual([]);
    // The owner sees what the outsider does not: the walk above refused real data, not an empty database.
    const mine = await t.app.inject({ method: "GET", url: "/api/responses", headers: ownerA.headers });
    expect((mine.json() as unknown[]).length).toBe(2);
    const versions = await t.app.inject({
      method: "GET",
      url: "/api/questionnaires/ngo-capacity/versions",
      headers: ownerA.headers,
    });
    expect(versions.body).toContain(marker);
  });

  it("refuses an interview saved into A's evaluation by a non-member as naming an unknown evaluation", async () => {
    const version = await t.app.catalogue.latestVersion(t.database.db, "government-interview");
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/interviews/${randomUUID()}`,
      headers: outsider.headers,
      payload: {
        evaluationId: a.evaluationId,
        organizationId: 1,
        questionnaireId: "government-interview",
        questionnaireVersion: version,
        data: {},
        status: "draft",
        interviewee: { name: "x" },
        conductedAt: "2026-11-20",
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: "evaluationId" }] });
  });

  it("does not let a non-member take A's evaluation as a baseline", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/evaluations",
      headers: outsider.headers,
      payload: { name: "Follow-up", questionnaireIds: ["ngo-capacity"], baselineEvaluationId: a.evaluationId },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: "baselineEvaluationId" }] });
  });
});
