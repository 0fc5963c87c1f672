import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { Model } from "survey-core";
import { beforeAll, describe, expect, it } from "vitest";
import { codebookKeys, codebookRows } from "../../../server/reports/codebook.ts";
import {
  answerCells,
  cellValue,
  columnText,
  csvField,
  csvRecord,
  dynamicMeasurer,
  fixedColumnKeys,
  mergeColumnKeys,
  mergedAnswerCells,
  pathKey,
  planAnswerColumns,
  planDynamicSheets,
  xlsxCell,
  xlsxMaxText,
  type AnswerColumn,
} from "../../../server/reports/export-columns.ts";
import {
  scoreCells,
  scoreColumnKeys,
  scoresSheetKeys,
  scoresSheetRow,
  summarizeTrace,
} from "../../../server/reports/export-scores.ts";
import { questionnaireLanguages, textIn } from "../../../server/reports/localized-text.ts";
import { uniqueSheetNames } from "../../../server/reports/sheet-names.ts";
import { scoreResponse } from "../../../server/scoring/score-response.ts";
import { readScoringModel } from "../../../server/scoring/scoring-model.ts";
import { setupSurveyCore } from "../../../server/survey-model/setup-survey-core.ts";

// The pure column planning of the exports: paths, keys, labels, cells, dynamic counts, codebook.

const json = {
  title: { default: "Test", ru: "Тест" },
  scoring: { id: "t", version: "1", dimensions: [{ id: "A", title: { default: "Alpha", ru: "Альфа" } }] },
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "name", title: { default: "Name", ru: "Название" } },
        {
          type: "checkbox",
          name: "groups",
          title: "Groups",
          showOtherItem: true,
          choices: [
            { value: "youth", text: { default: "Youth", ru: "Молодёжь" } },
            { value: "women", text: { default: "Women", ru: "Женщины" } },
          ],
          score: { dimension: "A", rule: "breadth", cuts: [1, 2, 3] },
        },
        { type: "boolean", name: "media", title: "Media contact?", labelTrue: { default: "Yes", ru: "Да" } },
        { type: "text", name: "status", title: "A question named like a fixed column" },
        {
          type: "matrix",
          name: "quality",
          columns: [
            { value: 1, text: "Poor" },
            { value: 2, text: "Good" },
          ],
          rows: [
            { value: "r1", text: "Training" },
            { value: "r2", text: "Outreach" },
          ],
        },
        {
          type: "matrixdropdown",
          name: "mdrop",
          choices: [1, 2, 3],
          columns: [
            { name: "c1", title: "Score" },
            { name: "c2", cellType: "checkbox", choices: ["a", "b"] },
          ],
          rows: ["x"],
        },
        { type: "matrixdynamic", name: "areas", columns: [{ name: "area", cellType: "text" }], rowCount: 0 },
        {
          type: "paneldynamic",
          name: "staff",
          title: "Staff",
          templateElements: [
            { type: "text", name: "who", title: "Who" },
            { type: "matrixdynamic", name: "tasks", columns: [{ name: "task", cellType: "text" }], rowCount: 0 },
          ],
        },
        { type: "multipletext", name: "contact", items: [{ name: "phone" }, { name: "email" }] },
        { type: "html", name: "intro", html: "<p>hi</p>" },
        {
          type: "text",
          name: "OUT1",
          inputType: "number",
          score: { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] },
        },
      ],
    },
  ],
};

let survey: Model;
let scoring: ReturnType<typeof readScoringModel>["model"];

beforeAll(() => {
  setupSurveyCore();
  survey = new Model(json);
  scoring = readScoringModel(survey, json).model;
  expect(scoring).not.toBeNull();
});

const keysOf = (columns: AnswerColumn[]) => columns.map((c) => c.key);

describe("pathKey", () => {
  it.each([
    [["q"], "q"],
    [["matrix", "row"], "matrix.row"],
    [["mdrop", "row", "col"], "mdrop.row.col"],
    [["panel", 0, "q"], "panel[0].q"],
    [["panel", 1, "inner", 2, "c"], "panel[1].inner[2].c"],
    [["q-Comment"], "q-Comment"],
  ])("%j -> %s", (path, key) => expect(pathKey(path)).toBe(key));
});

