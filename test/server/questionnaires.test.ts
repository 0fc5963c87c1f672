import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { QuestionnaireFileError } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { lintQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError, fieldsOf, request } from "../helpers/http.ts";
import {
  countQuestions,
  readSurvey,
  scoredQuestionnaire,
  scratchCatalogue,
  surveysDir,
  type ScratchCatalogue,
} from "../helpers/questionnaires.ts";
import { readFixture } from "../helpers/scenario.ts";

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

const upload = (body: unknown) => request(t, "POST", "/api/questionnaires", body, evaluator);
const getOne = (url: string) => request(t, "GET", url, undefined, evaluator);

describe("GET /api/questionnaires", () => {
  it("lists the questionnaires of surveys/ with their summary", async () => {
    const res = await getOne("/api/questionnaires");
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as Array<Record<string, unknown>>;
    const byId = new Map(list.map((q) => [q.id, q]));

    const ngo = readSurvey("ngo-capacity");
    expect(byId.get("ngo-capacity")).toEqual({
      id: "ngo-capacity",
      version: 1,
      title: (ngo.title as { default: string }).default,
      audience: (ngo.audience as string | undefined) ?? null,
      scoring: { id: "ngo-capacity", version: "1" },
      questionCount: countQuestions(ngo),
      publishedAt: expect.any(String),
      publishedBy: null,
    });

    const government = readSurvey("government-interview");
    expect(byId.get("government-interview")).toEqual({
      id: "government-interview",
      version: 1,
      title: expect.any(String),
      audience: (government.audience as string | undefined) ?? null,
      scoring: null,
      questionCount: countQuestions(government),
      publishedAt: expect.any(String),
      publishedBy: null,
    });
    for (const q of list)
      expect(Object.keys(q).sort()).toEqual([
        "audience",
        "id",
        "publishedAt",
        "publishedBy",
        "questionCount",
        "scoring",
        "title",
        "version",
      ]);
  });

  it("counts static panel questions but not dynamic panel templates or matrix cells", async () => {
    const json = {
      title: "Counting",
      pages: [
        {
          name: "p",
          elements: [
            { type: "html", name: "intro", html: "<p>Hello</p>" },
            { type: "text", name: "a" },
            {
              type: "panel",
              name: "box",
              elements: [
                { type: "text", name: "b" },
                { type: "comment", name: "c" },
              ],
            },
            {
              type: "paneldynamic",
              name: "many",
              templateElements: [
                { type: "text", name: "x" },
                { type: "text", name: "y" },
              ],
            },
            { type: "matrixdropdown", name: "grid", rows: ["r1", "r2"], columns: [{ name: "c1" }, { name: "c2" }] },
          ],
        },
      ],
    };
    expect((await upload({ id: "counting", json })).statusCode).toBe(201);
    const list = (await getOne("/api/questionnaires")).json() as Array<{ id: string; questionCount: number }>;
    // a, b, c, many, grid
    expect(list.find((q) => q.id === "counting")?.questionCount).toBe(5);
  });
});

describe("GET /api/questionnaires/:id", () => {
  it("answers the newest version with its JSON exactly as loaded", async () => {
    const res = await getOne("/api/questionnaires/ngo-capacity");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      id: "ngo-capacity",
      version: 1,
      title: expect.any(String),
      json: readSurvey("ngo-capacity"),
    });
    const v1 = await getOne("/api/questionnaires/ngo-capacity?version=1");
    expect(v1.json()).toEqual(body);
  });

  it("answers 404 for an unknown id or version", async () => {
    expectError(await getOne("/api/questionnaires/no-such-questionnaire"), 404, "not_found");
    expectError(await getOne("/api/questionnaires/ngo-capacity?version=99"), 404, "not_found");
  });

  it.each(["0", "abc", "-1", "1.5"])("answers 400 naming version for ?version=%s", async (version) => {
    const error = expectError(
      await getOne(`/api/questionnaires/ngo-capacity?version=${version}`),
      400,
      "invalid_request",
    );
    expect(fieldsOf(error)).toEqual(["version"]);
  });
});

