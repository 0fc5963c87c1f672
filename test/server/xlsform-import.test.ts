import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError, questionsOf, request } from "../helpers/http.ts";
import { responseRows, submit } from "../helpers/respond.ts";
import { inviteOrganization } from "../helpers/scenario.ts";
import { buildXlsx, readXlsx, uploadXlsform, type Workbook } from "../helpers/xlsform.ts";
import { householdForm } from "../fixtures/xlsform/household.ts";

// POST /api/questionnaires/xlsform through the real server: the converted questionnaire must accept, refuse and
// drop answers as the XLSForm means, and its exports must name columns as Kobo does.

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  const res = await uploadXlsform(t, evaluator, await buildXlsx(householdForm));
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toEqual({ id: "household", version: 1, warnings: expect.any(Array) });
});
afterAll(() => t.close());

const answers = () => ({
  respondent: "Aida",
  age: 40,
  income: 1000,
  employed: "yes",
  employer: "Acme",
  sources: ["salary"],
  region: "chui",
  district: "alamedin",
  visit_date: "2024-05-01",
  visit_time: "10:30",
  recorded: "2024-05-01T10:30",
  comments: "fine",
  members: 2,
  children: 1,
  person: [
    { person_name: "Asel", person_age: 40 },
    { person_name: "Bek", person_age: 10, in_school: "yes" },
  ],
  satisfaction: 7,
  priorities: ["work", "health", "school"],
  fixed_code: "A1",
  consent: "OK",
});

async function submitted(data: Record<string, unknown>) {
  const invited = await inviteOrganization(t, evaluator, { questionnaireId: "household" });
  return { invited, res: await submit(t, invited.token, { data }) };
}

