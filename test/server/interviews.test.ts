import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, questionsOf, request } from "../helpers/http.ts";
import { post } from "../helpers/scenario.ts";

let t: TestApp;
let evaluator: Session;
let otherEvaluator: Awaited<ReturnType<typeof logInAs>>;
let viewer: Awaited<ReturnType<typeof logInAs>>;
let evaluationId: number;
let organizationId: number;
let questionnaireVersion: number;

const questionnaireId = "government-interview";

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  otherEvaluator = await logInAs(t, "evaluator");
  viewer = await logInAs(t, "viewer");
  ({ id: organizationId } = await post(t, evaluator, "/api/organizations", {
    name: "Ministry of Labour, Chui office",
    kind: "government",
    region: "Chui",
  }));
  ({ id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
    name: "Baseline 2026",
    questionnaireIds: [questionnaireId, "ngo-capacity"],
  }));
  // The evaluator's team: a colleague on another device, and a reader.
  await addMember(t, evaluationId, otherEvaluator.userId, "evaluator");
  await addMember(t, evaluationId, viewer.userId, "viewer");
  questionnaireVersion = await t.app.catalogue.latestVersion(t.database.db, questionnaireId);
});
afterAll(() => t.close());

const validAnswers = {
  agency_name: "Migration service",
  agency_type: "migration_labour",
  coop_ngo: true,
  coop_forms: ["referrals", "info_exchange"],
  coop_rating: 4,
  cases_12m: 12,
};

function interview(overrides: Record<string, unknown> = {}) {
  return {
    evaluationId,
    organizationId,
    questionnaireId,
    questionnaireVersion,
    data: { agency_name: "Migration service" },
    status: "draft",
    interviewee: { name: "", position: "Head of unit", agency: "State Migration Service" },
    conductedAt: "2026-11-20",
    place: "Bishkek, office 12",
    ...overrides,
  };
}

function put(clientId: string, body: unknown, session: Session = evaluator) {
  return request(t, "PUT", `/api/interviews/${clientId}`, body, session);
}