describe("POST /api/questionnaires", () => {
  const first = readFixture("small-survey.json");
  const changed = { ...first, title: "Small test survey, second edition" };

  it("stores new content as version 1, knows it again, and makes changed content version 2", async () => {
    const created = await upload({ id: "small", json: first });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ id: "small", version: 1 });

    const again = await upload({ id: "small", json: first });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ id: "small", version: 1 });
    expect(
      await t.database.db.selectFrom("questionnaires").select("version").where("id", "=", "small").execute(),
    ).toHaveLength(1);

    const second = await upload({ id: "small", json: changed });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toEqual({ id: "small", version: 2 });

    const latest = (await getOne("/api/questionnaires/small")).json();
    expect(latest).toEqual({ id: "small", version: 2, title: "Small test survey, second edition", json: changed });
    // Versions are immutable: the first one is still there, unchanged.
    const old = (await getOne("/api/questionnaires/small?version=1")).json();
    expect(old).toEqual({ id: "small", version: 1, title: "Small test survey", json: first });

    // Known content answers its own version, even when it is not the newest.
    const firstAgain = await upload({ id: "small", json: first });
    expect(firstAgain.statusCode).toBe(200);
    expect(firstAgain.json()).toEqual({ id: "small", version: 1 });

    const list = (await getOne("/api/questionnaires")).json() as Array<{ id: string; version: number }>;
    expect(list.filter((q) => q.id === "small")).toEqual([expect.objectContaining({ id: "small", version: 2 })]);
  });

  it("keeps versions per id: the same content under another id starts at 1", async () => {
    const res = await upload({ id: "small-copy", json: first });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: "small-copy", version: 1 });
  });

  it("accepts a valid scoring model and identical duplicate questions", async () => {
    const res = await upload({ id: "scored-ok", json: scoredQuestionnaire() });
    expect(res.statusCode, res.body).toBe(201);
    const twin = { type: "text", name: "same", title: "Same" };
    const duplicated = {
      pages: [
        { name: "a", elements: [twin] },
        { name: "b", elements: [twin] },
      ],
    };
    const dup = await upload({ id: "identical-twins", json: duplicated });
    expect(dup.statusCode, dup.body).toBe(201);
  });

  const invalid: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      "an unknown question type",
      { pages: [{ name: "p", elements: [{ type: "slidr", name: "q" }] }] },
      "pages[0].elements[0].type",
      /unknown question type "slidr"/,
    ],
    [
      "an unknown matrix cell type",
      {
        pages: [
          {
            name: "p",
            elements: [{ type: "matrixdropdown", name: "m", rows: ["r"], columns: [{ name: "c", cellType: "nope" }] }],
          },
        ],
      },
      "pages[0].elements[0].columns[0].cellType",
      /unknown cell type "nope"/,
    ],
    [
      "duplicate question names with different definitions",
      {
        pages: [
          { name: "a", elements: [{ type: "text", name: "dup" }] },
          { name: "b", elements: [{ type: "text", name: "dup", inputType: "number" }] },
        ],
      },
      "dup",
      /duplicate question name "dup"/,
    ],
    [
      "duplicate names inside a dynamic panel",
      {
        elements: [
          {
            type: "paneldynamic",
            name: "pd",
            templateElements: [
              { type: "text", name: "x" },
              { type: "comment", name: "x" },
            ],
          },
        ],
      },
      "pd.x",
      /duplicate question name "x"/,
    ],
    ["no pages or elements", { title: "Empty" }, "json.pages", /pages or elements/],
    [
      "scoring with an unknown dimension",
      scoredQuestionnaire({ dimension: "ZZ", rule: "choice" }),
      "q1.score.dimension",
      /unknown dimension "ZZ"/,
    ],
    [
      "scoring with an unknown rule",
      scoredQuestionnaire({ dimension: "A", rule: "magic" }),
      "q1.score.rule",
      /unknown rule "magic"/,
    ],
    [
      "cuts that are not ascending",
      scoredQuestionnaire(
        { dimension: "A", rule: "thresholds", cuts: [5, 3, 10] },
        { type: "text", name: "q1", inputType: "number" },
      ),
      "q1.score.cuts",
      /strictly ascending/,
    ],
    [
      "a choice level of 5",
      scoredQuestionnaire(
        { dimension: "A", rule: "choice" },
        {
          type: "radiogroup",
          name: "q1",
          choices: [
            { value: "low", level: 1 },
            { value: "high", level: 5 },
          ],
        },
      ),
      "q1.score.rule",
      /level 5, outside 1\.\.4/,
    ],
    [
      "an unparsable applicableIf",
      scoredQuestionnaire({ dimension: "A", rule: "choice", applicableIf: "{q0} anyof ['x'" }),
      "q1.score.applicableIf",
      /cannot be parsed/,
    ],
    [
      "an unparsable dimension applicableIf",
      { ...scoredQuestionnaire(), scoring: { id: "s", version: "1", dimensions: [{ id: "A", applicableIf: "((" }] } },
      "scoring.dimensions[0].applicableIf",
      /cannot be parsed/,
    ],
    [
      "a score without a scoring model",
      {
        pages: [
          {
            name: "p",
            elements: [{ type: "radiogroup", name: "q1", choices: [1, 2], score: { dimension: "A", rule: "choice" } }],
          },
        ],
      },
      "scoring",
      /no "scoring" model/,
    ],
  ];

  it.each(invalid)(
    "answers 422 invalid_questionnaire for %s and stores nothing",
    async (_case, json, field, message) => {
      const before = await countRows(t, "questionnaires");
      const error = expectError(await upload({ id: "broken", json }), 422, "invalid_questionnaire");
      expect(error.details).toContainEqual({ field, message: expect.stringMatching(message) });
      expect(await countRows(t, "questionnaires")).toBe(before);
      expectError(await getOne("/api/questionnaires/broken"), 404, "not_found");
    },
  );

  it("reports every problem of a questionnaire at once", async () => {
    const json = {
      scoring: { id: "s", version: "1", dimensions: [{ id: "A" }] },
      pages: [
        {
          name: "p",
          elements: [
            { type: "radiogroup", name: "q1", choices: [1, 2, 3, 4], score: { dimension: "B", rule: "choice" } },
            {
              type: "text",
              name: "q2",
              inputType: "number",
              score: { dimension: "A", rule: "thresholds", cuts: [3, 1] },
            },
          ],
        },
      ],
    };
    const error = expectError(await upload({ id: "broken", json }), 422, "invalid_questionnaire");
    expect(fieldsOf(error)).toEqual(["q1.score.dimension", "q2.score.cuts"]);
  });

  it.each([
    ["uppercase letters", "Small"],
    ["spaces", "small survey"],
    ["a path", "../small"],
    ["a leading dash", "-small"],
    ["an empty string", ""],
    ["65 characters", "a".repeat(65)],
  ])("answers 400 naming id for an id with %s", async (_case, id) => {
    const before = await countRows(t, "questionnaires");
    const error = expectError(await upload({ id, json: first }), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(["id"]);
    expect(await countRows(t, "questionnaires")).toBe(before);
  });

  it.each([
    ["no json", { id: "nojson" }, ["json"]],
    ["json as an array", { id: "arr", json: [first] }, ["json"]],
    ["json as a string", { id: "str", json: JSON.stringify(first) }, ["json"]],
    ["no id", { json: first }, ["id"]],
    ["an unknown field", { id: "extra", json: first, draft: true }, ["draft"]],
  ])("answers 400 naming the field for a body with %s", async (_case, body, fields) => {
    const before = await countRows(t, "questionnaires");
    const error = expectError(await upload(body), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(fields);
    expect(await countRows(t, "questionnaires")).toBe(before);
  });

  it("answers 400 for a body that is not JSON at all", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/questionnaires",
      payload: "{ not json",
      headers: { ...evaluator.headers, "content-type": "application/json" },
    });
    expectError(res, 400, "invalid_request");
  });
});

