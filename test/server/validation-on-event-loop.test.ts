import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { answeredShare } from "../../server/survey-model/answered-share.ts";
import { lintQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import { validateAnswers } from "../../server/survey-model/validate-answers.ts";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";
import { generateAnswers } from "../helpers/generate-answers.ts";

// Answers that a version's plan accepts are settled on the event loop once the version's model is on the main thread
// (scoring builds it), when the plan runs no regular expression; everything else goes to the survey workers. The
// catalogue here has a 1 ms budget, which no worker meets (starting a thread and compiling a version take far
// longer): a 503 shows that an answer set went to a worker, an outcome that it did not.

const plan = (json: unknown) => {
  const linted = lintQuestionnaire(json);
  if (!linted.ok) throw new Error(JSON.stringify(linted.issues));
  return linted.questionnaire.plan!;
};
const oneText = (question: Record<string, unknown>) => ({
  pages: [{ name: "p", elements: [{ type: "text", name: "q", ...question }] }],
});

describe("which plans the event loop may run", () => {
  it("those whose checks test no regular expression on an answer", () => {
    expect(plan(oneText({})).safeOnEventLoop).toBe(true);
    expect(plan(oneText({ inputType: "number", validators: [{ type: "numeric", maxValue: 9 }] })).safeOnEventLoop).toBe(
      true,
    );
    expect(plan(oneText({ validators: [{ type: "expression", expression: "{q} != 'x'" }] })).safeOnEventLoop).toBe(
      true,
    );
    expect(plan(oneText({ validators: [{ type: "text", maxLength: 5 }] })).safeOnEventLoop).toBe(true);
  });

  it("not those that test the questionnaire's pattern, survey-core's email pattern or its no-digits pattern", () => {
    expect(plan(oneText({ validators: [{ type: "regex", regex: "^a+$" }] })).safeOnEventLoop).toBe(false);
    expect(plan(oneText({ validators: [{ type: "email" }] })).safeOnEventLoop).toBe(false);
    expect(plan(oneText({ inputType: "email" })).safeOnEventLoop).toBe(false);
    expect(plan(oneText({ validators: [{ type: "text", allowDigits: false }] })).safeOnEventLoop).toBe(false);
  });
});

describe("a plan's bounds, read once when it is compiled", () => {
  it("still refuse a date or a number outside them, as survey-core does", () => {
    const dates = plan(oneText({ inputType: "date", min: "2000-01-01", max: "2020-12-31" }));
    expect(dates.check({ q: "1999-12-31" }).accepted).toBe(false);
    expect(dates.check({ q: "2010-06-01" }).accepted).toBe(true);
    expect(dates.check({ q: "2021-01-01" }).accepted).toBe(false);
    const numbers = plan(oneText({ inputType: "number", min: 1, max: 5 }));
    expect([0, 1, 5, 6].map((q) => numbers.check({ q }).accepted)).toEqual([false, true, true, false]);
  });
});

describe("answers settled on the event loop", () => {
  let t: TestApp;
  let catalogue: QuestionnaireCatalogue;
  beforeAll(async () => {
    t = await buildTestApp();
    catalogue = new QuestionnaireCatalogue({ validationTimeoutMs: 1 });
  });
  afterAll(async () => {
    await catalogue.close();
    await t.close();
  });

  it("once scoring has built the version's model, valid answers and drafts no longer need a worker", async () => {
    const db = t.database.db;
    const version = await catalogue.latestVersion(db, "ngo-capacity");
    const json = JSON.parse((await catalogue.get(db, "ngo-capacity", version)).json) as Record<string, unknown>;
    const answers = generateAnswers(json, { seed: 11, fill: "all" });
    const draft = Object.fromEntries(Object.entries(answers).slice(0, 10));
    await expect(catalogue.validate(db, "ngo-capacity", version, answers)).rejects.toMatchObject({ statusCode: 503 });

    const model = await catalogue.model(db, "ngo-capacity", version);
    expect(model.plan?.safeOnEventLoop).toBe(true);
    // The same outcome a worker gives (validateAnswers and answeredShare are what a worker runs).
    await expect(catalogue.validate(db, "ngo-capacity", version, answers)).resolves.toEqual(
      validateAnswers(model, answers),
    );
    expect(validateAnswers(model, answers).issues).toEqual([]);
    await expect(catalogue.answeredShare(db, "ngo-capacity", version, draft)).resolves.toEqual(
      answeredShare(model, draft),
    );
    // What the plan cannot accept (here an unknown question) is named by survey-core, in a worker.
    await expect(catalogue.validate(db, "ngo-capacity", version, { ...answers, nope: 1 })).rejects.toMatchObject({
      statusCode: 503,
    });
  });

  it("a version whose plan tests a pattern stays with the workers", async () => {
    const db = t.database.db;
    const stored = await catalogue.register(
      db,
      "pattern-check",
      oneText({ validators: [{ type: "regex", regex: "^a+$" }] }),
      "file",
    );
    const model = await catalogue.model(db, stored.id, stored.version);
    expect(model.plan?.safeOnEventLoop).toBe(false);
    await expect(catalogue.validate(db, stored.id, stored.version, { q: "aaa" })).rejects.toMatchObject({
      statusCode: 503,
    });
  });
});