async function responseRow(clientId: string) {
  return t.database.db.selectFrom("responses").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

async function revisionRows(responseId: number) {
  return t.database.db
    .selectFrom("response_revisions")
    .selectAll()
    .where("response_id", "=", responseId)
    .orderBy("revision")
    .execute();
}

async function userId(session: Session) {
  const res = await request(t, "GET", "/api/auth/me", undefined, session);
  return (res.json() as { user: { id: number } }).user.id;
}

/** Creates a draft interview and returns its id, response id and revision. */
async function newDraft(body: Record<string, unknown> = {}) {
  const clientId = randomUUID();
  const res = await put(clientId, interview(body));
  expect(res.statusCode, res.body).toBe(201);
  return { clientId, ...(res.json() as { responseId: number; revision: number }) };
}

describe("PUT /api/interviews/:clientId: creating and resuming", () => {
  it("creates a draft: 201, stored as sent, the interviewer recorded, no revision", async () => {
    const clientId = randomUUID();
    // A draft is work in progress: answers a submission would refuse are kept as they are.
    const data = { agency_name: "Police", cases_12m: "about a dozen", coop_why_not: "n/a" };
    const res = await put(clientId, interview({ data, locale: "ru" }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({ responseId: expect.any(Number), revision: 1, status: "draft", changed: true });

    const row = await responseRow(clientId);
    expect(row).toMatchObject({
      id: body.responseId,
      mode: "interview",
      status: "draft",
      revision: 1,
      evaluation_id: evaluationId,
      organization_id: organizationId,
      questionnaire_id: questionnaireId,
      questionnaire_version: questionnaireVersion,
      interviewer_id: await userId(evaluator),
      updated_by: await userId(evaluator),
      conducted_at: "2026-11-20",
      place: "Bishkek, office 12",
      locale: "ru",
      submitted_at: null,
      invitation_id: null,
    });
    expect(JSON.parse(row!.data)).toEqual(data);
    expect(JSON.parse(row!.interviewee!)).toEqual({
      name: "",
      position: "Head of unit",
      agency: "State Migration Service",
    });
    expect(await revisionRows(body.responseId)).toEqual([]);
  });

  it("answers GET /api/interviews/:clientId with the stored interview, for a device that resumes it", async () => {
    const { clientId, responseId } = await newDraft();
    const res = await request(t, "GET", `/api/interviews/${clientId.toUpperCase()}`, undefined, viewer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: responseId,
      clientId,
      mode: "interview",
      status: "draft",
      revision: 1,
      data: { agency_name: "Migration service" },
      interviewee: { name: "", position: "Head of unit", agency: "State Migration Service" },
      conductedAt: "2026-11-20",
      place: "Bishkek, office 12",
      interviewerName: "evaluator",
      questionnaireTitle: "Government agency interview guide",
    });
    expectError(await request(t, "GET", `/api/interviews/${randomUUID()}`, undefined, viewer), 404, "not_found");
  });

  it("saves later drafts from the revision the device holds; drafts bump the revision but are not revisions", async () => {
    const { clientId, responseId } = await newDraft();
    const second = await put(
      clientId,
      interview({ data: { agency_name: "Migration service", position: "x" }, baseRevision: 1 }),
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toEqual({ responseId, revision: 2, status: "draft", changed: true });
    const third = await put(clientId, interview({ data: { agency_name: "Migration service" }, baseRevision: 2 }));
    expect(third.json()).toEqual({ responseId, revision: 3, status: "draft", changed: true });
    expect((await responseRow(clientId))!.revision).toBe(3);
    expect(await revisionRows(responseId)).toEqual([]);
  });

  it("keeps the day as a day and stores an instant in UTC", async () => {
    const day = await newDraft({ conductedAt: "2026-11-21" });
    expect((await responseRow(day.clientId))!.conducted_at).toBe("2026-11-21");
    const instant = await newDraft({ conductedAt: "2026-11-21T10:30:00+06:00" });
    expect((await responseRow(instant.clientId))!.conducted_at).toBe("2026-11-21T04:30:00.000Z");
  });

  it("lets an anonymous official be interviewed: an empty name with a position or agency", async () => {
    const clientId = randomUUID();
    const res = await put(
      clientId,
      interview({ status: "submitted", data: validAnswers, interviewee: { position: "Deputy head" } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(JSON.parse((await responseRow(clientId))!.interviewee!)).toEqual({
      name: "",
      position: "Deputy head",
      agency: "",
    });
  });
});

describe("PUT /api/interviews/:clientId: replays", () => {
  it("replayed 10 times after submission: one response, one revision, the same answers", async () => {
    const clientId = randomUUID();
    const body = interview({ status: "submitted", data: validAnswers });
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await put(clientId, body));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
    const first = answers[0]!.json();
    expect(first).toEqual({ responseId: expect.any(Number), revision: 1, status: "submitted", changed: true });
    for (const res of answers.slice(1)) expect(res.json()).toEqual({ ...first, changed: false });

    const rows = await t.database.db.selectFrom("responses").selectAll().where("client_id", "=", clientId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toEqual(validAnswers);
    const revisions = await revisionRows(first.responseId);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ revision: 1, reason: null, user_id: await userId(evaluator) });
    expect(JSON.parse(revisions[0]!.data)).toEqual(validAnswers);
  });

  it("replays the whole sync queue of a device (create, resume, submit) without a second write", async () => {
    const clientId = randomUUID();
    const queue = [
      interview(),
      interview({ data: { agency_name: "Migration service", agency_type: "border" }, baseRevision: 1 }),
      interview({ status: "submitted", data: validAnswers, baseRevision: 2 }),
    ];
    for (const body of queue) expect((await put(clientId, body)).statusCode).toBeLessThan(300);
    const before = await responseRow(clientId);
    // The last acknowledgement was lost: the queue sends its last request again.
    const replay = await put(clientId, queue[2]);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toEqual({ responseId: before!.id, revision: 3, status: "submitted", changed: false });
    expect(await responseRow(clientId)).toEqual(before);
    expect(await revisionRows(before!.id)).toHaveLength(1);
  });

  it("treats a request with the same content as the stored interview as a replay, whatever its key order", async () => {
    const { clientId, responseId } = await newDraft();
    const before = await responseRow(clientId);
    const reordered = {
      place: "Bishkek, office 12",
      conductedAt: "2026-11-20",
      interviewee: { agency: "State Migration Service", position: "Head of unit", name: "" },
      status: "draft",
      data: { agency_name: "Migration service" },
      questionnaireVersion,
      questionnaireId,
      organizationId,
      evaluationId,
    };
    const res = await put(clientId, reordered);
    expect(res.json()).toEqual({ responseId, revision: 1, status: "draft", changed: false });
    expect(await responseRow(clientId)).toEqual(before);
  });
});

describe("PUT /api/interviews/:clientId: two devices", () => {
  it("answers 409 with the other device's copy, then takes the merge made from it", async () => {
    const { clientId, responseId } = await newDraft({ data: { agency_name: "Migration service" } });
    const r = 1;

    // Device A (this evaluator) and device B (a colleague) both hold revision r.
    const deviceA = interview({
      data: { agency_name: "Migration service", agency_type: "migration_labour" },
      baseRevision: r,
    });
    const saved = await put(clientId, deviceA, evaluator);
    expect(saved.json()).toEqual({ responseId, revision: r + 1, status: "draft", changed: true });
    const stored = await responseRow(clientId);

    const deviceB = interview({
      data: { agency_name: "State Migration Service", cases_12m: 40 },
      place: "Tokmok",
      baseRevision: r,
    });
    const refused = await put(clientId, deviceB, otherEvaluator);
    expect(refused.statusCode, refused.body).toBe(409);
    const conflict = refused.json();
    expect(conflict).toEqual({
      error: "revision_conflict",
      message: expect.stringMatching(/\S/),
      details: [],
      current: {
        responseId,
        revision: r + 1,
        status: "draft",
        data: { agency_name: "Migration service", agency_type: "migration_labour" },
        organizationId,
        interviewee: { name: "", position: "Head of unit", agency: "State Migration Service" },
        conductedAt: "2026-11-20",
        place: "Bishkek, office 12",
        locale: null,
        submittedAt: null,
        updatedAt: stored!.updated_at,
        updatedBy: { id: await userId(evaluator), name: "evaluator" },
      },
    });
    // Nothing was overwritten.
    expect(await responseRow(clientId)).toEqual(stored);

    // B merges field by field: A's agency type, B's own name of the agency and case count, A's place.
    const merged = interview({
      data: { ...conflict.current.data, agency_name: "State Migration Service", cases_12m: 40 },
      place: conflict.current.place,
      baseRevision: conflict.current.revision,
    });
    const accepted = await put(clientId, merged, otherEvaluator);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ responseId, revision: r + 2, status: "draft", changed: true });
    const row = await responseRow(clientId);
    expect(JSON.parse(row!.data)).toEqual({
      agency_name: "State Migration Service",
      agency_type: "migration_labour",
      cases_12m: 40,
    });
    expect(row!.updated_by).toBe(await userId(otherEvaluator));
    expect(row!.interviewer_id).toBe(await userId(evaluator));

    // A's old request, replayed now, must not pass for current: the copy has moved on.
    const late = await put(clientId, deviceA, evaluator);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().current.revision).toBe(r + 2);
  });

  it("answers 409 to different content for an existing interview without baseRevision", async () => {
    const { clientId } = await newDraft();
    const before = await responseRow(clientId);
    const res = await put(clientId, interview({ data: { agency_name: "Other" } }));
    expectConflict(res);
    expect(await responseRow(clientId)).toEqual(before);
  });

  it("answers 409 to a baseRevision ahead of the server", async () => {
    const { clientId } = await newDraft();
    expectConflict(await put(clientId, interview({ data: { agency_name: "Other" }, baseRevision: 5 })));
  });

  it("refuses the same id for another evaluation or questionnaire version", async () => {
    const { clientId } = await newDraft();
    const { id: otherEvaluation } = await post(t, evaluator, "/api/evaluations", {
      name: "Endline",
      questionnaireIds: [questionnaireId],
    });
    const res = await put(clientId, interview({ evaluationId: otherEvaluation, baseRevision: 1 }));
    const error = expectError(res, 409, "interview_mismatch");
    expect(fieldsOf(error)).toEqual(["evaluationId"]);
  });
});

function expectConflict(res: Awaited<ReturnType<typeof put>>) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json()).toMatchObject({ error: "revision_conflict", details: [], current: expect.any(Object) });
}