describe("planAnswerColumns", () => {
  it("walks the questionnaire in page order, one column per answer cell, dynamic ones up to the counts", () => {
    const columns = planAnswerColumns(survey, scoring, {
      dynamicCounts: new Map([
        ["areas", 2],
        ["staff", 1],
        ["staff[].tasks", 2],
      ]),
      reserved: new Set(fixedColumnKeys),
    });
    expect(keysOf(columns)).toEqual([
      "name",
      "groups",
      "groups-Comment",
      "media",
      "q.status",
      "quality.r1",
      "quality.r2",
      "mdrop.x.c1",
      "mdrop.x.c2",
      "areas[0].area",
      "areas[1].area",
      "staff[0].who",
      "staff[0].tasks[0].task",
      "staff[0].tasks[1].task",
      "contact.phone",
      "contact.email",
      "OUT1",
    ]);
    expect(columns.find((c) => c.key === "q.status")!.path).toEqual(["status"]);
    expect(columns.find((c) => c.key === "OUT1")!.scored?.rule).toBe("thresholds");
  });

  it("leaves out top-level dynamic questions for the XLSX responses sheet", () => {
    const keys = keysOf(
      planAnswerColumns(survey, scoring, { flattenDynamic: false, dynamicCounts: new Map([["areas", 3]]) }),
    );
    expect(keys.some((k) => k.startsWith("areas") || k.startsWith("staff"))).toBe(false);
  });

  it("adds a 0/1 column per checkbox choice (matrix cells too), `<path>=<value>`", () => {
    const columns = planAnswerColumns(survey, scoring, { choiceColumns: true });
    const keys = keysOf(columns);
    expect(keys.slice(1, 5)).toEqual(["groups", "groups=youth", "groups=women", "groups=other"]);
    expect(keys).toContain("mdrop.x.c2=a");
    const flag = columns.find((c) => c.key === "groups=women")!;
    expect(cellValue(flag, { groups: ["women", "youth"] })).toBe(1);
    expect(cellValue(flag, { groups: ["youth"] })).toBe(0);
    expect(cellValue(flag, {})).toBeNull();
  });

  it("makes keys unique: a later column with a taken key gets ~2", () => {
    const odd = new Model({
      elements: [
        { type: "matrix", name: "a", rows: ["b"], columns: [1] },
        { type: "text", name: "a.b" },
      ],
    });
    expect(keysOf(planAnswerColumns(odd, null))).toEqual(["a.b", "a.b~2"]);
  });

  it("gives one column to identical copies of a question", () => {
    const copies = new Model({
      elements: [
        { type: "text", name: "q" },
        { type: "text", name: "q" },
      ],
    });
    expect(keysOf(planAnswerColumns(copies, null))).toEqual(["q"]);
  });

  it("turns values into labels in the language asked for, falling back to the default text", () => {
    const columns = planAnswerColumns(survey, scoring, { labelsIn: "ru" });
    const answers = { groups: ["youth", "other"], media: true, quality: { r1: 2 }, name: "Tomo" };
    const cells = Object.fromEntries(columns.map((c) => [c.key, cellValue(c, answers)]));
    expect(cells).toMatchObject({
      groups: "Молодёжь;Другое (пожалуйста, опишите)",
      media: "Да",
      "quality.r1": "Good",
      name: "Tomo",
    });
    const values = planAnswerColumns(survey, scoring);
    expect(answerCells(values, answers).slice(0, 4)).toEqual(["Tomo", "youth;other", null, true]);
  });

  it("writes file answers as their names and unexpected shapes as JSON", () => {
    const column = planAnswerColumns(new Model({ elements: [{ type: "file", name: "f" }] }), null)[0]!;
    expect(
      cellValue(column, { f: [{ name: "a.pdf", type: "application/pdf", content: "data:..." }, { name: "b.png" }] }),
    ).toBe("a.pdf;b.png");
    const text = planAnswerColumns(new Model({ elements: [{ type: "text", name: "t" }] }), null)[0]!;
    expect(cellValue(text, { t: { odd: 1 } })).toBe('{"odd":1}');
    expect(cellValue(text, { t: "" })).toBeNull();
  });

  it("reads the column text in each language", () => {
    const columns = planAnswerColumns(survey, scoring, { dynamicCounts: new Map([["staff", 1]]) });
    expect(
      columnText(
        columns.find((c) => c.key === "name")!,
        "ru",
      ),
    ).toBe("Название");
    expect(
      columnText(
        columns.find((c) => c.key === "name")!,
        "ky",
      ),
    ).toBe("Name");
    expect(
      columnText(
        columns.find((c) => c.key === "quality.r2")!,
        "en",
      ),
    ).toBe("quality — Outreach");
    expect(
      columnText(
        columns.find((c) => c.key === "staff[0].who")!,
        "en",
      ),
    ).toBe("Staff — #1 — Who");
  });
});

