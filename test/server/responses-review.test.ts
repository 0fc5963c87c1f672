import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  buildTestApp,
  logInAs,
  type Session,
  type TestApp,
  type UserSession,
} from "../helpers/build-app.ts";
import { expectError, fieldsOf, questionsOf, request } from "../helpers/http.ts";
import { saveDraft, submit } from "../helpers/respond.ts";
import { post, readFixture } from "../helpers/scenario.ts";

const smallSurvey = readFixture("small-survey.json");

let t: TestApp;
let evaluator: Session;
let viewer: UserSession;
let evaluatorId: number;
let evaluationId: number;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  viewer = await logInAs(t, "viewer");
  evaluatorId = (await request(t, "GET", "/api/auth/me", undefined, evaluator)).json().user.id;
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: smallSurvey });
  ({ id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
    name: "Review evaluation",
    questionnaireIds: ["small", "government-interview"],
  }));
  await addMember(t, evaluationId, viewer.userId, "viewer");
});
afterAll(() => t.close());

const submittedAnswers = {
  name: "Ishenim",
  staff: 12,
  activities: ["outreach", "hotline"],
  hotline_details: "24/7",
  projects: [
    { project_name: "Safe migration", budget: 1200 },
    { project_name: "Schools", budget: 300 },
  ],
  staffing: { lawyers: { count: 2, trained: true } },
};

async function newOrganization(name: string, region = "Chui", kind = "ngo") {
  const { id } = await post(t, evaluator, "/api/organizations", { name, kind, region });
  return id as number;
}

