import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { structureLimits } from "../../server/survey-model/lint-structure.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { scratchCatalogue } from "../helpers/questionnaires.ts";

// POST /api/questionnaires (and surveys/ at start) refuse what survey-core would load but Sapat cannot serve, with
// 422 naming where: elements and pages without a name, regex validators that backtrack catastrophically, dynamic
// panels nested or multiplied beyond the documented limits (docs/api.md).

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

function upload(id: string, json: unknown) {
  return t.app.inject({
    method: "POST",
    url: "/api/questionnaires",
    headers: evaluator.headers,
    payload: { id, json },
  });
}

const text = (name: string, extra: Record<string, unknown> = {}) => ({ type: "text", name, ...extra });

function dynamic(depth: number, panelCount = 1): Record<string, unknown> {
  let element: Record<string, unknown> = text("leaf");
  for (let level = depth; level >= 1; level--) {
    element = { type: "paneldynamic", name: `level${level}`, panelCount, templateElements: [element] };
  }
  return element;
}

describe("upload lint", () => {
  it.each([
    [
      "a question without a name",
      { pages: [{ name: "p", elements: [text("a"), { type: "text", title: "Age" }] }] },
      { field: "pages[0].elements[1].name", message: 'a question of type "text" needs a name' },
    ],
    [
      "a panel without a name",
      { pages: [{ name: "p", elements: [{ type: "panel", elements: [text("a")] }] }] },
      { field: "pages[0].elements[0].name", message: "a panel needs a name" },
    ],
    [
      "a page without a name",
      { pages: [{ elements: [text("a")] }] },
      { field: "pages[0].name", message: "a page needs a name" },
    ],
    [
      "a question without a name inside a dynamic panel",
      {
        pages: [
          { name: "p", elements: [{ type: "paneldynamic", name: "pd", templateElements: [{ type: "comment" }] }] },
        ],
      },
      { field: "pages[0].elements[0].templateElements[0].name", message: 'a question of type "comment" needs a name' },
    ],
    [
      "a dynamic matrix column without a name",
      {
        pages: [
          { name: "p", elements: [{ type: "matrixdynamic", name: "m", columns: [{ name: "a" }, { title: "B" }] }] },
        ],
      },
      { field: "pages[0].elements[0].columns[1].name", message: 'a column of "m" needs a name' },
    ],
    [
      "a regex validator that backtracks catastrophically",
      { pages: [{ name: "p", elements: [text("code", { validators: [{ type: "regex", regex: "(\\w+\\s?)*$" }] })] }] },
      {
        field: "pages[0].elements[0].validators[0].regex",
        message:
          '"code": the pattern (\\w+\\s?)*$ can backtrack catastrophically (a long answer would take minutes to check)',
      },
    ],
    [
      "a regex validator that is not a regular expression",
      { pages: [{ name: "p", elements: [text("code", { validators: [{ type: "regex", regex: "([a-z" }] })] }] },
      {
        field: "pages[0].elements[0].validators[0].regex",
        message: '"code": the pattern ([a-z is not a regular expression',
      },
    ],
    [
      `dynamic panels nested ${structureLimits.maxDynamicNesting + 1} deep`,
      { pages: [{ name: "p", elements: [dynamic(structureLimits.maxDynamicNesting + 1)] }] },
      {
        field: "pages[0].elements[0].templateElements[0].templateElements[0]",
        message: '"level3": dynamic panels nested 3 deep, at most 2 are allowed',
      },
    ],
    [
      "nested dynamic panels that start with too many panels",
      { pages: [{ name: "p", elements: [dynamic(2, 6)] }] },
      {
        field: "pages[0].elements[0].templateElements[0]",
        message: '"level2": the questionnaire would start with 36 panels or rows here, at most 25 are allowed',
      },
    ],
  ])("refuses %s with 422 naming where", async (_label, json, detail) => {
    const res = await upload("linted", json);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ error: "invalid_questionnaire" });
    expect(res.json().details).toContainEqual(detail);
    expect((await t.app.inject({ url: "/api/questionnaires/linted", headers: evaluator.headers })).statusCode).toBe(
      404,
    );
  });

  it("accepts what stays within the limits: named elements, a safe regex, dynamic panels 2 deep", async () => {
    const json = {
      pages: [
        {
          name: "p",
          elements: [
            text("code", { validators: [{ type: "regex", regex: "^[A-Z]{2}-\\d{4}$" }] }),
            { type: "html", html: "<p>Display-only elements may stay unnamed.</p>" },
            dynamic(structureLimits.maxDynamicNesting, 5),
          ],
        },
      ],
    };
    const res = await upload("within-limits", json);
    expect(res.statusCode, res.body).toBe(201);
  });

  it("stops the start on a file in surveys/ that breaks the rules, naming the file and where", async () => {
    const scratch = await scratchCatalogue();
    try {
      scratch.write("broken.json", { pages: [{ name: "p", elements: [{ type: "text" }] }] });
      await expect(scratch.catalogue.loadDirectory(scratch.database.db, scratch.dir)).rejects.toThrow(
        /broken\.json: The questionnaire cannot be used\n {2}- pages\[0\]\.elements\[0\]\.name: a question of type "text" needs a name/,
      );
    } finally {
      await scratch.close();
    }
  });
});