describe("PUT /api/interviews/:clientId: submission and changes after it", () => {
  it("validates the draft -> submitted transition: 422 naming the questions, and nothing changes", async () => {
    const { clientId, responseId } = await newDraft();
    const before = await responseRow(clientId);
    const res = await put(
      clientId,
      interview({
        status: "submitted",
        data: { agency_type: "ministry", cases_12m: "12", coop_rating: 4 },
        baseRevision: 1,
      }),
    );
    const error = expectError(res, 422, "invalid_answers");
    expect(questionsOf(error)).toEqual(["agency_name", "agency_type", "cases_12m"]);
    expect(await responseRow(clientId)).toEqual(before);
    expect(await revisionRows(responseId)).toEqual([]);
  });

  it("submits: drops answers to invisible questions and writes the first revision (reason null, the interviewer)", async () => {
    const { clientId, responseId } = await newDraft();
    await put(clientId, interview({ data: { agency_name: "Draft" }, baseRevision: 1 }));
    const data = { ...validAnswers, coop_why_not: "only shown when coop_ngo is false" };
    const res = await put(clientId, interview({ status: "submitted", data, baseRevision: 2 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ responseId, revision: 3, status: "submitted", changed: true });
    const row = await responseRow(clientId);
    expect(row).toMatchObject({ status: "submitted", revision: 3, submitted_at: row!.updated_at });
    expect(JSON.parse(row!.data)).toEqual(validAnswers);

    const revisions = await request(t, "GET", `/api/responses/${responseId}/revisions`, undefined, viewer);
    expect(revisions.statusCode, revisions.body).toBe(200);
    const list = revisions.json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      revision: 3,
      reason: null,
      user: { id: await userId(evaluator), name: "evaluator" },
      createdAt: row!.submitted_at,
    });
    // The first revision's diff is against no answers: every answer submitted.
    expect(list[0].diff).toContainEqual({ path: "agency_name", before: null, after: "Migration service" });
    expect(list[0].diff).toContainEqual({ path: "coop_forms", before: null, after: ["referrals", "info_exchange"] });
  });

  it("requires the position or agency of the interviewee to submit (422 naming interviewee), not to save a draft", async () => {
    const anonymous = { name: "Someone", position: " ", agency: "" };
    const draft = await newDraft({ interviewee: anonymous });
    const res = await put(
      draft.clientId,
      interview({ status: "submitted", data: validAnswers, interviewee: anonymous, baseRevision: 1 }),
    );
    const error = expectError(res, 422, "invalid_interview");
    expect(fieldsOf(error)).toEqual(["interviewee"]);
    expect((await responseRow(draft.clientId))!.status).toBe("draft");
  });

  async function submitted() {
    const clientId = randomUUID();
    const res = await put(clientId, interview({ status: "submitted", data: validAnswers }));
    expect(res.statusCode, res.body).toBe(201);
    return { clientId, responseId: res.json().responseId as number };
  }

  it("answers 422 naming reason to a change of a submitted interview without one, and changes nothing", async () => {
    const { clientId, responseId } = await submitted();
    const before = await responseRow(clientId);
    const change = interview({ status: "submitted", data: { ...validAnswers, cases_12m: 15 }, baseRevision: 1 });
    for (const reason of [undefined, "", "   "]) {
      const error = expectError(await put(clientId, { ...change, reason }), 422, "reason_required");
      expect(fieldsOf(error)).toEqual(["reason"]);
    }
    const tooLong = expectError(await put(clientId, { ...change, reason: "x".repeat(2001) }), 422);
    expect(fieldsOf(tooLong)).toEqual(["reason"]);
    expect(await responseRow(clientId)).toEqual(before);
    expect(await revisionRows(responseId)).toHaveLength(1);
  });

  it("records a change after submission as a new revision with the diff, who and why", async () => {
    const { clientId, responseId } = await submitted();
    const res = await put(
      clientId,
      interview({
        status: "submitted",
        data: { ...validAnswers, cases_12m: 15, coop_forms: ["referrals"] },
        interviewee: { name: "", position: "Deputy head of unit", agency: "State Migration Service" },
        baseRevision: 1,
        reason: "  The official corrected the figures by phone  ",
      }),
      otherEvaluator,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ responseId, revision: 2, status: "submitted", changed: true });

    const list = (await request(t, "GET", `/api/responses/${responseId}/revisions`, undefined, viewer)).json();
    expect(list.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect(list[0]).toEqual({
      revision: 2,
      createdAt: (await responseRow(clientId))!.updated_at,
      user: { id: await userId(otherEvaluator), name: "evaluator" },
      reason: "The official corrected the figures by phone",
      diff: [
        { path: "coop_forms", before: ["referrals", "info_exchange"], after: ["referrals"] },
        { path: "cases_12m", before: 12, after: 15 },
        { path: "$interviewee.position", before: "Head of unit", after: "Deputy head of unit" },
      ],
    });
    // The same request again is a replay: no reason needed twice, nothing written.
    const again = await put(
      clientId,
      interview({
        status: "submitted",
        data: { ...validAnswers, cases_12m: 15, coop_forms: ["referrals"] },
        interviewee: { name: "", position: "Deputy head of unit", agency: "State Migration Service" },
        baseRevision: 1,
        reason: "  The official corrected the figures by phone  ",
      }),
    );
    expect(again.json()).toMatchObject({ revision: 2, changed: false });
    expect(await revisionRows(responseId)).toHaveLength(2);
  });

  it("answers 409 to a submitted interview sent back as a draft", async () => {
    const { clientId } = await submitted();
    const res = await put(clientId, interview({ status: "draft", baseRevision: 1, reason: "undo" }));
    expectError(res, 409, "already_submitted");
    expect((await responseRow(clientId))!.status).toBe("submitted");
  });
});