async function invite(organizationId: number, evaluation = evaluationId) {
  const [invitation] = await post(t, evaluator, `/api/evaluations/${evaluation}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "small",
  });
  return invitation.token as string;
}

/** A link response: a draft, then (unless told otherwise) the submission. */
async function linkResponse(options: { name?: string; region?: string; data?: object; submit?: boolean } = {}) {
  const organizationId = await newOrganization(options.name ?? `Org ${randomUUID().slice(0, 6)}`, options.region);
  const token = await invite(organizationId);
  const data = options.data ?? submittedAnswers;
  expect((await saveDraft(t, token, { data: { name: "draft" }, currentPage: 0 })).statusCode).toBe(200);
  if (options.submit === false) {
    const row = await t.database.db
      .selectFrom("responses")
      .select("id")
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    return { organizationId, token, responseId: row.id };
  }
  const res = await submit(t, token, { data });
  expect(res.statusCode, res.body).toBe(200);
  return { organizationId, token, responseId: res.json().responseId as number };
}

function patch(id: number, body: unknown, session: Session = evaluator) {
  return request(t, "PATCH", `/api/responses/${id}`, body, session);
}

async function responseRow(id: number) {
  return t.database.db.selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function revisions(id: number) {
  const res = await request(t, "GET", `/api/responses/${id}/revisions`, undefined, viewer);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Array<{
    revision: number;
    reason: string | null;
    user: unknown;
    createdAt: string;
    diff: unknown[];
  }>;
}

describe("revisions of link responses", () => {
  it("the submission is the first revision (no user, no reason); drafts are not revisions", async () => {
    const { responseId, token } = await linkResponse({ submit: false });
    expect(await revisions(responseId)).toEqual([]);
    expect((await saveDraft(t, token, { data: { name: "second draft" }, currentPage: 1 })).statusCode).toBe(200);
    expect(await revisions(responseId)).toEqual([]);

    expect((await submit(t, token, { data: submittedAnswers })).statusCode).toBe(200);
    const row = await responseRow(responseId);
    expect(row.revision).toBe(3);
    const list = await revisions(responseId);
    expect(list).toEqual([
      { revision: 3, createdAt: row.submitted_at, user: null, reason: null, diff: expect.any(Array) },
    ]);
    expect(list[0]!.diff).toContainEqual({ path: "projects[1].project_name", before: null, after: "Schools" });
    // Submitting the same answers again (a lost acknowledgement) adds nothing.
    expect((await submit(t, token, { data: submittedAnswers })).statusCode).toBe(200);
    expect(await revisions(responseId)).toHaveLength(1);
  });
});

describe("PATCH /api/responses/:id", () => {
  it("corrects submitted answers: a new revision with the field-level diff, who, when and why", async () => {
    const { responseId } = await linkResponse();
    const before = await responseRow(responseId);
    const corrected = {
      ...submittedAnswers,
      staff: 14,
      activities: ["outreach"],
      hotline_details: "no longer visible: dropped",
      projects: [{ project_name: "Safe migration", budget: 1500 }],
      staffing: { lawyers: { count: 2, trained: false }, psychologists: { count: 1 } },
    };
    const res = await patch(responseId, { data: corrected, reason: "Figures confirmed at the site visit" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ responseId, revision: before.revision + 1, changed: true });

    const stored = await responseRow(responseId);
    const { hotline_details: _dropped, ...expected } = corrected;
    expect(JSON.parse(stored.data)).toEqual(expected);
    expect(stored.updated_by).toBe(evaluatorId);

    const list = await revisions(responseId);
    expect(list.map((r) => r.revision)).toEqual([before.revision + 1, before.revision]);
    expect(list[0]).toEqual({
      revision: before.revision + 1,
      createdAt: stored.updated_at,
      user: { id: evaluatorId, name: "evaluator" },
      reason: "Figures confirmed at the site visit",
      diff: [
        { path: "staff", before: 12, after: 14 },
        { path: "activities", before: ["outreach", "hotline"], after: ["outreach"] },
        { path: "hotline_details", before: "24/7", after: null },
        { path: "projects[0].budget", before: 1200, after: 1500 },
        { path: "projects[1].project_name", before: "Schools", after: null },
        { path: "projects[1].budget", before: 300, after: null },
        { path: "staffing.lawyers.trained", before: true, after: false },
        { path: "staffing.psychologists.count", before: null, after: 1 },
      ],
    });

    const detail = (await request(t, "GET", `/api/responses/${responseId}`, undefined, viewer)).json();
    expect(detail).toMatchObject({
      revision: before.revision + 1,
      data: expected,
      updatedBy: { id: evaluatorId, name: "evaluator" },
    });
  });

  it("requires a reason (422 naming reason) and changes nothing without one", async () => {
    const { responseId } = await linkResponse();
    const before = await responseRow(responseId);
    const data = { ...submittedAnswers, staff: 99 };
    for (const body of [{ data }, { data, reason: "" }, { data, reason: " \n " }]) {
      const error = expectError(await patch(responseId, body), 422, "reason_required");
      expect(fieldsOf(error)).toEqual(["reason"]);
    }
    expect(fieldsOf(expectError(await patch(responseId, { data, reason: "x".repeat(2001) }), 422))).toEqual(["reason"]);
    expect((await patch(responseId, { data, reason: "x".repeat(2000) })).statusCode).toBe(200);
    expect((await responseRow(responseId)).revision).toBe(before.revision + 1);
  });

  it("answers unchanged data with the same revision, changed: false, and writes no revision", async () => {
    const stored = { name: "Ishenim", activities: ["outreach"], staff: 3 };
    const { responseId } = await linkResponse({ data: stored });
    const before = await responseRow(responseId);
    // An answer to a question the other answers hide is dropped, so this is the stored data.
    const res = await patch(responseId, {
      data: { staff: 3, activities: ["outreach"], name: "Ishenim", hotline_details: "hidden" },
      reason: "Looked again",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ responseId, revision: before.revision, changed: false });
    expect(await responseRow(responseId)).toEqual(before);
    expect(await revisions(responseId)).toHaveLength(1);
  });

  it("validates like a submission: 422 naming the questions, and nothing changes", async () => {
    const { responseId } = await linkResponse();
    const before = await responseRow(responseId);
    const res = await patch(responseId, {
      data: { ...submittedAnswers, name: undefined, staff: "many", projects: [{ budget: 5 }] },
      reason: "Typo",
    });
    const error = expectError(res, 422, "invalid_answers");
    expect(questionsOf(error)).toEqual(["name", "projects[0].project_name", "staff"]);
    expect(await responseRow(responseId)).toEqual(before);
  });

  it("answers 409 for a draft: its answers belong to the respondent", async () => {
    const { responseId } = await linkResponse({ submit: false });
    const before = await responseRow(responseId);
    expectError(await patch(responseId, { data: submittedAnswers, reason: "Fill in" }), 409, "not_submitted");
    expect(await responseRow(responseId)).toEqual(before);
  });

  it("answers 409 with the current copy for a stale baseRevision", async () => {
    const { responseId } = await linkResponse();
    const start = (await responseRow(responseId)).revision;
    await patch(responseId, { data: { ...submittedAnswers, staff: 20 }, reason: "First", baseRevision: start });
    const res = await patch(responseId, {
      data: { ...submittedAnswers, staff: 30 },
      reason: "Second",
      baseRevision: start,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      error: "revision_conflict",
      details: [],
      current: { responseId, revision: start + 1, status: "submitted", data: { staff: 20 } },
    });
    expect(JSON.parse((await responseRow(responseId)).data).staff).toBe(20);
  });

  it("lets viewers read but not correct; 404 for an unknown response", async () => {
    const { responseId } = await linkResponse();
    expectError(await patch(responseId, { data: submittedAnswers, reason: "x" }, viewer), 403);
    expect((await request(t, "GET", `/api/responses/${responseId}`, undefined, viewer)).statusCode).toBe(200);
    expectError(await patch(999_999, { data: submittedAnswers, reason: "x" }), 404, "not_found");
    expectError(await request(t, "GET", "/api/responses/999999", undefined, viewer), 404, "not_found");
    expectError(await request(t, "GET", "/api/responses/999999/revisions", undefined, viewer), 404, "not_found");
    expectError(await request(t, "GET", "/api/responses/abc", undefined, viewer), 400);
    expectError(await request(t, "GET", `/api/responses/${responseId}`), 401);
  });

  it("a correction of an interview makes the device's old request stale: its replay gets 409", async () => {
    const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
      name: "Police department",
      kind: "government",
      region: "Osh",
    });
    const clientId = randomUUID();
    const body = {
      evaluationId,
      organizationId,
      questionnaireId: "government-interview",
      questionnaireVersion: await t.app.catalogue.latestVersion(t.database.db, "government-interview"),
      data: { agency_name: "Police", agency_type: "police" },
      status: "submitted",
      interviewee: { position: "Inspector" },
      conductedAt: "2026-11-25",
    };
    const created = await request(t, "PUT", `/api/interviews/${clientId}`, body, evaluator);
    const { responseId } = created.json();
    const fixed = await patch(responseId, {
      data: { agency_name: "City police", agency_type: "police" },
      reason: "Name",
    });
    expect(fixed.json()).toMatchObject({ revision: 2, changed: true });
    const replay = await request(t, "PUT", `/api/interviews/${clientId}`, body, evaluator);
    expect(replay.statusCode, replay.body).toBe(409);
    expect(replay.json().current).toMatchObject({ revision: 2, data: { agency_name: "City police" } });
  });
});

describe("GET /api/evaluations/:id/responses and GET /api/responses", () => {
  let listEvaluation: number;
  const ids = { submitted: 0, draft: 0, interview: 0 };

  beforeAll(async () => {
    ({ id: listEvaluation } = await post(t, evaluator, "/api/evaluations", {
      name: "List evaluation",
      questionnaireIds: ["small", "government-interview"],
    }));
    await addMember(t, listEvaluation, viewer.userId, "viewer");
    const chui = await newOrganization("Ишеним Бишкек", "Chui");
    const osh = await newOrganization("Osh Youth Centre", "Osh");
    const ministry = await newOrganization("Ministry of Labour", "Chui", "government");

    const submitted = await invite(chui, listEvaluation);
    await submit(t, submitted, { data: { name: "Бишкекский центр", projects: [{ project_name: "Safe migration" }] } });
    ids.submitted = (await t.database.db
      .selectFrom("responses")
      .select("id")
      .where("organization_id", "=", chui)
      .executeTakeFirstOrThrow())!.id;

    const draft = await invite(osh, listEvaluation);
    await saveDraft(t, draft, { data: { name: "draft about lawyers" }, currentPage: 0 });
    ids.draft = (await t.database.db
      .selectFrom("responses")
      .select("id")
      .where("organization_id", "=", osh)
      .executeTakeFirstOrThrow())!.id;

    const clientId = randomUUID();
    const res = await request(
      t,
      "PUT",
      `/api/interviews/${clientId}`,
      {
        evaluationId: listEvaluation,
        organizationId: ministry,
        questionnaireId: "government-interview",
        questionnaireVersion: await t.app.catalogue.latestVersion(t.database.db, "government-interview"),
        data: { agency_name: "Department of external migration" },
        status: "draft",
        interviewee: { name: "Aida Toktogulova", position: "Head of department", agency: "Ministry of Labour" },
        conductedAt: "2026-11-26T09:00:00Z",
        place: "Bishkek",
      },
      evaluator,
    );
    ids.interview = res.json().responseId;

    // A response of another evaluation, which must not show up in this one's list.
    await linkResponse({ name: "Other evaluation org" });
  });

  async function list(query = "") {
    const res = await request(t, "GET", `/api/evaluations/${listEvaluation}/responses${query}`, undefined, viewer);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Array<Record<string, unknown>>;
  }

  const idsOf = (items: Array<Record<string, unknown>>) => items.map((i) => i.id as number).sort((a, b) => a - b);
  const sorted = (...values: number[]) => [...values].sort((a, b) => a - b);

  it("lists every response of the evaluation, newest change first, with the list fields", async () => {
    const items = await list();
    expect(items.map((i) => i.id)).toEqual([ids.interview, ids.draft, ids.submitted]);
    expect(items[0]).toEqual({
      id: ids.interview,
      evaluationId: listEvaluation,
      organizationId: expect.any(Number),
      organizationName: "Ministry of Labour",
      region: "Chui",
      questionnaireId: "government-interview",
      questionnaireVersion: expect.any(Number),
      invitationId: null,
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      mode: "interview",
      status: "draft",
      revision: 1,
      interviewee: { name: "Aida Toktogulova", position: "Head of department", agency: "Ministry of Labour" },
      conductedAt: "2026-11-26T09:00:00.000Z",
      place: "Bishkek",
      submittedAt: null,
      updatedAt: expect.any(String),
      createdAt: expect.any(String),
      interviewerId: evaluatorId,
      interviewerName: "evaluator",
      updatedBy: { id: evaluatorId, name: "evaluator" },
    });
    expect(items[2]).toMatchObject({
      mode: "link",
      status: "submitted",
      invitationId: expect.any(Number),
      clientId: null,
      interviewee: null,
      interviewerName: null,
      updatedBy: null,
      submittedAt: expect.any(String),
    });
    expect(items[0]).not.toHaveProperty("data");
  });

  it.each([
    ["status=submitted", () => [ids.submitted]],
    ["status=draft", () => [ids.draft, ids.interview]],
    ["mode=interview", () => [ids.interview]],
    ["mode=link", () => [ids.submitted, ids.draft]],
    ["region=Osh", () => [ids.draft]],
    ["region=Chui", () => [ids.submitted, ids.interview]],
    ["questionnaireId=government-interview", () => [ids.interview]],
    ["questionnaireId=small&status=draft", () => [ids.draft]],
    ["region=Naryn", () => []],
  ])("filters by %s", async (query, expected) => {
    expect(idsOf(await list(`?${query}`))).toEqual(sorted(...expected()));
  });

  it("filters by organisation", async () => {
    const [submitted] = await list(`?status=submitted`);
    expect(idsOf(await list(`?organizationId=${submitted!.organizationId}`))).toEqual([ids.submitted]);
  });

  it.each([
    ["the organisation's name, in any case, Cyrillic too", "иШЕНИМ", () => [ids.submitted]],
    ["the interviewee's name", "tokTOGULOVA", () => [ids.interview]],
    ["the interviewee's position", "head of dep", () => [ids.interview]],
    ["answer text", "lawyers", () => [ids.draft]],
    ["answer text in a dynamic panel", "safe migr", () => [ids.submitted]],
    ["Cyrillic answer text", "бишкекский", () => [ids.submitted]],
    ["the place", "bishkek", () => [ids.interview]],
    ["not question names", "project_name", () => []],
    ["no match", "zzz", () => []],
  ])("searches %s", async (_name, q, expected) => {
    expect(idsOf(await list(`?q=${encodeURIComponent(q)}`))).toEqual(sorted(...expected()));
  });

  it("combines search and filters", async () => {
    expect(idsOf(await list(`?q=${encodeURIComponent("БИШКЕК")}`))).toEqual([ids.submitted]);
    expect(idsOf(await list(`?q=${encodeURIComponent("БИШКЕК")}&mode=interview`))).toEqual([]);
    expect(idsOf(await list(`?q=migration&mode=interview`))).toEqual([ids.interview]);
  });

  it("answers 400 for an unknown filter value and 404 for an unknown evaluation", async () => {
    expect(
      fieldsOf(
        expectError(
          await request(t, "GET", `/api/evaluations/${listEvaluation}/responses?status=final`, undefined, viewer),
          400,
        ),
      ),
    ).toEqual(["status"]);
    expectError(
      await request(t, "GET", `/api/evaluations/${listEvaluation}/responses?colour=red`, undefined, viewer),
      400,
    );
    expectError(await request(t, "GET", "/api/evaluations/999999/responses", undefined, viewer), 404, "not_found");
  });

  it("GET /api/responses filters across evaluations, or by evaluationId", async () => {
    const res = await request(t, "GET", `/api/responses?evaluationId=${listEvaluation}&mode=link`, undefined, viewer);
    expect(idsOf(res.json())).toEqual(sorted(ids.submitted, ids.draft));
    const all = (await request(t, "GET", "/api/responses", undefined, viewer)).json() as Array<{
      evaluationId: number;
    }>;
    expect(new Set(all.map((r) => r.evaluationId)).size).toBeGreaterThan(1);
    const search = (await request(t, "GET", "/api/responses?q=Other%20evaluation", undefined, viewer)).json();
    expect(search).toHaveLength(1);
    expect(search[0].evaluationId).toBe(evaluationId);
  });

  it("GET /api/responses/:id adds the answers, the language and the questionnaire's title", async () => {
    const res = await request(t, "GET", `/api/responses/${ids.submitted}`, undefined, viewer);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({
      id: ids.submitted,
      organizationName: "Ишеним Бишкек",
      status: "submitted",
      data: { name: "Бишкекский центр", projects: [{ project_name: "Safe migration" }] },
      locale: "en",
      questionnaireTitle: "Small test survey",
    });
  });
});