describe("every questionnaire in surveys/", () => {
  const files = fs.readdirSync(surveysDir).filter((f) => f.endsWith(".json"));

  it("includes the two questionnaires the product ships with", () => {
    expect(files).toEqual(expect.arrayContaining(["ngo-capacity.json", "government-interview.json"]));
  });

  it.each(files)("%s passes lint", (file) => {
    const result = lintQuestionnaire(JSON.parse(fs.readFileSync(path.join(surveysDir, file), "utf8")));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe("QuestionnaireCatalogue.loadDirectory", () => {
  let scratch: ScratchCatalogue;
  afterEach(async () => scratch?.close());

  async function loadError(file: string, content: unknown): Promise<QuestionnaireFileError> {
    scratch = await scratchCatalogue();
    scratch.write("aaa-fine.json", readFixture("small-survey.json"));
    scratch.write(file, content);
    const error = await scratch.catalogue.loadDirectory(scratch.database.db, scratch.dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QuestionnaireFileError);
    return error as QuestionnaireFileError;
  }

  const badFiles: Array<[string, unknown, RegExp]> = [
    ["invalid JSON", '{ "pages": [ ', /not valid JSON/],
    [
      "an unknown question type",
      { pages: [{ name: "p", elements: [{ type: "slidr", name: "q" }] }] },
      /pages\[0\]\.elements\[0\]\.type: element "q" has unknown question type "slidr"/,
    ],
    [
      "duplicate names",
      {
        pages: [
          {
            name: "p",
            elements: [
              { type: "text", name: "q" },
              { type: "boolean", name: "q" },
            ],
          },
        ],
      },
      /q: duplicate question name "q"/,
    ],
    [
      "an unknown dimension",
      scoredQuestionnaire({ dimension: "NOPE", rule: "choice" }),
      /q1\.score\.dimension: unknown dimension "NOPE"/,
    ],
    [
      "an unknown rule",
      scoredQuestionnaire({ dimension: "A", rule: "average" }),
      /q1\.score\.rule: unknown rule "average"/,
    ],
    [
      "cuts not ascending",
      scoredQuestionnaire(
        { dimension: "A", rule: "thresholds", cuts: [1, 1] },
        { type: "text", name: "q1", inputType: "number" },
      ),
      /q1\.score\.cuts: cuts must be strictly ascending/,
    ],
    [
      "a level outside 1..4",
      scoredQuestionnaire(
        { dimension: "A", rule: "choice" },
        { type: "radiogroup", name: "q1", choices: [{ value: "a", level: 0 }] },
      ),
      /q1\.score\.rule: choice "a" has level 0, outside 1\.\.4/,
    ],
  ];

  it.each(badFiles)("stops with the file's name and the reason for %s", async (_case, content, reason) => {
    const error = await loadError("zzz-broken.json", content);
    expect(error.message).toMatch(/^zzz-broken\.json: /);
    expect(error.message).toMatch(reason);
  });

  it("creates no new version when the same directory is loaded twice, and version 2 when a file changes", async () => {
    scratch = await scratchCatalogue();
    const json = readFixture("small-survey.json");
    scratch.write("small.json", json);
    scratch.write("other.json", scoredQuestionnaire());

    const first = await scratch.catalogue.loadDirectory(scratch.database.db, scratch.dir);
    expect(first).toEqual([
      { id: "other", version: 1, created: true },
      { id: "small", version: 1, created: true },
    ]);
    const second = await scratch.catalogue.loadDirectory(scratch.database.db, scratch.dir);
    expect(second).toEqual([
      { id: "other", version: 1, created: false },
      { id: "small", version: 1, created: false },
    ]);
    const rows = () =>
      scratch.database.db
        .selectFrom("questionnaires")
        .select(["id", "version", "source"])
        .orderBy("id")
        .orderBy("version")
        .execute();
    expect(await rows()).toHaveLength(2);

    scratch.write("small.json", { ...json, title: "Changed" });
    const third = await scratch.catalogue.loadDirectory(scratch.database.db, scratch.dir);
    expect(third).toEqual([
      { id: "other", version: 1, created: false },
      { id: "small", version: 2, created: true },
    ]);
    expect(await rows()).toEqual([
      { id: "other", version: 1, source: "file" },
      { id: "small", version: 1, source: "file" },
      { id: "small", version: 2, source: "file" },
    ]);
    expect(await scratch.catalogue.latestVersion(scratch.database.db, "small")).toBe(2);
    expect(JSON.parse((await scratch.catalogue.get(scratch.database.db, "small", 1)).json)).toEqual(json);
  });

  it("names a file whose name is not a valid id", async () => {
    const error = await loadError("Bad Name.json", readFixture("small-survey.json"));
    expect(error.message).toMatch(/^Bad Name\.json: /);
    expect(error.message).toMatch(/id: must be/);
  });
});