describe("PUT /api/interviews/:clientId: malformed requests and access", () => {
  it("answers 400 naming clientId for an id that is not a UUID", async () => {
    for (const id of ["123", "not-a-uuid", `${randomUUID()}x`]) {
      const error = expectError(await put(id, interview()), 400, "invalid_request");
      expect(fieldsOf(error)).toEqual(["clientId"]);
    }
  });

  it.each([
    ["evaluationId", { evaluationId: 999_999 }],
    ["organizationId", { organizationId: 999_999 }],
    ["questionnaireVersion", { questionnaireVersion: 999 }],
  ])("answers 400 naming %s when it does not exist, and stores nothing", async (field, override) => {
    const clientId = randomUUID();
    const error = expectError(await put(clientId, interview(override)), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual([field]);
    expect(await responseRow(clientId)).toBeUndefined();
  });

  it("answers 400 naming questionnaireId for a questionnaire the evaluation does not use", async () => {
    const { id: otherEvaluation } = await post(t, evaluator, "/api/evaluations", {
      name: "NGO only",
      questionnaireIds: ["ngo-capacity"],
    });
    const clientId = randomUUID();
    const error = expectError(await put(clientId, interview({ evaluationId: otherEvaluation })), 400);
    expect(fieldsOf(error)).toEqual(["questionnaireId"]);
    expect(await responseRow(clientId)).toBeUndefined();
  });

  it.each([
    ["status", { status: "final" }],
    ["conductedAt", { conductedAt: "yesterday" }],
    ["data", { data: [1, 2] }],
    ["interviewee.title", { interviewee: { title: "Dr" } }],
    ["extra", { extra: 1 }],
  ])("answers 400 naming %s for a malformed body", async (field, override) => {
    const error = expectError(await put(randomUUID(), interview(override)), 400, "invalid_request");
    expect(fieldsOf(error).some((f) => f.startsWith(field))).toBe(true);
  });

  it("needs an evaluator or admin session and the CSRF header", async () => {
    expectError(await request(t, "PUT", `/api/interviews/${randomUUID()}`, interview()), 401);
    expectError(await put(randomUUID(), interview(), viewer), 403, "read_only");
    const noCsrf = await t.app.inject({
      method: "PUT",
      url: `/api/interviews/${randomUUID()}`,
      payload: interview(),
      headers: { cookie: evaluator.cookie },
    });
    expectError(noCsrf, 403, "csrf_token_invalid");
    const admin = await logInAs(t, "admin");
    expect((await put(randomUUID(), interview(), admin)).statusCode).toBe(201);
  });
});