describe("an imported XLSForm answers as the form means", () => {
  it("accepts a complete answer set and stores it", async () => {
    const { invited, res } = await submitted(answers());
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await responseRows(t, invited.invitationId);
    expect(JSON.parse(row!.data)).toMatchObject(answers());
  });

  it.each([
    ["required", { respondent: undefined }, ["respondent"]],
    ["required when relevant", { employer: undefined }, ["employer"]],
    ["constraint", { age: 17 }, ["age"]],
    ["integer", { age: 40.5 }, ["age"]],
    ["constraint with selected() and count-selected()", { sources: ["none", "farm"] }, ["sources"]],
    ["constraint with today()", { visit_date: "2999-01-01" }, ["visit_date"]],
    ["constraint with string-length()", { comments: "x".repeat(21) }, ["comments"]],
    ["constraint naming another question", { children: 2 }, ["children"]],
    ["repeat_count", { person: [{ person_name: "Asel" }] }, ["person"]],
    ["required inside a repeat", { person: [{ person_name: "Asel" }, { person_age: 3 }] }, ["person[1].person_name"]],
    [
      "constraint inside a repeat naming a question outside",
      { person: [{ person_name: "A", person_age: 91 }, { person_name: "B" }] },
      ["person[0].person_age"],
    ],
    ["range", { satisfaction: 11 }, ["satisfaction"]],
    ["acknowledge required", { consent: false }, ["consent"]],
    ["a choice outside the list (and so outside the district's filter)", { region: "naryn" }, ["district", "region"]],
    ["choice_filter", { region: "osh" }, ["district"]],
  ])("refuses an answer set breaking %s", async (_what, patch, expected) => {
    const data = { ...answers(), ...patch } as Record<string, unknown>;
    for (const key of Object.keys(patch)) if ((patch as Record<string, unknown>)[key] === undefined) delete data[key];
    const before = await countRows(t, "responses");
    const { res } = await submitted(data);
    const error = expectError(res, 422, "invalid_answers");
    expect(questionsOf(error)).toEqual(expected);
    expect(await countRows(t, "responses")).toBe(before + 1 - 1);
  });

  it("drops answers to questions the form's relevance hides", async () => {
    const data = {
      ...answers(),
      employed: "no",
      employer: "Acme",
      person: [
        { person_name: "Asel", person_age: 40, in_school: "no" },
        { person_name: "Bek", person_age: 10, in_school: "yes" },
      ],
    };
    const { invited, res } = await submitted(data);
    expect(res.statusCode, res.body).toBe(200);
    const stored = JSON.parse((await responseRows(t, invited.invitationId))[0]!.data);
    expect(stored.employer).toBeUndefined();
    expect(stored.person).toEqual([
      { person_name: "Asel", person_age: 40 },
      { person_name: "Bek", person_age: 10, in_school: "yes" },
    ]);
  });

  it("accepts an other answer with its text (or_other)", async () => {
    const { res } = await submitted({ ...answers(), region: "other", "region-Comment": "Talas", district: undefined });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("exports the columns Kobo would: question names without group paths, one sheet per repeat", async () => {
    const { invited } = await submitted(answers());
    const csv = await request(t, "GET", `/api/evaluations/${invited.evaluationId}/export.csv`, undefined, evaluator);
    expect(csv.statusCode, csv.body).toBe(200);
    const header = csv.body
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0]!
      .split(",");
    for (const name of ["respondent", "age", "members", "children", "satisfaction", "consent", "adults", "summary"]) {
      expect(header).toContain(name);
    }
    expect(header).toContain("person[0].person_name");
    const xlsx = await t.app.inject({
      method: "GET",
      url: `/api/evaluations/${invited.evaluationId}/export.xlsx`,
      headers: evaluator.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    const sheets = await readXlsx(xlsx.rawPayload);
    expect(sheets.person![0]).toEqual(["response_id", "index", "person_name", "person_age", "in_school"]);
    expect(sheets.person!.slice(1).map((r) => r.slice(1, 4))).toEqual([
      ["0", "Asel", "40"],
      ["1", "Bek", "10"],
    ]);
  });
});

describe("forms that cannot be converted", () => {
  const withSurvey = (rows: Workbook["survey"]): Workbook => ({ ...householdForm, survey: rows });
  const header = householdForm.survey![0]!;

  it.each([
    [
      "an unknown ${name}",
      [["text", "a", "A", "", "", "", "", "${nowhere} = 1"]],
      { row: 2, column: "relevant" },
      /nowhere/,
    ],
    ["a missing choice list", [["select_one colours", "a", "A"]], { row: 2, column: "type" }, /colours/],
    [
      "an unclosed group",
      [
        ["begin_group", "g", "G"],
        ["text", "a", "A"],
      ],
      { row: 2, column: "type" },
      /never closed/,
    ],
    [
      "an untranslatable function",
      [["text", "a", "A", "", "", "", "", "", "regex(., '[0-9]+')"]],
      { row: 2, column: "constraint" },
      /regex/,
    ],
    ["a path expression", [["text", "a", "A", "", "", "", "", "/data/a = 1"]], { row: 2, column: "relevant" }, /"\/"/],
    ["a type SurveyJS cannot hold", [["geopoint", "where", "Where"]], { row: 2, column: "type" }, /geopoint/],
  ])("refuses %s with 422 naming the sheet, row and column, storing nothing", async (_what, rows, place, message) => {
    const before = await countRows(t, "questionnaires");
    const res = await uploadXlsform(t, evaluator, await buildXlsx(withSurvey([header, ...rows])), "broken");
    const error = expectError(res, 422, "invalid_xlsform");
    expect(error.details).toEqual([{ sheet: "survey", ...place, message: expect.stringMatching(message) }]);
    expect(await countRows(t, "questionnaires")).toBe(before);
  });

  it("points a scoring lint problem at its row", async () => {
    const rows = [
      ["type", "name", "label", "sapat_dimension", "sapat_rule"],
      ["text", "a", "A", "D", "thresholds"],
    ];
    const res = await uploadXlsform(t, evaluator, await buildXlsx({ survey: rows }), "scored-broken");
    const error = expectError(res, 422);
    expect(error.details).toContainEqual(expect.objectContaining({ sheet: "survey", row: 2, column: "sapat_rule" }));
  });

  it("answers 400 for a file that is no workbook, 415 without the spreadsheet type, 403 for a viewer", async () => {
    expectError(await uploadXlsform(t, evaluator, Buffer.from("not a zip"), "x"), 422, "invalid_xlsform");
    const wrongType = await t.app.inject({
      method: "POST",
      url: "/api/questionnaires/xlsform?id=x",
      payload: "text",
      headers: { ...evaluator.headers, "content-type": "text/plain" },
    });
    expect(wrongType.statusCode).toBe(415);
    const viewer = await logInAs(t, "viewer");
    expectError(await uploadXlsform(t, viewer, await buildXlsx(householdForm), "x"), 403);
  });
});

describe("who may publish a new version through XLSForm", () => {
  it("refuses another evaluator with 403, storing nothing, and lets the author publish", async () => {
    const changed: Workbook = {
      ...householdForm,
      settings: [
        ["form_title", "form_id", "version", "default_language"],
        ["Household survey (changed)", "household", "2026-12", "English (en)"],
      ],
    };
    const other = await logInAs(t, "evaluator");
    const before = await countRows(t, "questionnaires");
    expectError(await uploadXlsform(t, other, await buildXlsx(changed)), 403, "not_questionnaire_author");
    expect(await countRows(t, "questionnaires")).toBe(before);
    const mine = await uploadXlsform(t, evaluator, await buildXlsx(changed));
    expect(mine.statusCode, mine.body).toBe(201);
  });
});
