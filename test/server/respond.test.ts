import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, questionsOf } from "../helpers/http.ts";
import { readSurvey } from "../helpers/questionnaires.ts";
import { invitationRow, openLink, responseRows, saveDraft, submit } from "../helpers/respond.ts";
import { inviteOrganization, post, readFixture, type Invited } from "../helpers/scenario.ts";

const smallSurvey = readFixture("small-survey.json");

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: smallSurvey });
});
afterAll(() => t.close());

function newLink(
  options: { questionnaireId?: string; locale?: string; closesAt?: string; expiresAt?: string } = {},
): Promise<Invited> {
  return inviteOrganization(t, evaluator, { questionnaireId: "small", ...options });
}

/** What the respondent sees of the stored response, via the respondent's own route. */
async function storedResponse(token: string) {
  const res = await openLink(t, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().response as {
    status: string;
    data: unknown;
    currentPage: number;
    revision: number;
    updatedAt: string;
  } | null;
}

/** Saves a draft and returns what was stored, to compare with after a rejected request. */
async function withDraft(
  token: string,
  data: Record<string, unknown> = { name: "Draft name", staff: 3 },
  currentPage = 1,
) {
  const res = await saveDraft(t, token, { data, currentPage });
  expect(res.statusCode, res.body).toBe(200);
  return storedResponse(token);
}

async function expectUnchanged(invited: Invited, before: Awaited<ReturnType<typeof storedResponse>>) {
  expect(await storedResponse(invited.token)).toEqual(before);
  const rows = await responseRows(t, invited.invitationId);
  expect(rows).toHaveLength(before ? 1 : 0);
  if (before)
    expect(rows[0]).toMatchObject({
      status: before.status,
      revision: before.revision,
      data: JSON.stringify(before.data),
    });
}

describe("GET /api/respond/:token", () => {
  it("answers the questionnaire, the organisation, no response yet and the language", async () => {
    const invited = await newLink();
    const organization = await t.database.db
      .selectFrom("organizations")
      .select("name")
      .where("id", "=", invited.organizationId)
      .executeTakeFirstOrThrow();
    const res = await openLink(t, invited.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.json()).toEqual({
      questionnaire: { id: "small", version: 1, title: "Small test survey", json: smallSurvey },
      organization: { name: organization.name },
      evaluation: { name: "Test evaluation", closesAt: null },
      response: null,
      locale: "en",
    });
  });

  it("answers in the invitation's language", async () => {
    const invited = await newLink({ locale: "ru" });
    expect((await openLink(t, invited.token)).json().locale).toBe("ru");
  });

  it("marks the invitation opened on the first visit, and keeps the first opening time", async () => {
    const invited = await newLink();
    expect(await invitationRow(t, invited.invitationId)).toMatchObject({ status: "created", opened_at: null });
    // Reading the questionnaire writes nothing; the page records the opening with a POST.
    const read = await t.app.inject({ method: "GET", url: `/api/respond/${invited.token}` });
    expect(read.statusCode).toBe(200);
    expect(await invitationRow(t, invited.invitationId)).toMatchObject({ status: "created", opened_at: null });
    await openLink(t, invited.token);
    const opened = await invitationRow(t, invited.invitationId);
    expect(opened).toMatchObject({ status: "opened", opened_at: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await openLink(t, invited.token);
    expect((await invitationRow(t, invited.invitationId)).opened_at).toBe(opened.opened_at);
    const again = await t.app.inject({ method: "POST", url: `/api/respond/${invited.token}/opened` });
    expect(again.json()).toEqual({ openedAt: opened.opened_at });
    const unknown = await t.app.inject({ method: "POST", url: `/api/respond/${"x".repeat(43)}/opened` });
    expectError(unknown, 404, "not_found");
  });

  it("serves the questionnaire version the invitation was made for, even after a newer one", async () => {
    await post(t, evaluator, "/api/questionnaires", { id: "pinned", json: smallSurvey });
    const invited = await newLink({ questionnaireId: "pinned" });
    const newer = { ...smallSurvey, title: "Pinned, second edition" };
    expect(await post(t, evaluator, "/api/questionnaires", { id: "pinned", json: newer })).toEqual({
      id: "pinned",
      version: 2,
    });
    const body = (await openLink(t, invited.token)).json();
    expect(body.questionnaire).toEqual({ id: "pinned", version: 1, title: "Small test survey", json: smallSurvey });
  });
});

describe("PUT /api/respond/:token/draft", () => {
  it("stores the data exactly as sent, with the page, and counts revisions", async () => {
    const invited = await newLink();
    // Drafts are work in progress: anything JSON goes, even what a submit would refuse.
    const data = {
      name: "Бишкек «Ишеним» 🌱",
      staff: "not yet a number",
      activities: ["hotline"],
      projects: [{ project_name: "Safe migration", budget: 1200.5 }, {}],
      staffing: { lawyers: { count: 2, trained: true } },
      notes: { nested: [1, null, { deep: "x" }] },
    };
    const first = await saveDraft(t, invited.token, { data, currentPage: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ savedAt: expect.any(String), revision: 1 });

    const stored = await storedResponse(invited.token);
    expect(stored).toEqual({
      status: "draft",
      data,
      currentPage: 1,
      updatedAt: first.json().savedAt,
      revision: 1,
      submittedAt: null,
      locale: "en",
    });

    const second = await saveDraft(t, invited.token, { data: { name: "Changed" }, currentPage: 0, locale: "ky" });
    expect(second.json()).toEqual({ savedAt: expect.any(String), revision: 2 });
    const body = (await openLink(t, invited.token)).json();
    expect(body.response).toMatchObject({
      status: "draft",
      data: { name: "Changed" },
      currentPage: 0,
      revision: 2,
      locale: "ky",
    });
    expect(body.locale).toBe("ky");
    expect(await responseRows(t, invited.invitationId)).toHaveLength(1);
  });

  it("marks the invitation started", async () => {
    const invited = await newLink();
    await saveDraft(t, invited.token, { data: {}, currentPage: 0 });
    expect(await invitationRow(t, invited.invitationId)).toMatchObject({
      status: "started",
      started_at: expect.any(String),
    });
    // Opening the link later does not move it back to opened.
    await openLink(t, invited.token);
    expect((await invitationRow(t, invited.invitationId)).status).toBe("started");
  });

  it.each([
    ["data as an array", { data: [1, 2], currentPage: 0 }, ["data"]],
    ["data as a string", { data: "{}", currentPage: 0 }, ["data"]],
    ["data as null", { data: null, currentPage: 0 }, ["data"]],
    ["no data", { currentPage: 0 }, ["data"]],
    ["a negative currentPage", { data: {}, currentPage: -1 }, ["currentPage"]],
    ["currentPage as a string", { data: {}, currentPage: "1" }, ["currentPage"]],
    ["a fractional currentPage", { data: {}, currentPage: 1.5 }, ["currentPage"]],
    ["no currentPage", { data: {} }, ["currentPage"]],
    ["an extra field", { data: {}, currentPage: 0, status: "submitted" }, ["status"]],
    ["an unknown locale", { data: {}, currentPage: 0, locale: "fr" }, ["locale"]],
  ])("answers 400 naming the field for %s and keeps the earlier draft", async (_case, body, fields) => {
    const invited = await newLink();
    const before = await withDraft(invited.token);
    const error = expectError(await saveDraft(t, invited.token, body), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(fields);
    await expectUnchanged(invited, before);
  });

  it("answers 400 to a body that is not JSON and keeps the earlier draft", async () => {
    const invited = await newLink();
    const before = await withDraft(invited.token);
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/respond/${invited.token}/draft`,
      payload: '{"data": {"name": "cut off',
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400);
    await expectUnchanged(invited, before);
  });
});

describe("POST /api/respond/:token/submit with invalid answers", () => {
  const valid = { name: "Ishenim" };
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ["a string in a number question", { ...valid, staff: "12" }, ["staff"]],
    ["a number above the maximum", { ...valid, staff: 501 }, ["staff"]],
    ["a number in a text question", { name: 5 }, ["name"]],
    ["a value outside the choices", { ...valid, region: "bishkek" }, ["region"]],
    ["a list for a single choice", { ...valid, region: ["chui"] }, ["region"]],
    ["a rating out of range", { ...valid, satisfaction: 6 }, ["satisfaction"]],
    ["a rating as a string", { ...valid, satisfaction: "3" }, ["satisfaction"]],
    ["a non-boolean boolean", { ...valid, registered: "true" }, ["registered"]],
    [
      "more than maxSelectedChoices",
      { ...valid, activities: ["outreach", "hotline", "media"], hotline_details: "24/7" },
      ["activities"],
    ],
    ["a checkbox value that is not a list", { ...valid, activities: "outreach" }, ["activities"]],
    ["a checkbox value outside the choices", { ...valid, activities: ["outreach", "lobbying"] }, ["activities"]],
    ["an unknown question name", { ...valid, colour: "red" }, ["colour"]],
    ["a comment key for a question without one", { ...valid, "staff-Comment": "about twelve" }, ["staff-Comment"]],
    ["a missing required answer", {}, ["name"]],
    ["a missing required answer that became visible", { ...valid, activities: ["hotline"] }, ["hotline_details"]],
    [
      "bad dynamic panel entries",
      {
        ...valid,
        projects: [{ project_name: "A", budget: "lots" }, { budget: 5 }, { project_name: "C", sponsor: "X" }],
      },
      ["projects[0].budget", "projects[1].project_name", "projects[2].sponsor"],
    ],
    ["a dynamic panel that is not a list", { ...valid, projects: { project_name: "A" } }, ["projects"]],
    [
      "bad matrix cells",
      {
        ...valid,
        staffing: { lawyers: { count: "two", trained: "yes" }, judges: { count: 1 }, psychologists: { salary: 100 } },
      },
      ["staffing.judges", "staffing.lawyers.count", "staffing.lawyers.trained", "staffing.psychologists.salary"],
    ],
    ["a matrix that is not an object", { ...valid, staffing: [1, 2] }, ["staffing"]],
  ];

  it.each(cases)("answers 422 naming the question for %s, and changes nothing", async (_case, data, expected) => {
    const invited = await newLink();
    const before = await withDraft(invited.token);
    const error = expectError(await submit(t, invited.token, { data }), 422, "invalid_answers");
    expect(questionsOf(error)).toEqual([...expected].sort());
    for (const detail of error.details)
      expect(detail).toEqual({ question: expect.any(String), message: expect.stringMatching(/\S/) });
    await expectUnchanged(invited, before);
    expect((await invitationRow(t, invited.invitationId)).status).toBe("started");
  });

  it("lists every failing question of one answer set at once", async () => {
    const invited = await newLink();
    const before = await withDraft(invited.token);
    const data = {
      staff: "12",
      region: "bishkek",
      activities: ["outreach", "hotline", "media"],
      registered: "no",
      satisfaction: 0,
      colour: "red",
      projects: [{ budget: "lots" }],
      staffing: { lawyers: { count: "two", trained: 1 }, judges: {} },
    };
    const error = expectError(await submit(t, invited.token, { data }), 422, "invalid_answers");
    expect(questionsOf(error)).toEqual(
      [
        "name",
        "staff",
        "region",
        "activities",
        "hotline_details",
        "registered",
        "satisfaction",
        "colour",
        "projects[0].project_name",
        "projects[0].budget",
        "staffing.lawyers.count",
        "staffing.lawyers.trained",
        "staffing.judges",
      ].sort(),
    );
    await expectUnchanged(invited, before);
  });

  it("changes nothing when there was no draft either", async () => {
    const invited = await newLink();
    expectError(await submit(t, invited.token, { data: { staff: "x" } }), 422, "invalid_answers");
    await expectUnchanged(invited, null);
  });

  it.each([
    ["no data", {}, ["data"]],
    ["data as an array", { data: [] }, ["data"]],
    ["an extra field", { data: { name: "X" }, currentPage: 1 }, ["currentPage"]],
  ])("answers 400 naming the field for a body with %s", async (_case, body, fields) => {
    const invited = await newLink();
    const before = await withDraft(invited.token);
    expect(fieldsOf(expectError(await submit(t, invited.token, body), 400, "invalid_request"))).toEqual(fields);
    await expectUnchanged(invited, before);
  });
});

describe("POST /api/respond/:token/submit", () => {
  const answers = {
    name: "Ishenim",
    staff: 12,
    region: "other",
    "region-Comment": "Bishkek city",
    activities: ["outreach", "hotline"],
    registered: true,
    satisfaction: 4,
    hotline_details: "Open 24/7 in three languages",
    projects: [{ project_name: "Safe migration", budget: 1500 }, { project_name: "Schools" }],
    staffing: { lawyers: { count: 2, trained: true }, psychologists: { count: 0 } },
  };

  it("submits valid answers: 200, stored as sent, the draft row becomes the submitted response", async () => {
    const invited = await newLink();
    const draft = await saveDraft(t, invited.token, { data: { name: "Ish" }, currentPage: 1 });
    expect(draft.json().revision).toBe(1);
    const [draftRow] = await responseRows(t, invited.invitationId);

    const res = await submit(t, invited.token, { data: answers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toEqual({ status: "submitted", submittedAt: expect.any(String), responseId: draftRow!.id });
    expect(new Date(body.submittedAt).toISOString()).toBe(body.submittedAt);

    const view = (await openLink(t, invited.token)).json();
    expect(view.response).toMatchObject({
      status: "submitted",
      data: answers,
      submittedAt: body.submittedAt,
      revision: 2,
    });
    expect(await invitationRow(t, invited.invitationId)).toMatchObject({
      status: "submitted",
      submitted_at: expect.any(String),
    });
    const rows = await responseRows(t, invited.invitationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: draftRow!.id,
      status: "submitted",
      mode: "link",
      questionnaire_id: "small",
      questionnaire_version: 1,
    });
  });

  it("answers a repeated submit of the same data with the same responseId, and keeps one response", async () => {
    const invited = await newLink();
    const first = (await submit(t, invited.token, { data: answers })).json();
    const again = await submit(t, invited.token, { data: structuredClone(answers) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first);
    const all = await t.database.db
      .selectFrom("responses")
      .selectAll()
      .where("invitation_id", "=", invited.invitationId)
      .execute();
    expect(all).toHaveLength(1);
  });

  it("answers 409 to different data after submission and keeps the submitted answers", async () => {
    const invited = await newLink();
    await submit(t, invited.token, { data: answers });
    const before = await storedResponse(invited.token);
    expectError(await submit(t, invited.token, { data: { ...answers, staff: 13 } }), 409, "already_submitted");
    expectError(await submit(t, invited.token, { data: { ...answers, staff: "13" } }), 409, "already_submitted");
    await expectUnchanged(invited, before);
  });

  it("answers 409 to a draft after submission and keeps the submitted answers", async () => {
    const invited = await newLink();
    await submit(t, invited.token, { data: answers });
    const before = await storedResponse(invited.token);
    expect(before?.status).toBe("submitted");
    expectError(
      await saveDraft(t, invited.token, { data: { name: "Overwrite" }, currentPage: 0 }),
      409,
      "already_submitted",
    );
    await expectUnchanged(invited, before);
  });

  it("drops answers to invisible questions, and counts the dropped form as the same data", async () => {
    const invited = await newLink();
    const data = { name: "Ishenim", activities: ["outreach"], hotline_details: "left over from an earlier choice" };
    const first = await submit(t, invited.token, { data });
    expect(first.statusCode, first.body).toBe(200);
    const stored = await storedResponse(invited.token);
    expect(stored?.data).toEqual({ name: "Ishenim", activities: ["outreach"] });
    expect(JSON.parse((await responseRows(t, invited.invitationId))[0]!.data)).not.toHaveProperty("hotline_details");

    // A retry of the same request, and the same answers without the dropped one, are both the same submission.
    expect((await submit(t, invited.token, { data })).json()).toEqual(first.json());
    expect((await submit(t, invited.token, { data: { name: "Ishenim", activities: ["outreach"] } })).json()).toEqual(
      first.json(),
    );
  });

  it("accepts the none item and an other text", async () => {
    const invited = await newLink();
    const data = { name: "N", activities: ["none"], region: "other", "region-Comment": "Talas" };
    const res = await submit(t, invited.token, { data });
    expect(res.statusCode, res.body).toBe(200);
    expect((await storedResponse(invited.token))?.data).toEqual(data);
  });

  it("submits a complete ngo-capacity answer set and reads it back unchanged", async () => {
    const ngo = readSurvey("ngo-capacity");
    const data = readFixture("ngo-capacity-answers.json");
    const names = (ngo.pages as Array<{ elements: Array<{ name: string }> }>).flatMap((page) =>
      page.elements.map((e) => e.name),
    );
    // Complete: every question of the questionnaire has an answer.
    expect(Object.keys(data).sort()).toEqual([...names].sort());

    const invited = await newLink({ questionnaireId: "ngo-capacity", locale: "ru" });
    const draft = await saveDraft(t, invited.token, { data, currentPage: 9 });
    expect(draft.statusCode, draft.body).toBe(200);
    const res = await submit(t, invited.token, { data, locale: "ru" });
    expect(res.statusCode, res.body).toBe(200);

    const view = (await openLink(t, invited.token)).json();
    expect(view.questionnaire).toMatchObject({ id: "ngo-capacity", version: 1 });
    expect(view.response).toMatchObject({ status: "submitted", data, locale: "ru" });
    expect(JSON.parse((await responseRows(t, invited.invitationId))[0]!.data)).toEqual(data);
  });

  it("drops the answers of a page that the answers made invisible", async () => {
    const data: Record<string, unknown> = { ...readFixture("ngo-capacity-answers.json"), P7: ["outreach", "media"] };
    const invited = await newLink({ questionnaireId: "ngo-capacity" });
    const res = await submit(t, invited.token, { data });
    expect(res.statusCode, res.body).toBe(200);
    const stored = (await storedResponse(invited.token))?.data as Record<string, unknown>;
    // The victim-assistance page and the assistance-only questions are hidden without hotline or assistance.
    const hidden = ["VAS1", "VAS2", "VAS3", "VAS4", "VAS5", "GOV4", "NET3"];
    expect(
      Object.keys(data)
        .filter((key) => !(key in stored))
        .sort(),
    ).toEqual(hidden.sort());
    for (const [key, value] of Object.entries(stored)) expect(value).toEqual(data[key]);
  });

  it("names every failing question of a broken ngo-capacity answer set", async () => {
    const data = {
      ...readFixture("ngo-capacity-answers.json"),
      P2: "almaty",
      OUT5: 5,
      GOV5: "yes",
      CON4: 9,
      FIN2: 101,
      P1: undefined,
    };
    delete data.P1;
    const invited = await newLink({ questionnaireId: "ngo-capacity" });
    const error = expectError(await submit(t, invited.token, { data }), 422, "invalid_answers");
    expect(questionsOf(error)).toEqual(["CON4", "FIN2", "GOV5", "OUT5", "P1", "P2"]);
    await expectUnchanged(invited, null);
  });
});

describe("links that do not lead anywhere", () => {
  const draft = { data: { name: "X" }, currentPage: 0 };
  const calls = [
    ["GET", (token: string) => openLink(t, token)],
    ["PUT draft", (token: string) => saveDraft(t, token, draft)],
    ["POST submit", (token: string) => submit(t, token, { data: { name: "X" } })],
  ] as const;

  it("answers the same 404 to unknown, malformed and revoked tokens on every route", async () => {
    const revoked = await newLink();
    await post(t, evaluator, `/api/invitations/${revoked.invitationId}/revoke`, {});
    const tokens = [revoked.token, "A".repeat(32), "short", "x".repeat(100), "not%20a%20token"];
    for (const [route, call] of calls) {
      const bodies = [];
      for (const token of tokens) {
        const res = await call(token);
        expectError(res, 404, "not_found");
        bodies.push(res.json());
      }
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size, route).toBe(1);
    }
    expect(await responseRows(t, revoked.invitationId)).toHaveLength(0);
  });

  it("answers 410 on every route once the invitation has expired, and keeps the draft", async () => {
    const invited = await newLink({ expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const before = await withDraft(invited.token);
    await t.database.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", invited.invitationId)
      .execute();
    for (const [route, call] of calls)
      expect(expectError(await call(invited.token), 410, "link_expired"), route).toBeTruthy();
    const [row] = await responseRows(t, invited.invitationId);
    expect(row).toMatchObject({ status: "draft", revision: before!.revision, data: JSON.stringify(before!.data) });
  });

  it("still shows a submitted response after its link expires", async () => {
    const invited = await newLink({ expiresAt: "2099-01-01" });
    expect((await submit(t, invited.token, { data: { name: "In time" } })).statusCode).toBe(200);
    await t.database.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", invited.invitationId)
      .execute();
    const res = await openLink(t, invited.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().response).toMatchObject({ status: "submitted", data: { name: "In time" } });
  });

  async function twoLinksOfOneEvaluation(): Promise<{ submitted: Invited; pending: Invited }> {
    const submitted = await newLink({ closesAt: "2099-12-31" });
    const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
      name: "Pending org",
      kind: "ngo",
      region: "Naryn",
    });
    const [created] = await post(t, evaluator, `/api/evaluations/${submitted.evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId: "small",
    });
    const pending = { ...submitted, organizationId, invitationId: created.id, token: created.token };
    expect((await submit(t, submitted.token, { data: { name: "Before closing" } })).statusCode).toBe(200);
    return { submitted, pending };
  }

  it.each([
    ["its status is closed", { status: "closed" as const }],
    ["its closing date has passed", { closes_at: new Date(Date.now() - 1000).toISOString() }],
  ])(
    "answers 410 to an unsubmitted link once the evaluation is closed because %s, but still shows a submitted one",
    async (_case, change) => {
      const { submitted, pending } = await twoLinksOfOneEvaluation();
      const before = await withDraft(pending.token);
      await t.database.db.updateTable("evaluations").set(change).where("id", "=", pending.evaluationId).execute();

      for (const [route, call] of calls)
        expect(expectError(await call(pending.token), 410, "evaluation_closed"), route).toBeTruthy();
      const [row] = await responseRows(t, pending.invitationId);
      expect(row).toMatchObject({ status: "draft", revision: before!.revision, data: JSON.stringify(before!.data) });

      const res = await openLink(t, submitted.token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().response).toMatchObject({ status: "submitted", data: { name: "Before closing" } });
      // A repeated submit still gets its acknowledgement; a change still does not go through.
      expect((await submit(t, submitted.token, { data: { name: "Before closing" } })).statusCode).toBe(200);
      expectError(await submit(t, submitted.token, { data: { name: "After closing" } }), 409, "already_submitted");
    },
  );
});

describe("the body limit", () => {
  let small: TestApp;
  let session: Session;

  beforeAll(async () => {
    small = await buildTestApp({ bodyLimit: 2048 });
    session = await logInAs(small, "evaluator");
  });
  afterAll(() => small.close());

  it("answers 413 to a draft or a submit over the limit and keeps the earlier draft", async () => {
    const invited = await inviteOrganization(small, session, { questionnaireId: "ngo-capacity" });
    const earlier = { P1: "Saved before", P4: 2001 };
    expect((await saveDraft(small, invited.token, { data: earlier, currentPage: 2 })).statusCode).toBe(200);
    const huge = { P1: "Saved before", P8: "x".repeat(3000) };

    const draft = await saveDraft(small, invited.token, { data: huge, currentPage: 3 });
    expectError(draft, 413, "payload_too_large");
    const submitted = await submit(small, invited.token, { data: huge });
    expectError(submitted, 413, "payload_too_large");

    const view = (await openLink(small, invited.token)).json();
    expect(view.response).toMatchObject({ status: "draft", data: earlier, currentPage: 2, revision: 1 });
    const rows = await responseRows(small, invited.invitationId);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toEqual(earlier);
  });
});
