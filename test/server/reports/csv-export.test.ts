import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";
import { generateAnswers, seedFrom } from "../../helpers/generate-answers.ts";
import { expectError, fieldsOf } from "../../helpers/http.ts";
import { allQuestionnaires, fixtureFiles, readSurvey } from "../../helpers/questionnaires.ts";
import { evaluationWithResponses, expectedCells } from "./setup.ts";

// GET /api/evaluations/:id/export.csv: the CSV read back must give each submitted answer in its cell.

const fixed = [
  "response_id",
  "organization",
  "region",
  "kind",
  "mode",
  "status",
  "submitted_at",
  "questionnaire_version",
];

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

async function getCsv(url: string, session: Session = evaluator) {
  const res = await t.app.inject({ method: "GET", url, headers: session.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

function readCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const records = parse(text, { bom: true }) as string[][];
  const [header, ...rest] = records;
  return {
    header: header!,
    rows: rest.map((r) => Object.fromEntries(header!.map((key, i) => [key, r[i] ?? ""]))),
  };
}

describe("CSV round trip over the corpus", () => {
  const questionnaires = allQuestionnaires();

  it("covers the shipped questionnaires and every test questionnaire", () => {
    expect(questionnaires.filter((q) => q.preloaded).map((q) => q.file)).toEqual([
      "government-interview.json",
      "ngo-capacity.json",
    ]);
    expect(questionnaires.filter((q) => !q.preloaded).map((q) => q.file)).toEqual(fixtureFiles);
  });

  it.each(questionnaires)("$file", async ({ file, id, preloaded, json }) => {
    const sets = (["all", "random"] as const).map((fill, i) => ({
      data: generateAnswers(json, { seed: seedFrom(`${file}:csv:${fill}`), fill }),
      name: `Org ${i + 1}, "${id}"`,
      region: i === 0 ? "Osh" : "Naryn",
    }));
    const { evaluationId, responses } = await evaluationWithResponses(t, evaluator, {
      questionnaireId: id,
      ...(preloaded ? {} : { json }),
      sets,
    });
    const res = await getCsv(`/api/evaluations/${evaluationId}/export.csv`);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="evaluation-${evaluationId}-${id}.csv"`);
    expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const { header, rows } = readCsv(res.body);
    expect(header.slice(0, fixed.length)).toEqual(fixed);
    expect(new Set(header).size, "column keys are unique").toBe(header.length);
    expect(rows).toHaveLength(responses.length);

    const stored = await t.database.db
      .selectFrom("responses")
      .selectAll()
      .where("evaluation_id", "=", evaluationId)
      .execute();
    const scored = header.includes("score_overall");
    for (const response of responses) {
      const row = rows.find((r) => r.response_id === String(response.responseId));
      expect(row, `${file}: a row for response ${response.responseId}`).toBeDefined();
      const db = stored.find((s) => s.id === response.responseId)!;
      expect(row).toMatchObject({
        organization: response.name,
        region: response.organizationId ? expect.any(String) : "",
        kind: "ngo",
        mode: "link",
        status: "submitted",
        submitted_at: db.submitted_at,
        questionnaire_version: String(db.questionnaire_version),
      });

      // Every submitted answer is in the cell its path names; every other answer cell is empty.
      const expected = expectedCells(JSON.parse(db.data));
      for (const [key, value] of expected) {
        expect(header, `${file}: a column for ${key}`).toContain(key);
        expect(row![key], `${file}: ${key}`).toBe(value);
      }
      const answerKeys = header.slice(fixed.length).filter((k) => !k.startsWith("score_"));
      for (const key of answerKeys)
        if (!expected.has(key)) expect(row![key], `${file}: ${key} should be empty`).toBe("");

      if (scored) {
        for (const basis of ["verified", "self"] as const) {
          const score = await t.app.inject({
            method: "GET",
            url: `/api/responses/${response.responseId}/score?basis=${basis}`,
            headers: evaluator.headers,
          });
          const trace = score.json();
          const prefix = basis === "verified" ? "score_" : "score_self_";
          const cell = (level: number | null) => (level === null ? "" : String(level));
          expect(row![`${prefix}overall`]).toBe(cell(trace.overall.level));
          for (const d of trace.dimensions) expect(row![`${prefix}${d.id}`], `${prefix}${d.id}`).toBe(cell(d.level));
        }
      }
    }
    // Organisations' regions are the ones given.
    expect(rows.map((r) => r.region).sort()).toEqual(["Naryn", "Osh"]);
  });
});

describe("CSV options", () => {
  let evaluationId: number;
  let ids: number[];

  beforeAll(async () => {
    const json = readSurvey("ngo-capacity");
    const sets = [1, 2, 3].map((seed) => ({ data: generateAnswers(json, { seed }), name: `NGO ${seed}` }));
    const made = await evaluationWithResponses(t, evaluator, {
      questionnaireId: "ngo-capacity",
      sets: [...sets, { data: { P1: "Unfinished" }, name: "Draft NGO", draft: true }],
    });
    evaluationId = made.evaluationId;
    ids = made.responses.map((r) => r.responseId!).filter(Boolean);
  });

  it("reads both bases' levels from the stored traces at full precision, verified levels included", async () => {
    const id = ids[0]!;
    const verified = await t.app.inject({
      method: "PUT",
      url: `/api/responses/${id}/verified/VAS4`,
      payload: { level: 1, note: "Case files seen on the site visit: no confidentiality" },
      headers: evaluator.headers,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const { rows } = readCsv((await getCsv(`/api/evaluations/${evaluationId}/export.csv`)).body);
    const row = rows.find((r) => r.response_id === String(id))!;
    for (const basis of ["verified", "self"] as const) {
      const trace = (
        await t.app.inject({
          method: "GET",
          url: `/api/responses/${id}/score?basis=${basis}`,
          headers: evaluator.headers,
        })
      ).json();
      const prefix = basis === "verified" ? "score_" : "score_self_";
      expect(row[`${prefix}overall`]).toBe(trace.overall.level === null ? "" : String(trace.overall.level));
      for (const d of trace.dimensions) expect(row[`${prefix}${d.id}`]).toBe(d.level === null ? "" : String(d.level));
    }
    // The repository's SQL summary of a stored trace is the TypeScript one.
    const { exportPage } = await import("../../../server/modules/reports/reports.repository.ts");
    const { summarizeTrace, summaryFromValues } = await import("../../../server/reports/export-scores.ts");
    const [page] = await exportPage(
      t.database.db,
      { evaluationId, questionnaireId: "ngo-capacity", statuses: ["submitted"] },
      id - 1,
      { scores: 9, data: false },
      1,
    );
    for (const basis of ["verified", "self"] as const) {
      const stored = await t.database.db
        .selectFrom("response_scores")
        .select("trace")
        .where("response_id", "=", id)
        .where("basis", "=", basis)
        .executeTakeFirstOrThrow();
      const summary = basis === "verified" ? page!.verified_summary : page!.self_summary;
      expect(summaryFromValues(JSON.parse(summary!))).toEqual(summarizeTrace(JSON.parse(stored.trace)));
    }
  });

  it("gives Russian labels with labels=1&lang=ru", async () => {
    const { rows } = readCsv((await getCsv(`/api/evaluations/${evaluationId}/export.csv?labels=1&lang=ru`)).body);
    const values = readCsv((await getCsv(`/api/evaluations/${evaluationId}/export.csv`)).body).rows;
    const row = rows[0]!;
    // P2 is a dropdown of regions: its Russian label, not its value.
    expect(values[0]!.P2).toMatch(/^[a-z_]+$/);
    expect(row.P2).toMatch(/[А-Яа-яЁё]/);
    // P7 (checkbox): each ticked choice's Russian label, joined by ";".
    const ticked = values[0]!.P7!.split(";");
    expect(row.P7!.split(";")).toHaveLength(ticked.length);
    for (const label of row.P7!.split(";")) expect(label).toMatch(/[А-Яа-яЁё]/);
    // Booleans: "Да"/"Нет" with labels, true/false without.
    expect(["true", "false"]).toContain(values[0]!.MED4);
    expect(["Да", "Нет"]).toContain(row.MED4);
    // Numbers stay numbers.
    expect(row.OUT1).toBe(values[0]!.OUT1);
  });

  it("writes the heading row in words with headers=labels: Sapat's columns, questions and scores in Russian", async () => {
    const keys = readCsv((await getCsv(`/api/evaluations/${evaluationId}/export.csv`)).body).header;
    const { header, rows } = readCsv(
      (await getCsv(`/api/evaluations/${evaluationId}/export.csv?headers=labels&lang=ru`)).body,
    );
    expect(header).toHaveLength(keys.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(header.slice(0, 3)).toEqual(["Ответ", "Организация", "Регион"]);
    expect(header[keys.indexOf("OUT1")]).toMatch(/семинар/);
    expect(header[keys.indexOf("score_overall")]).toBe("Общий уровень (проверено)");
    expect(header[keys.indexOf("score_self_OUT")]).toBe(
      "Профилактические и информационные кампании: уровень (самооценка)",
    );
  });

  it("starts with a UTF-8 BOM with bom=1, and not by default", async () => {
    const withBom = await getCsv(`/api/evaluations/${evaluationId}/export.csv?bom=1`);
    expect([...withBom.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.rawPayload.subarray(3, 14).toString()).toBe("response_id");
    const without = await getCsv(`/api/evaluations/${evaluationId}/export.csv?bom=0`);
    expect(without.rawPayload.subarray(0, 11).toString()).toBe("response_id");
  });

  it("adds a 0/1 column per checkbox choice with choiceColumns=1", async () => {
    const { header, rows } = readCsv(
      (await getCsv(`/api/evaluations/${evaluationId}/export.csv?choiceColumns=1`)).body,
    );
    const json = readSurvey("ngo-capacity");
    const p7 = JSON.stringify(json).includes('"outreach"');
    expect(p7).toBe(true);
    expect(header).toContain("P7=outreach");
    expect(header.indexOf("P7=outreach")).toBeGreaterThan(header.indexOf("P7"));
    for (const row of rows) {
      const ticked = row.P7 === "" ? [] : row.P7!.split(";");
      for (const key of header.filter((k) => k.startsWith("P7="))) {
        const value = key.slice("P7=".length);
        expect(row[key], key).toBe(row.P7 === "" ? "" : ticked.includes(value) ? "1" : "0");
      }
    }
  });

  it("exports drafts too with status=all", async () => {
    const submitted = readCsv((await getCsv(`/api/evaluations/${evaluationId}/export.csv`)).body).rows;
    expect(submitted.map((r) => Number(r.response_id)).sort()).toEqual([...ids].sort());
    const all = readCsv((await getCsv(`/api/evaluations/${evaluationId}/export.csv?status=all`)).body).rows;
    expect(all).toHaveLength(4);
    const draft = all.find((r) => r.status === "draft")!;
    expect(draft).toMatchObject({ organization: "Draft NGO", P1: "Unfinished", submitted_at: "", score_overall: "" });
  });

  it("lets a viewer download, and nobody without a session", async () => {
    const viewer = await logInAs(t, "viewer");
    await addMember(t, evaluationId, viewer.userId, "viewer");
    await getCsv(`/api/evaluations/${evaluationId}/export.csv`, viewer);
    const anonymous = await t.app.inject({ method: "GET", url: `/api/evaluations/${evaluationId}/export.csv` });
    expectError(anonymous, 401);
  });

  it.each([
    ["labels=2", "labels"],
    ["bom=yes", "bom"],
    ["lang=de", "lang"],
    ["choiceColumns=true", "choiceColumns"],
    ["status=draft", "status"],
    ["questionnaireId=government-interview", "questionnaireId"],
    ["questionnaireId=", "questionnaireId"],
    ["format=json", "format"],
  ])("answers 400 naming the field for %s", async (query, field) => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/evaluations/${evaluationId}/export.csv?${query}`,
      headers: evaluator.headers,
    });
    const body = expectError(res, 400, "invalid_request");
    expect(fieldsOf(body)).toContain(field);
  });

  it("answers 404 for an unknown evaluation", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/evaluations/999999/export.csv",
      headers: evaluator.headers,
    });
    expectError(res, 404, "not_found");
  });
});
