import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";
import { generateAnswers } from "../../helpers/generate-answers.ts";
import { expectError, fieldsOf } from "../../helpers/http.ts";
import { readSurvey } from "../../helpers/questionnaires.ts";
import { evaluationWithResponses, type SubmittedSet } from "./setup.ts";

// The PDFs (a response's report, the respondent's copy, the aggregate report) and the printable HTML report,
// read back as text.

/** The text of every page of a PDF, whitespace collapsed (pdf.js, the legacy build that runs in Node). */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await doc.destroy();
  return pages.join("\n").replace(/\s+/g, " ");
}

let t: TestApp;
let evaluator: Session;
let evaluationId: number;
let responses: SubmittedSet[];
const json = readSurvey("ngo-capacity");
const names = ["Кризисный центр «Сезим»", "Pangea", "Tomo", "Lady Shirin"];

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  const made = await evaluationWithResponses(t, evaluator, {
    questionnaireId: "ngo-capacity",
    evaluationName: "PHT endline 2005",
    sets: names.map((name, i) => ({
      name,
      region: i % 2 === 0 ? "Bishkek" : "Osh",
      data: { ...generateAnswers(json, { seed: 40 + i }), OUT1: 1234 + i },
      locale: ["ru", undefined, "ky"][i],
    })),
  });
  evaluationId = made.evaluationId;
  responses = made.responses;
});
afterAll(() => t.close());

function get(url: string, session: Session | null = evaluator) {
  return t.app.inject({ method: "GET", url, ...(session ? { headers: session.headers } : {}) });
}

async function getPdf(url: string, session: Session | null = evaluator) {
  const res = await get(url, session);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers["content-type"]).toBe("application/pdf");
  expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  return { res, text: await pdfText(res.rawPayload) };
}

describe("GET /api/responses/:id/report.pdf", () => {
  it("shows a Russian response in Russian: organisation, answers, profile and trace summary", async () => {
    const { text } = await getPdf(`/api/responses/${responses[0]!.responseId}/report.pdf`);
    expect(text).toContain("Кризисный центр «Сезим»");
    expect(text).toContain("Название организации"); // P1's Russian title
    expect(text).toContain("1234"); // OUT1 as answered
    expect(text).toContain("Профилактические и информационные кампании"); // dimension OUT in Russian
    expect(text).toContain("Профиль потенциала");
    expect(text).toContain("Самооценка");
    expect(text).toContain("Проверено");
  });

  it("shows an English response in English, with every dimension", async () => {
    const { text } = await getPdf(`/api/responses/${responses[1]!.responseId}/report.pdf`);
    expect(text).toContain("Pangea");
    expect(text).toContain("1235");
    for (const dimension of ["Prevention & outreach campaigns", "Media relations", "Staff & volunteers"]) {
      expect(text).toContain(dimension);
    }
    expect(text).toContain("Capacity profile");
  });

  it("shows a Kyrgyz response with Kyrgyz headings, not Russian ones", async () => {
    const { text } = await getPdf(`/api/responses/${responses[2]!.responseId}/report.pdf`);
    expect(text).toContain("Tomo");
    expect(text).toContain("Уюмдун аталышы"); // P1's Kyrgyz title
    expect(text).toContain("Алдын алуу жана маалымат берүү өнөктүктөрү"); // dimension OUT in Kyrgyz
    expect(text).toContain("Потенциалдын профили");
    expect(text).toContain("Өзүн-өзү баалоо");
    expect(text).toContain("Текшерилген");
    expect(text).not.toContain("Профиль потенциала");
  });

  it("answers 404 for an unknown response and 401 without a session", async () => {
    expectError(await get("/api/responses/987654/report.pdf"), 404);
    expectError(await get(`/api/responses/${responses[1]!.responseId}/report.pdf`, null), 401);
  });
});

