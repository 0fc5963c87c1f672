import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError, fieldsOf, request } from "../helpers/http.ts";
import { invitationRow, openLink, saveDraft, submit } from "../helpers/respond.ts";
import { post, readFixture } from "../helpers/scenario.ts";

const publicUrl = "https://sapat.example.org";

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp({ publicUrl });
  evaluator = await logInAs(t, "evaluator");
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
});
afterAll(() => t.close());

const api = {
  get: (url: string) => request(t, "GET", url, undefined, evaluator),
  post: (url: string, body: unknown) => request(t, "POST", url, body, evaluator),
};

let orgCounter = 0;
async function newOrganization(extra: Record<string, unknown> = {}): Promise<number> {
  const { id } = await post(t, evaluator, "/api/organizations", {
    name: `Org ${++orgCounter}`,
    kind: "ngo",
    region: "Chui",
    ...extra,
  });
  return id;
}

async function newEvaluation(questionnaireIds = ["small"], extra: Record<string, unknown> = {}): Promise<number> {
  const { id } = await post(t, evaluator, "/api/evaluations", { name: "Baseline 2026", questionnaireIds, ...extra });
  return id;
}

interface Created {
  id: number;
  organizationId: number;
  token: string;
  url: string;
}

async function invite(
  evaluationId: number,
  organizationIds: number[],
  questionnaireId = "small",
  extra: Record<string, unknown> = {},
) {
  const res = await api.post(`/api/evaluations/${evaluationId}/invitations`, {
    organizationIds,
    questionnaireId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Created[];
}

async function progressOf(evaluationId: number) {
  const res = await api.get(`/api/evaluations/${evaluationId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().progress as Record<string, number>;
}

const noProgress = { invited: 0, sent: 0, opened: 0, started: 0, submitted: 0, revoked: 0, expired: 0 };

describe("organisations", () => {
  it("creates an organisation and lists it with every field", async () => {
    const body = {
      name: "  Ak Jol  ",
      kind: "government",
      region: "Osh",
      district: "Kara-Suu",
      orgType: "crisis_centre",
      email: "Director@AkJol.kg",
      contactName: "Aigul",
      locale: "ky",
    };
    const res = await api.post("/api/organizations", body);
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    expect(id).toEqual(expect.any(Number));

    const list = (await api.get("/api/organizations")).json() as Array<Record<string, unknown>>;
    expect(list.find((o) => o.id === id)).toEqual({
      id,
      name: "Ak Jol",
      kind: "government",
      region: "Osh",
      district: "Kara-Suu",
      orgType: "crisis_centre",
      email: "director@akjol.kg",
      contactName: "Aigul",
      locale: "ky",
      isDemo: false,
    });
  });

  it("allows two organisations with the same name", async () => {
    const a = await newOrganization({ name: "Twin" });
    const b = await newOrganization({ name: "Twin" });
    expect(a).not.toBe(b);
  });

  const valid = { name: "Valid", kind: "ngo", region: "Chui" };
  it.each([
    ["a bad kind", { ...valid, kind: "company" }, ["kind"]],
    ["a missing name", { kind: "ngo", region: "Chui" }, ["name"]],
    ["an empty name", { ...valid, name: "" }, ["name"]],
    ["a missing region", { name: "X", kind: "ngo" }, ["region"]],
    ["a bad email", { ...valid, email: "not an email" }, ["email"]],
    ["an unknown field", { ...valid, website: "https://example.org" }, ["website"]],
    ["an unknown locale", { ...valid, locale: "fr" }, ["locale"]],
    ["a number for a name", { ...valid, name: 42 }, ["name"]],
  ])("answers 400 naming the field for %s and stores nothing", async (_case, body, fields) => {
    const before = await countRows(t, "organizations");
    const error = expectError(await api.post("/api/organizations", body), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(fields);
    expect(await countRows(t, "organizations")).toBe(before);
  });
});

describe("evaluations", () => {
  it("creates an evaluation and shows it with its questionnaires and empty progress", async () => {
    const res = await api.post("/api/evaluations", {
      name: "Endline",
      questionnaireIds: ["ngo-capacity", "government-interview"],
      round: "endline",
      closesAt: "2099-06-30",
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();

    const one = (await api.get(`/api/evaluations/${id}`)).json();
    expect(one).toEqual({
      id,
      name: "Endline",
      round: "endline",
      baselineEvaluationId: null,
      status: "open",
      // A bare date closes at the end of that day.
      closesAt: "2099-06-30T23:59:59.999Z",
      reminderDaysBefore: null,
      conclusions: null,
      recommendations: null,
      questionnaireIds: ["government-interview", "ngo-capacity"],
      // The scored one: what its reports and scores are about unless told otherwise.
      defaultQuestionnaireId: "ngo-capacity",
      createdAt: expect.any(String),
      progress: noProgress,
    });
    const list = (await api.get("/api/evaluations")).json() as Array<{ id: number }>;
    expect(list.find((e) => e.id === id)).toEqual(one);

    const followUp = await api.post("/api/evaluations", {
      name: "Follow-up",
      questionnaireIds: ["small"],
      baselineEvaluationId: id,
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    expect((await api.get(`/api/evaluations/${followUp.json().id}`)).json().baselineEvaluationId).toBe(id);
  });

  it.each([
    ["an unknown questionnaire", { name: "E", questionnaireIds: ["no-such"] }, ["questionnaireIds.0"]],
    ["an unknown second questionnaire", { name: "E", questionnaireIds: ["small", "no-such"] }, ["questionnaireIds.1"]],
    ["no questionnaire", { name: "E", questionnaireIds: [] }, ["questionnaireIds"]],
    ["a repeated questionnaire", { name: "E", questionnaireIds: ["small", "small"] }, ["questionnaireIds"]],
    ["a missing name", { questionnaireIds: ["small"] }, ["name"]],
    [
      "an unknown baseline",
      { name: "E", questionnaireIds: ["small"], baselineEvaluationId: 999999 },
      ["baselineEvaluationId"],
    ],
    [
      "a closing date that is not a date",
      { name: "E", questionnaireIds: ["small"], closesAt: "next week" },
      ["closesAt"],
    ],
    ["an unknown field", { name: "E", questionnaireIds: ["small"], status: "closed" }, ["status"]],
  ])("answers 400 naming the field for %s and stores nothing", async (_case, body, fields) => {
    const before = await countRows(t, "evaluations");
    const error = expectError(await api.post("/api/evaluations", body), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(fields);
    expect(await countRows(t, "evaluations")).toBe(before);
  });

  it("answers 404 for an unknown evaluation and 400 for an id that is not one", async () => {
    expectError(await api.get("/api/evaluations/999999"), 404, "not_found");
    expectError(await api.get("/api/evaluations/999999/invitations"), 404, "not_found");
    expectError(
      await api.post("/api/evaluations/999999/invitations", { organizationIds: [1], questionnaireId: "small" }),
      404,
      "not_found",
    );
    expect(fieldsOf(expectError(await api.get("/api/evaluations/abc"), 400, "invalid_request"))).toEqual(["id"]);
  });

  it("counts invitations by their current status as they are created, opened, started, submitted, revoked and expire", async () => {
    const evaluationId = await newEvaluation();
    const orgs = await Promise.all([1, 2, 3, 4, 5].map(() => newOrganization()));
    const [a, b, c, d, e] = await invite(evaluationId, orgs);
    expect(await progressOf(evaluationId)).toEqual({ ...noProgress, invited: 5 });

    expect((await openLink(t, a!.token)).statusCode).toBe(200);
    expect(await progressOf(evaluationId)).toEqual({ ...noProgress, invited: 5, opened: 1 });

    expect((await openLink(t, b!.token)).statusCode).toBe(200);
    expect((await saveDraft(t, b!.token, { data: { name: "B" }, currentPage: 0 })).statusCode).toBe(200);
    expect(await progressOf(evaluationId)).toEqual({ ...noProgress, invited: 5, opened: 1, started: 1 });

    expect((await saveDraft(t, c!.token, { data: { name: "C" }, currentPage: 1 })).statusCode).toBe(200);
    expect((await submit(t, c!.token, { data: { name: "C" } })).statusCode).toBe(200);
    // Opening a submitted questionnaire again does not move it back.
    expect((await openLink(t, c!.token)).statusCode).toBe(200);
    expect(await progressOf(evaluationId)).toEqual({ ...noProgress, invited: 5, opened: 1, started: 1, submitted: 1 });

    expect((await api.post(`/api/invitations/${d!.id}/revoke`, {})).statusCode).toBe(200);
    expect(await progressOf(evaluationId)).toEqual({
      ...noProgress,
      invited: 5,
      opened: 1,
      started: 1,
      submitted: 1,
      revoked: 1,
    });

    await t.database.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", e!.id)
      .execute();
    expect(await progressOf(evaluationId)).toEqual({
      ...noProgress,
      invited: 5,
      opened: 1,
      started: 1,
      submitted: 1,
      revoked: 1,
      expired: 1,
    });

    const listed = (await api.get(`/api/evaluations/${evaluationId}/invitations`)).json() as Array<{
      id: number;
      status: string;
    }>;
    expect(Object.fromEntries(listed.map((i) => [i.id, i.status]))).toEqual({
      [a!.id]: "opened",
      [b!.id]: "started",
      [c!.id]: "submitted",
      [d!.id]: "revoked",
      [e!.id]: "expired",
    });
  });
});

describe("invitations", () => {
  it("makes unique, URL-safe tokens of at least 128 random bits and links under PUBLIC_URL", async () => {
    const evaluationId = await newEvaluation();
    const orgs = await Promise.all(Array.from({ length: 25 }, () => newOrganization()));
    const created = await invite(evaluationId, orgs);
    expect(created.map((c) => c.organizationId)).toEqual(orgs);
    const tokens = created.map((c) => c.token);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const { token, url } of created) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
      expect(url).toBe(`${publicUrl}/r/${token}`);
    }
    // No structure shared between tokens (not a counter or a timestamp).
    const prefixes = new Set(tokens.map((token) => token.slice(0, 4)));
    expect(prefixes.size).toBeGreaterThan(20);
  });

  it("stores the invitation pinned to the newest questionnaire version, in the organisation's language", async () => {
    const evaluationId = await newEvaluation();
    const kyrgyz = await newOrganization({ locale: "ky" });
    const plain = await newOrganization();
    const [forKyrgyz, forPlain] = await invite(evaluationId, [kyrgyz, plain]);
    const [explicit] = await invite(evaluationId, [await newOrganization({ locale: "ky" })], "small", { locale: "ru" });
    expect(await invitationRow(t, forKyrgyz!.id)).toMatchObject({
      questionnaire_id: "small",
      questionnaire_version: 1,
      locale: "ky",
      status: "created",
    });
    expect((await invitationRow(t, forPlain!.id)).locale).toBe("en");
    expect((await invitationRow(t, explicit!.id)).locale).toBe("ru");
  });

  it("returns the existing invitation when an organisation is invited twice to the same questionnaire", async () => {
    const evaluationId = await newEvaluation();
    const org = await newOrganization();
    const [first] = await invite(evaluationId, [org]);
    const before = await countRows(t, "invitations");
    const [again] = await invite(evaluationId, [org]);
    expect(again).toEqual(first);
    expect(await countRows(t, "invitations")).toBe(before);

    const other = await newOrganization();
    const [same, added] = await invite(evaluationId, [org, other]);
    expect(same).toEqual(first);
    expect(added!.token).not.toBe(first!.token);
    expect(await countRows(t, "invitations")).toBe(before + 1);
  });

  it("invites the same organisation separately to another questionnaire of the evaluation", async () => {
    const evaluationId = await newEvaluation(["small", "government-interview"]);
    const org = await newOrganization();
    const [toSmall] = await invite(evaluationId, [org], "small");
    const [toGovernment] = await invite(evaluationId, [org], "government-interview");
    expect(toGovernment!.id).not.toBe(toSmall!.id);
  });

  it.each([
    [
      "a questionnaire the evaluation does not use",
      (org: number) => ({ organizationIds: [org], questionnaireId: "ngo-capacity" }),
      ["questionnaireId"],
    ],
    [
      "an unknown organisation",
      (org: number) => ({ organizationIds: [org, 999999], questionnaireId: "small" }),
      ["organizationIds.1"],
    ],
    ["no organisation", () => ({ organizationIds: [], questionnaireId: "small" }), ["organizationIds"]],
    [
      "an organisation id that is a string",
      (org: number) => ({ organizationIds: [String(org)], questionnaireId: "small" }),
      ["organizationIds.0"],
    ],
    [
      "a bad expiry",
      (org: number) => ({ organizationIds: [org], questionnaireId: "small", expiresAt: "soon" }),
      ["expiresAt"],
    ],
    [
      "an unknown locale",
      (org: number) => ({ organizationIds: [org], questionnaireId: "small", locale: "de" }),
      ["locale"],
    ],
  ])("answers 400 naming the field for %s and creates nothing", async (_case, body, fields) => {
    const evaluationId = await newEvaluation();
    const org = await newOrganization();
    const before = await countRows(t, "invitations");
    const error = expectError(
      await api.post(`/api/evaluations/${evaluationId}/invitations`, body(org)),
      400,
      "invalid_request",
    );
    expect(fieldsOf(error)).toEqual(fields);
    expect(await countRows(t, "invitations")).toBe(before);
  });

  it("refuses new invitations to a closed evaluation with 409", async () => {
    const evaluationId = await newEvaluation();
    await t.database.db.updateTable("evaluations").set({ status: "closed" }).where("id", "=", evaluationId).execute();
    const res = await api.post(`/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [await newOrganization()],
      questionnaireId: "small",
    });
    expectError(res, 409, "evaluation_closed");
  });

  it("revokes a link: every respondent route then answers exactly as for an unknown token", async () => {
    const evaluationId = await newEvaluation();
    const [invitation] = await invite(evaluationId, [await newOrganization()]);
    const token = invitation!.token;
    expect((await saveDraft(t, token, { data: { name: "Before revoke" }, currentPage: 0 })).statusCode).toBe(200);

    const revoked = await api.post(`/api/invitations/${invitation!.id}/revoke`, {});
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ status: "revoked" });
    expect(await invitationRow(t, invitation!.id)).toMatchObject({ status: "revoked", revoked_at: expect.any(String) });

    const unknown = "A".repeat(token.length);
    const draft = { data: { name: "After revoke" }, currentPage: 0 };
    for (const [route, call] of [
      ["GET", (tk: string) => openLink(t, tk)],
      ["PUT draft", (tk: string) => saveDraft(t, tk, draft)],
      ["POST submit", (tk: string) => submit(t, tk, { data: { name: "After revoke" } })],
    ] as const) {
      const forRevoked = await call(token);
      const forUnknown = await call(unknown);
      expect(forRevoked.statusCode, route).toBe(404);
      expect(forRevoked.json(), route).toEqual(forUnknown.json());
      expectError(forRevoked, 404, "not_found");
    }
    const [stored] = await t.database.db
      .selectFrom("responses")
      .select("data")
      .where("invitation_id", "=", invitation!.id)
      .execute();
    expect(JSON.parse(stored!.data)).toEqual({ name: "Before revoke" });

    // Revoking again changes nothing; inviting again makes a new link, and the old one stays dead.
    expect((await api.post(`/api/invitations/${invitation!.id}/revoke`, {})).statusCode).toBe(200);
    const [fresh] = await invite(evaluationId, [invitation!.organizationId]);
    expect(fresh!.token).not.toBe(token);
    expect((await openLink(t, fresh!.token)).statusCode).toBe(200);
    expect((await openLink(t, token)).statusCode).toBe(404);
  });

  it("refuses to revoke a submitted invitation with 409 and leaves it submitted", async () => {
    const evaluationId = await newEvaluation();
    const [invitation] = await invite(evaluationId, [await newOrganization()]);
    expect((await submit(t, invitation!.token, { data: { name: "Done" } })).statusCode).toBe(200);
    expectError(await api.post(`/api/invitations/${invitation!.id}/revoke`, {}), 409, "already_submitted");
    expect((await invitationRow(t, invitation!.id)).status).toBe("submitted");
    expect((await openLink(t, invitation!.token)).json().response.status).toBe("submitted");
  });

  it("answers 404 when revoking an unknown invitation", async () => {
    expectError(await api.post("/api/invitations/999999/revoke", {}), 404, "not_found");
  });
});