describe("dynamic questions", () => {
  it("measures the most panels and rows any response has, nested ones too", () => {
    const measurer = dynamicMeasurer(survey);
    expect(measurer.hasDynamic).toBe(true);
    measurer.measure({ areas: [{}, {}], staff: [{ tasks: [{}] }] });
    measurer.measure({ areas: [{}], staff: [{ tasks: [] }, { tasks: [{}, {}, {}] }] });
    measurer.measure({ name: "no dynamic answers" });
    expect(Object.fromEntries(measurer.counts)).toEqual({ areas: 2, staff: 2, "staff[].tasks": 3 });
    expect(dynamicMeasurer(new Model({ elements: [{ type: "text", name: "q" }] })).hasDynamic).toBe(false);
  });

  it("plans a long sheet per top-level dynamic question, paths relative to one panel or row", () => {
    const sheets = planDynamicSheets(survey, scoring, { dynamicCounts: new Map([["staff[].tasks", 1]]) });
    expect(sheets.map((s) => [s.name, s.type, keysOf(s.columns)])).toEqual([
      ["areas", "matrixdynamic", ["area"]],
      ["staff", "paneldynamic", ["who", "tasks[0].task"]],
    ]);
    const staff = sheets[1]!;
    expect(answerCells(staff.columns, { who: "Aida", tasks: [{ task: "hotline" }] })).toEqual(["Aida", "hotline"]);
  });
});

describe("several versions in one export", () => {
  it("keeps the newest version's order and appends columns only older versions have", () => {
    const v2 = planAnswerColumns(
      new Model({
        elements: [
          { type: "text", name: "a" },
          { type: "text", name: "c" },
        ],
      }),
      null,
    );
    const v1 = planAnswerColumns(
      new Model({
        elements: [
          { type: "text", name: "a" },
          { type: "text", name: "b" },
        ],
      }),
      null,
    );
    const keys = mergeColumnKeys([v2, v1]);
    expect(keys).toEqual(["a", "c", "b"]);
    expect(mergedAnswerCells(keys, new Map(v1.map((c) => [c.key, c])), { a: 1, b: 2, c: 3 })).toEqual([1, null, 2]);
  });
});