describe("GET /api/respond/:token/copy.pdf", () => {
  it("gives the respondent a copy of the submitted answers, without scores", async () => {
    const { res, text } = await getPdf(`/api/respond/${responses[0]!.token}/copy.pdf`, null);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(text).toContain("Копия ваших ответов");
    expect(text).toContain("Название организации");
    expect(text).not.toContain("Профиль потенциала");
    expect(text).not.toContain("Самооценка");
    expect(text).not.toContain("Проверено");
  });

  it("marks a draft as a draft", async () => {
    const draft = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      sets: [{ name: "Draft org", data: { P1: "Draft org", OUT1: 77 }, draft: true }],
    });
    const { text } = await getPdf(`/api/respond/${draft.responses[0]!.token}/copy.pdf`, null);
    expect(text).toContain("DRAFT");
    expect(text).toContain("77");
  });

  it("serves a submitted copy after the evaluation closed, but no draft copy (410)", async () => {
    const made = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      sets: [
        { name: "Closed submitted", data: generateAnswers(json, { seed: 5 }) },
        { name: "Closed draft", data: { P1: "x" }, draft: true },
      ],
    });
    const closed = await t.app.inject({
      method: "PATCH",
      url: `/api/evaluations/${made.evaluationId}`,
      payload: { status: "closed" },
      headers: evaluator.headers,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    await getPdf(`/api/respond/${made.responses[0]!.token}/copy.pdf`, null);
    expectError(await get(`/api/respond/${made.responses[1]!.token}/copy.pdf`, null), 410);
  });

  it("answers 404 for an unknown or revoked link, 409 when nothing was saved", async () => {
    expectError(await get("/api/respond/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/copy.pdf", null), 404);
    const made = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      sets: [{ name: "Untouched", data: { P1: "x" }, draft: true }],
    });
    const { id } = await t.database.db
      .selectFrom("invitations")
      .select("id")
      .where("token", "=", made.responses[0]!.token)
      .executeTakeFirstOrThrow();
    // A second organisation, invited but with nothing saved.
    const org = await t.app.inject({
      method: "POST",
      url: "/api/organizations",
      payload: { name: "Silent", kind: "ngo", region: "Talas" },
      headers: evaluator.headers,
    });
    const [silent] = (
      await t.app.inject({
        method: "POST",
        url: `/api/evaluations/${made.evaluationId}/invitations`,
        payload: { organizationIds: [org.json().id], questionnaireId: "ngo-capacity" },
        headers: evaluator.headers,
      })
    ).json();
    expectError(await get(`/api/respond/${silent.token}/copy.pdf`, null), 409, "no_answers");
    const revoked = await t.app.inject({
      method: "POST",
      url: `/api/invitations/${id}/revoke`,
      headers: evaluator.headers,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expectError(await get(`/api/respond/${made.responses[0]!.token}/copy.pdf`, null), 404);
  });
});

describe("PUT /api/evaluations/:id/report-text", () => {
  const conclusions = "The project achieved its goals: public awareness increased. Выводы: цели достигнуты.";
  const recommendations = "Strengthen the technical capacity of NGO personnel.";

  it("stores the evaluator's text and shows it in the evaluation", async () => {
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/evaluations/${evaluationId}/report-text`,
      payload: { conclusions, recommendations },
      headers: evaluator.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: evaluationId, conclusions, recommendations });
    const view = (await get(`/api/evaluations/${evaluationId}`)).json();
    expect(view).toMatchObject({ conclusions, recommendations });
  });

  it("refuses text over 50,000 characters (400 naming the field), a viewer (403) and a missing field (400)", async () => {
    const long = await t.app.inject({
      method: "PUT",
      url: `/api/evaluations/${evaluationId}/report-text`,
      payload: { conclusions: "x".repeat(50_001), recommendations: null },
      headers: evaluator.headers,
    });
    expect(fieldsOf(expectError(long, 400))).toEqual(["conclusions"]);
    const missing = await t.app.inject({
      method: "PUT",
      url: `/api/evaluations/${evaluationId}/report-text`,
      payload: { conclusions: "x" },
      headers: evaluator.headers,
    });
    expect(fieldsOf(expectError(missing, 400))).toEqual(["recommendations"]);
    const viewer = await logInAs(t, "viewer");
    const forbidden = await t.app.inject({
      method: "PUT",
      url: `/api/evaluations/${evaluationId}/report-text`,
      payload: { conclusions: "x", recommendations: "y" },
      headers: viewer.headers,
    });
    expectError(forbidden, 403, "read_only");
    const unknown = await t.app.inject({
      method: "PUT",
      url: "/api/evaluations/999999/report-text",
      payload: { conclusions: "x", recommendations: "y" },
      headers: evaluator.headers,
    });
    expectError(unknown, 404);
  });

  it("answers 413 to a body over BODY_LIMIT, and keeps the stored text", async () => {
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/evaluations/${evaluationId}/report-text`,
      payload: { conclusions: "я".repeat(t.config.bodyLimit), recommendations: null },
      headers: evaluator.headers,
    });
    expectError(res, 413, "payload_too_large");
    expect((await get(`/api/evaluations/${evaluationId}`)).json()).toMatchObject({ conclusions, recommendations });
  });
});

