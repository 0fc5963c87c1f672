import ExcelJS from "exceljs";
import { Model } from "survey-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupSurveyCore } from "../../../server/survey-model/setup-survey-core.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";
import { generateAnswers, seedFrom } from "../../helpers/generate-answers.ts";
import { expectError, fieldsOf } from "../../helpers/http.ts";
import { allQuestionnaires, fixtureFiles, readSurvey } from "../../helpers/questionnaires.ts";
import { evaluationWithResponses, expectedCells, expectedField } from "./setup.ts";

// GET /api/evaluations/:id/export.xlsx, read back with exceljs: sheets responses, scores, one per dynamic panel or
// dynamic matrix (long format keyed by response_id), codebook.

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

type Row = Record<string, string>;

/** A sheet as records keyed by its header row, every cell as the CSV would write it. */
function sheetRows(sheet: ExcelJS.Worksheet): { header: string[]; rows: Row[] } {
  const values: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    values.push((row.values as unknown[]).slice(1));
  });
  const [header, ...rest] = values;
  const keys = (header ?? []).map(String);
  return {
    header: keys,
    rows: rest.map((r) => Object.fromEntries(keys.map((k, i) => [k, expectedField(r[i])]))),
  };
}

async function getWorkbook(url: string): Promise<ExcelJS.Workbook> {
  const res = await t.app.inject({ method: "GET", url, headers: evaluator.headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="evaluation-\d+-[a-z0-9_-]+\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

const dynamicTypes = new Set(["paneldynamic", "matrixdynamic"]);

describe("XLSX round trip over the corpus", () => {
  it("covers the shipped questionnaires and every test questionnaire", () => {
    expect(allQuestionnaires().map((q) => q.file)).toEqual([
      "government-interview.json",
      "ngo-capacity.json",
      ...fixtureFiles,
    ]);
  });

  it.each(allQuestionnaires())("$file", async ({ file, id, preloaded, json }) => {
    setupSurveyCore();
    const survey = new Model(json);
    const topLevel = survey
      .getAllQuestions(false, false, false)
      .filter((q) => !["html", "image"].includes(q.getType()));
    const dynamic = topLevel.filter((q) => dynamicTypes.has(q.getType())).map((q) => q.getValueName());
    const sets = (["all", "random"] as const).map((fill, i) => ({
      data: generateAnswers(json, { seed: seedFrom(`${file}:xlsx:${fill}`), fill }),
      name: `Organisation ${i + 1}`,
    }));
    const { evaluationId, responses } = await evaluationWithResponses(t, evaluator, {
      questionnaireId: id,
      ...(preloaded ? {} : { json }),
      sets,
    });
    const workbook = await getWorkbook(`/api/evaluations/${evaluationId}/export.xlsx`);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(["responses", "scores"]);
    expect(names[names.length - 1]).toBe("codebook");
    expect(names.slice(2, -1)).toHaveLength(dynamic.length);

    const { header, rows } = sheetRows(workbook.getWorksheet("responses")!);
    expect(header.slice(0, 3)).toEqual(["response_id", "organization", "region"]);
    expect(rows).toHaveLength(responses.length);
    for (const response of responses) {
      const row = rows.find((r) => r.response_id === String(response.responseId))!;
      expect(row.organization).toBe(response.name);
      const stored = await t.database.db
        .selectFrom("responses")
        .select("data")
        .where("id", "=", response.responseId!)
        .executeTakeFirstOrThrow();
      const data = JSON.parse(stored.data) as Record<string, unknown>;
      // The responses sheet holds every answer but those of dynamic questions, which have sheets of their own.
      const flat = Object.fromEntries(Object.entries(data).filter(([k]) => !dynamic.includes(k)));
      for (const [key, value] of expectedCells(flat)) expect(row[key], `${file}: ${key}`).toBe(value);
      for (const [i, name] of dynamic.entries()) {
        const sheet = sheetRows(workbook.getWorksheet(names[2 + i]!)!);
        expect(sheet.header.slice(0, 2)).toEqual(["response_id", "index"]);
        const mine = sheet.rows.filter((r) => r.response_id === String(response.responseId));
        const elements = (data[name] as Array<Record<string, unknown>> | undefined) ?? [];
        expect(mine, `${file}: ${name} rows`).toHaveLength(elements.length);
        elements.forEach((element, index) => {
          const longRow = mine.find((r) => r.index === String(index))!;
          for (const [key, value] of expectedCells(element))
            expect(longRow[key], `${file}: ${name}[${index}].${key}`).toBe(value);
        });
      }
    }

    // The codebook names every question (nested ones too) and has a text column per language.
    const codebook = sheetRows(workbook.getWorksheet("codebook")!);
    expect(codebook.header.slice(0, 4)).toEqual(["column", "sheet", "question", "type"]);
    expect(codebook.header).toContain("text_en");
    expect(codebook.header[codebook.header.length - 1]).toBe("scoring");
    const described = new Set(codebook.rows.map((r) => r.question));
    for (const q of survey.getAllQuestions(false, false, true)) {
      if (["html", "image"].includes(q.getType())) continue;
      const top = (q as unknown as { parentQuestion?: { name: string } }).parentQuestion?.name ?? q.name;
      expect(described.has(q.name) || described.has(top), `${file}: codebook row for ${q.name}`).toBe(true);
    }
  });
});

describe("XLSX of the scored questionnaire", () => {
  let workbook: ExcelJS.Workbook;
  let ids: number[];

  beforeAll(async () => {
    const { readSurvey } = await import("../../helpers/questionnaires.ts");
    const json = readSurvey("ngo-capacity");
    const made = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      sets: [7, 8].map((seed) => ({ data: generateAnswers(json, { seed }), name: `NGO ${seed}` })),
    });
    ids = made.responses.map((r) => r.responseId!);
    workbook = await getWorkbook(`/api/evaluations/${made.evaluationId}/export.xlsx?labels=1&lang=ru`);
  });

  it("has a scores row per response and basis, with the traces' levels", async () => {
    const { header, rows } = sheetRows(workbook.getWorksheet("scores")!);
    expect(header.slice(0, 5)).toEqual(["response_id", "organization", "basis", "overall_status", "overall_level"]);
    expect(header).toContain("OUT_level");
    expect(rows).toHaveLength(2 * ids.length);
    for (const id of ids) {
      for (const basis of ["self", "verified"]) {
        const trace = (
          await t.app.inject({
            method: "GET",
            url: `/api/responses/${id}/score?basis=${basis}`,
            headers: evaluator.headers,
          })
        ).json();
        const row = rows.find((r) => r.response_id === String(id) && r.basis === basis)!;
        expect(row.overall_status).toBe(trace.overall.status);
        expect(row.overall_level).toBe(expectedField(trace.overall.level));
        for (const d of trace.dimensions) {
          expect(row[`${d.id}_level`]).toBe(expectedField(d.level));
          expect(row[`${d.id}_status`]).toBe(d.status);
        }
      }
    }
  });

  it("writes labels in the language asked for", () => {
    const { rows } = sheetRows(workbook.getWorksheet("responses")!);
    expect(rows[0]!.P2).toMatch(/[А-Яа-яЁё]/);
  });

  it("has a codebook with texts in each language, choices and the scoring rules", () => {
    const { header, rows } = sheetRows(workbook.getWorksheet("codebook")!);
    expect(header).toEqual(
      expect.arrayContaining(["text_en", "text_ru", "text_ky", "choices_en", "choices_ru", "choices_ky"]),
    );
    const out1 = rows.find((r) => r.column === "OUT1")!;
    expect(out1.text_en).toMatch(/seminars/);
    expect(out1.text_ru).toMatch(/семинар/);
    expect(out1.text_ky).toMatch(/[ңөүА-Яа-я]/);
    expect(out1.scoring).toContain("thresholds cuts [1,5,15]");
    // Sapat's own words in the export's language (lang=ru): the catalogue's, not English.
    expect(out1.scoring).toContain("направление OUT");
    const p2 = rows.find((r) => r.column === "P2")!;
    expect(p2.choices_en).toMatch(/ = /);
    expect(p2.choices_ru).toMatch(/область/);
    const out5 = rows.find((r) => r.column === "OUT5")!;
    expect(out5.scoring).toMatch(/^направление OUT; choice; вес 1; уровни /);
    const dimension = rows.find((r) => r.column === "OUT_level")!;
    expect(dimension).toMatchObject({ sheet: "scores", type: "оценка" });
    expect(dimension.text_ru).toMatch(/[А-Яа-я]/);
    const organisation = rows.find((r) => r.column === "organization")!;
    expect(organisation).toMatchObject({ type: "постоянный столбец", text_en: "Название организации" });
  });

  it("writes its heading rows in words with headers=labels, in the language asked for", async () => {
    const made = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      sets: [{ data: generateAnswers(readSurvey("ngo-capacity"), { seed: 9 }), name: "NGO 9" }],
    });
    const book = await getWorkbook(`/api/evaluations/${made.evaluationId}/export.xlsx?headers=labels&lang=ky`);
    const responses = sheetRows(book.getWorksheet("responses")!).header;
    expect(responses.slice(0, 3)).toEqual(["Жооп", "Уюм", "Аймак"]);
    expect(responses.some((h) => /семинар/.test(h))).toBe(true);
    expect(responses.every((h) => !/^[A-Z]+\d+$/.test(h))).toBe(true);
    const scores = sheetRows(book.getWorksheet("scores")!).header;
    expect(scores.slice(0, 3)).toEqual(["Жооп", "Уюм", "Негиз"]);
    expect(scores).toContain("Алдын алуу жана маалымат берүү өнөктүктөрү: деңгээл");
    // Without it, the keys, as scripts read them.
    const plain = await getWorkbook(`/api/evaluations/${made.evaluationId}/export.xlsx?lang=ky`);
    expect(sheetRows(plain.getWorksheet("responses")!).header.slice(0, 2)).toEqual(["response_id", "organization"]);
  });
});

describe("XLSX parameters", () => {
  it.each([
    ["labels=x", "labels"],
    ["bom=1", "bom"],
    ["lang=fr", "lang"],
    ["headers=words", "headers"],
  ])("answers 400 naming the field for %s", async (query, field) => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/evaluations/1/export.xlsx?${query}`,
      headers: evaluator.headers,
    });
    expect(fieldsOf(expectError(res, 400, "invalid_request"))).toContain(field);
  });

  it("answers 404 for an unknown evaluation", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/evaluations/424242/export.xlsx",
      headers: evaluator.headers,
    });
    expectError(res, 404);
  });
});