describe("cell formats", () => {
  it.each([
    [null, ""],
    [true, "true"],
    [false, "false"],
    [0.1 + 0.2, "0.30000000000000004"],
    [2.5714285714285716, "2.5714285714285716"],
    ['text, with "quotes"', 'text, with "quotes"'],
    // Formula injection (OWASP): text a spreadsheet would run gets a leading ', a number written as text does not.
    ["=1+1", "'=1+1"],
    ["+cmd", "'+cmd"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["-12.5", "-12.5"],
    ["+996555", "+996555"],
    ["a=1", "a=1"],
    [-12.5, "-12.5"],
  ])("csvField(%j) = %j", (value, text) => expect(csvField(value)).toBe(text));

  it.each([-0, 1e21, 1e-7, -12.5, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE])(
    "csvField(%s) is the number's own text",
    (n) => expect(csvField(n)).toBe(String(n)),
  );

  // csv-stringify with a CRLF record delimiter leaves a lone \n or \r unquoted unless told otherwise, which splits a
  // multi-line comment across rows in Excel; the export quotes every line break.
  it("writes records as csv-stringify does with line breaks quoted: quotes, separators, Cyrillic, empty cells", () => {
    const records = [
      ["response_id", "organization", "P1", "score_overall"],
      [1, 'NGO "Ak-Jol", Bishkek', "line one\nline two", 2.5714285714285716],
      [2, "Кыргызстан ң ө ү", "carriage\rreturn", null],
      [3, "", "crlf\r\nend", true],
      [4, '"', ",", false],
      [5, " spaced ", "=1+1", 0],
    ];
    const expected = stringify(
      records.map((r) => r.map(csvField)),
      { record_delimiter: "\r\n", quote_record_delimiter: true },
    );
    const text = records.map(csvRecord).join("");
    expect(text).toBe(expected);
    expect((parse(text) as string[][])[1]?.[2]).toBe("line one\nline two");
  });

  it("cuts text to what an Excel cell holds", () => {
    expect(xlsxCell("x".repeat(xlsxMaxText))).toHaveLength(xlsxMaxText);
    const cut = xlsxCell("x".repeat(xlsxMaxText + 10)) as string;
    expect(cut).toHaveLength(xlsxMaxText);
    expect(cut.endsWith("…")).toBe(true);
    expect(xlsxCell(3)).toBe(3);
  });
});

describe("score columns", () => {
  it("names the levels of both bases and fills them from the traces, full precision", () => {
    const trace = scoreResponse(scoring!, { groups: ["youth", "women"], OUT1: 9 }, { basis: "self" });
    expect(scoreColumnKeys(["A"])).toEqual(["score_overall", "score_A", "score_self_overall", "score_self_A"]);
    expect(scoreCells(["A", "B"], null, summarizeTrace(trace))).toEqual([
      null,
      null,
      null,
      trace.overall.level,
      trace.dimensions[0]!.level,
      null,
    ]);
    const row = scoresSheetRow(["A"], { id: 5, organization: "Tomo" }, summarizeTrace(trace));
    expect(Object.fromEntries(scoresSheetKeys(["A"]).map((k, i) => [k, row[i]]))).toMatchObject({
      response_id: 5,
      basis: "self",
      overall_status: "scored",
      A_status: "scored",
      A_level: 3,
    });
  });
});

describe("codebook", () => {
  it("describes each column in each language, with choices and the scoring rule", () => {
    const columns = planAnswerColumns(survey, scoring);
    const languages = questionnaireLanguages(survey.getUsedLocales());
    expect(languages).toEqual(["en", "ru"]);
    const keys = codebookKeys(languages);
    const rows = codebookRows([{ sheet: "responses", fixed: ["response_id"], columns }], scoring, languages).map((r) =>
      Object.fromEntries(keys.map((k, i) => [k, r[i]])),
    );
    expect(rows[0]).toMatchObject({ column: "response_id", type: "fixed" });
    expect(rows.find((r) => r.column === "groups")).toMatchObject({
      question: "groups",
      type: "checkbox",
      text_en: "Groups",
      choices_en: "youth = Youth\nwomen = Women\nother = Other (describe)",
      choices_ru: "youth = Молодёжь\nwomen = Женщины\nother = Другое (пожалуйста, опишите)",
      scoring: "dimension A; breadth cuts [1,2,3]; weight 1",
    });
    expect(rows.find((r) => r.column === "A_level")).toMatchObject({
      sheet: "scores",
      text_en: "Alpha",
      text_ru: "Альфа",
    });
  });
});

describe("texts and sheet names", () => {
  it.each([
    [{ default: "Hello", ru: "Привет" }, "ru", "Привет"],
    [{ default: "Hello", ru: "Привет" }, "ky", "Hello"],
    [{ en: "Hi" }, "ru", "Hi"],
    ["plain", "ru", "plain"],
    [null, "en", ""],
  ])("textIn(%j, %s) = %s", (source, lang, text) => expect(textIn(source, lang)).toBe(text));

  it("makes Excel-safe, unique sheet names", () => {
    expect(
      uniqueSheetNames(
        ["members", "Scores", "a/b:c?", "x".repeat(40), "x".repeat(40), "History", "'quoted'"],
        ["responses", "scores", "codebook"],
      ),
    ).toEqual(["members", "Scores (2)", "a_b_c_", "x".repeat(31), `${"x".repeat(27)} (2)`, "History (2)", "quoted"]);
  });
});