describe("the aggregate report", () => {
  it("is a PDF with every organisation, the method, the cohort and the conclusions", async () => {
    const { text } = await getPdf(`/api/evaluations/${evaluationId}/report.pdf`);
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain("Capacity assessment report");
    expect(text).toContain("PHT endline 2005");
    expect(text).toContain("Organisations invited");
    expect(text).toContain("Cohort capacity by dimension");
    expect(text).toContain("Heat map: organisations by dimension");
    expect(text).toContain("Regional table");
    expect(text).toContain("Key figures");
    expect(text).toContain("1 234"); // OUT1 of the first organisation, a key figure (thousands grouped)
    expect(text).toContain("public awareness increased");
    expect(text).toContain("Выводы: цели достигнуты.");
    expect(text).toContain("Strengthen the technical capacity of NGO personnel.");
    expect(text).toContain("This evaluation has no baseline evaluation.");
  });

  it("is in Russian with lang=ru", async () => {
    const { text } = await getPdf(`/api/evaluations/${evaluationId}/report.pdf?lang=ru`);
    expect(text).toContain("Отчёт об оценке потенциала");
    expect(text).toContain("Профилактические и информационные кампании");
  });

  it("is in Kyrgyz with lang=ky, as a PDF and as the HTML page", async () => {
    const { text } = await getPdf(`/api/evaluations/${evaluationId}/report.pdf?lang=ky`);
    expect(text).toContain("Потенциалды баалоо боюнча отчет");
    expect(text).toContain("Топтун потенциалы багыттар боюнча");
    expect(text).toContain("Алдын алуу жана маалымат берүү өнөктүктөрү");
    expect(text).not.toContain("Отчёт об оценке потенциала");
    const html = await get(`/api/evaluations/${evaluationId}/report.html?lang=ky`);
    expect(html.body).toContain("Жылуулук картасы: уюмдар багыттар боюнча");
    expect(html.body).toContain("Корутундулар");
  });

  it("is also a printable HTML page with the same organisations, no script and its own CSP", async () => {
    const res = await get(`/api/evaluations/${evaluationId}/report.html`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(res.body).toMatch(/^<!doctype html>/);
    expect(res.body).not.toMatch(/<script|src="http|href="http/i);
    expect(res.body).toContain("<svg");
    expect(res.body).toContain("@page");
    for (const name of names) expect(res.body).toContain(name);
    expect(res.body).toContain("public awareness increased");
  });

  it("shows the change since the baseline", async () => {
    const organizationIds = responses.map((r) => r.organizationId);
    const baseline = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      evaluationName: "PHT baseline 2003",
      organizationIds,
      sets: names.map((name, i) => ({ name, data: generateAnswers(json, { seed: 90 + i }) })),
    });
    const endline = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      evaluationName: "PHT endline, paired",
      baselineEvaluationId: baseline.evaluationId,
      organizationIds,
      sets: names.map((name, i) => ({ name, data: generateAnswers(json, { seed: 40 + i }) })),
    });
    const { text } = await getPdf(`/api/evaluations/${endline.evaluationId}/report.pdf`);
    expect(text).toContain("Change since baseline");
    expect(text).toContain("PHT baseline 2003");
    expect(text).toContain("Baseline level");
    expect(text).not.toContain("This evaluation has no baseline evaluation.");
  });

  it.each([
    ["lang=de", "lang"],
    ["basis=both", "basis"],
    ["questionnaireId=government-interview", "questionnaireId"],
  ])("answers 400 naming the field for %s", async (query, field) => {
    for (const format of ["pdf", "html"]) {
      const res = await get(`/api/evaluations/${evaluationId}/report.${format}?${query}`);
      expect(fieldsOf(expectError(res, 400))).toContain(field);
    }
  });

  it("answers 404 for an unknown evaluation", async () => {
    expectError(await get("/api/evaluations/31337/report.pdf"), 404);
    expectError(await get("/api/evaluations/31337/report.html"), 404);
  });
});
