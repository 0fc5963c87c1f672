import { ConditionsParser } from "survey-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, request } from "../helpers/http.ts";
import { buildXlsx, readXlsx, uploadXlsform, xlsxType } from "../helpers/xlsform.ts";
import { householdForm } from "../fixtures/xlsform/household.ts";
import { scoredForm } from "../fixtures/xlsform/scored.ts";

// GET /api/questionnaires/:id/xlsform: a form taken back to a spreadsheet and imported again means the same.

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

async function download(id: string, version?: number) {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/questionnaires/${id}/xlsform${version ? `?version=${version}` : ""}`,
    headers: evaluator.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe(xlsxType);
  expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="[a-z-]+-v\d+\.xlsx"$/);
  return res.rawPayload;
}

async function storedJson(id: string) {
  return (await request(t, "GET", `/api/questionnaires/${id}`, undefined, evaluator)).json().json;
}

describe("export back to XLSForm", () => {
  it.each([
    ["household", householdForm],
    ["capacity", scoredForm],
  ])("round-trips the %s form: the re-imported questionnaire is the same but for choice filters", async (id, form) => {
    const first = await uploadXlsform(t, evaluator, await buildXlsx(form), id);
    expect(first.statusCode, first.body).toBe(201);
    const bytes = await download(id);
    const again = await uploadXlsform(t, evaluator, bytes, `${id}-again`);
    expect(again.statusCode, again.body).toBe(201);
    const original = await storedJson(id);
    const copy = await storedJson(`${id}-again`);
    // Choice filters become per-choice conditions that XLSForm cannot hold: the notes sheet lists them.
    const stripFilters = (json: unknown) =>
      JSON.parse(JSON.stringify(json).replace(/,"visibleIf":"'[a-z]+' = \{region\}"/g, ""));
    const withoutPages = (json: Record<string, any>) => {
      const { pages, ...rest } = stripFilters(json);
      return { ...rest, elements: pages.flatMap((p: any) => (p.title || p.visibleIf ? [p] : p.elements)) };
    };
    const a = withoutPages(original);
    const b = withoutPages(copy);
    if (id === "household") {
      // The export writes the single-page parts as field-list groups of their own: compare question by question.
      const names = (j: any): string[] => JSON.stringify(j).match(/"name":"[^"]+"/g) ?? [];
      expect(names(b).filter((n) => !n.startsWith('"name":"page'))).toEqual(
        names(a).filter((n) => !n.startsWith('"name":"page')),
      );
      // Parentheses may differ; survey-core's own reading of each expression must not.
      const read = (j: any) =>
        j.calculatedValues.map((c: any) => [c.name, new ConditionsParser().parseExpression(c.expression)!.toString()]);
      expect(read(b)).toEqual(read(a));
    } else {
      expect(b).toEqual(a);
    }
    const sheets = await readXlsx(bytes);
    expect(Object.keys(sheets)).toEqual(
      id === "capacity"
        ? ["survey", "choices", "settings", "sapat_dimensions", "notes"]
        : ["survey", "choices", "settings", "notes"],
    );
  });

  it("lists what XLSForm cannot express in the notes sheet", async () => {
    const json = {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "a", inputType: "email" },
            { type: "matrix", name: "m", columns: ["1", "2"], rows: ["x"] },
            { type: "text", name: "b", visibleIf: "{a} = 'x' and age({a}) > 3" },
          ],
        },
      ],
    };
    const res = await request(t, "POST", "/api/questionnaires", { id: "odd", json }, evaluator);
    expect(res.statusCode, res.body).toBe(201);
    const sheets = await readXlsx(await download("odd", 1));
    expect(sheets.notes).toEqual([
      ["element", "note"],
      ["a", 'input type "email" exported as text'],
      ["m", 'the question type "matrix" has no XLSForm equivalent; not exported'],
      ["b", expect.stringMatching(/^relevant "\{a\} = 'x' and age\(\{a\}\) > 3" not exported: the function age\(\)/)],
    ]);
    expect(sheets.survey!.map((r) => r.slice(0, 2))).toEqual([
      ["type", "name"],
      ["text", "a"],
      ["text", "b"],
    ]);
  });

  it("answers 404 for an unknown questionnaire or version", async () => {
    expectError(await request(t, "GET", "/api/questionnaires/nothing/xlsform", undefined, evaluator), 404);
    expectError(await request(t, "GET", "/api/questionnaires/odd/xlsform?version=9", undefined, evaluator), 404);
  });
});
