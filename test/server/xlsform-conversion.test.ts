import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { scoreResponse } from "../../server/scoring/score-response.ts";
import { lintQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import { readXlsform } from "../../server/xlsform/read-xlsform.ts";
import { convertXlsform } from "../../server/xlsform/to-surveyjs.ts";
import { translateExpression, type ExpressionScope } from "../../server/xlsform/xlsform-expression.ts";
import { formatRule, parseRule } from "../../server/xlsform/xlsform-scoring.ts";
import { setupSurveyCore } from "../../server/survey-model/setup-survey-core.ts";
import { buildXlsx } from "../helpers/xlsform.ts";
import { scoredForm } from "../fixtures/xlsform/scored.ts";

// The pure parts of the XLSForm import: expressions, scoring columns, languages.

const kinds: Record<string, "select_one" | "select_multiple" | "value"> = {
  one: "select_one",
  many: "select_multiple",
};
const scope: ExpressionScope = {
  reference: (name) =>
    ["a", "b", "one", "many", "s"].includes(name) ? { path: name, kind: kinds[name] ?? "value" } : null,
  current: { path: "a", kind: "value" },
};

/** Runs a SurveyJS expression on answers with survey-core itself. */
function run(expression: string, data: Record<string, unknown>): unknown {
  setupSurveyCore();
  const survey = new Model({ elements: [{ type: "text", name: "zz" }] });
  survey.data = data;
  return survey.runExpression(expression);
}

describe("XLSForm expressions as SurveyJS expressions", () => {
  // Each case: the XLSForm expression, answers, and what the XLSForm means for them.
  it.each([
    [". > 3 and . < 10", { a: 5 }, true],
    [". > 3 and . < 10", { a: 10 }, false],
    ["${a} + ${b} * 2 = 7", { a: 1, b: 3 }, true],
    ["(${a} + ${b}) * 2 = 8", { a: 1, b: 3 }, true],
    ["${a} div 4 = 2.5", { a: 10 }, true],
    ["${a} mod 3 = 1", { a: 10 }, true],
    ["-${a} < 0", { a: 2 }, true],
    ["${a} != 2 or ${b} = 1", { a: 2, b: 1 }, true],
    ["not(${a} = 2)", { a: 2 }, false],
    ["${s} = ''", {}, true],
    ["${s} != ''", { s: "x" }, true],
    ["selected(${many}, 'x')", { many: ["y", "x"] }, true],
    ["selected(${many}, 'x')", { many: ["xy"] }, false],
    ["selected(${one}, 'x')", { one: "xy" }, false],
    ["selected(${one}, 'x')", { one: "x" }, true],
    ["count-selected(${many}) = 0", {}, true],
    ["count-selected(${many}) = 2", { many: ["a", "b"] }, true],
    ["string-length(${s}) > 3", { s: "abcd" }, true],
    ["string-length(${s}) = 0", {}, true],
    ["if(${a} > 1, 'big', 'small')", { a: 2 }, "big"],
    ["concat(${a}, '-', ${s})", { a: 1, s: "x" }, "1-x"],
    ["concat(${a}, ${b})", { a: 1, b: 2 }, "12"],
    ["coalesce(${a}, 7)", {}, 7],
    ["coalesce(${a}, 7)", { a: 3 }, 3],
    ["${s} < today()", { s: "2000-01-01" }, true],
    ["true() and not(false())", {}, true],
  ])("%s with %j is %j", (xlsform, data, expected) => {
    expect(run(translateExpression(xlsform, scope), data)).toEqual(expected);
  });

  it.each([
    ["${nobody} = 1", /\$\{nobody\} names no question/],
    ["regex(., '[a-z]')", /regex\(\) has no SurveyJS translation/],
    ["/data/a = 1", /"\/"/],
    ["../a = 1", /parent/],
    ["${a} = ", /ends too early/],
    ["(${a} = 1", /expected "\)"/],
    ["${many} = 'x'", /selected\(\)/],
    ["selected(${many}, ${a})", /literal choice value/],
    ["position(..)", /parent/],
    ["'it''s'", /apostrophe|unexpected/],
    ["${a} | ${b}", /"\|"/],
  ])("refuses %s", (xlsform, message) => {
    expect(() => translateExpression(xlsform, scope)).toThrow(message);
  });
});

describe("scoring columns", () => {
  it.each([
    ["choice", { rule: "choice" }],
    ["likert 1..7 reverse", { rule: "likert", from: 1, to: 7, reverse: true }],
    ["thresholds cuts [50,70,90] lowerIsBetter", { rule: "thresholds", cuts: [50, 70, 90], lowerIsBetter: true }],
    ["thresholds cuts [1,5,15] annualised", { rule: "thresholds", cuts: [1, 5, 15], annualise: true }],
    ["breadth map [1,3,4] exclude [none,dk]", { rule: "breadth", map: [1, 3, 4], exclude: ["none", "dk"] }],
  ])("reads the rule %s as the trace writes it, and writes it back", (text, score) => {
    expect(parseRule(text)).toEqual(score);
    expect(parseRule(formatRule(score))).toEqual(score);
  });

  it.each(["median", "thresholds cuts [a,b]", "likert 1..5 upside-down"])("refuses the rule %s", (text) => {
    expect(() => parseRule(text)).toThrow();
  });

  it("scores a response to a form written entirely in a spreadsheet", async () => {
    const { json } = convertXlsform(await readXlsform(await buildXlsx(scoredForm)));
    const linted = lintQuestionnaire(json);
    if (!linted.ok) throw new Error(JSON.stringify(linted.issues));
    const model = linted.questionnaire.scoring!;
    expect(model.dimensions.map((d) => [d.id, d.weight, d.applicableIf])).toEqual([
      ["PLAN", 1, null],
      ["OUT", 2, "{months} > 0"],
    ]);
    expect(model.minCoverage).toBe(0.5);
    const trace = scoreResponse(
      model,
      { plan: "adopted", budget: "yes", months: 6, campaigns: 3, channels: ["radio", "tv"], satisfaction: 5 },
      { basis: "self" },
    );
    const levels = Object.fromEntries(trace.dimensions.flatMap((d) => d.items.map((i) => [i.question, i.level])));
    // plan: sapat_level 3; budget: yes -> 4; campaigns 3 a half-year -> 6 a year, one cut of [1,5,15] below -> 3;
    // two channels with cuts [1,2,3] -> 3; satisfaction 5 on likert 1..5 -> 4.
    expect(levels).toEqual({ plan: 3, budget: 4, campaigns: 3, channels: 3, satisfaction: 4 });
    expect(trace.dimensions.find((d) => d.id === "PLAN")!.level).toBeCloseTo((3 * 1 + 4 * 2) / 3);
  });
});

describe("languages and settings", () => {
  it("stores the default language as default and the others under their codes", async () => {
    const { json, warnings } = convertXlsform(
      await readXlsform(
        await buildXlsx({
          survey: [
            ["type", "name", "label::English (en)", "label::Русский (ru)", "hint::English (en)", "Relevance"],
            ["start", "start"],
            ["text", "a", "Name", "Имя", "Full name"],
            ["integer", "b", "Age", "Возраст", "", "${a} != ''"],
          ],
          settings: [
            ["form_title", "default_language"],
            ["T", "English (en)"],
          ],
        }),
      ),
    );
    expect(json.title).toBe("T");
    const elements = (json.pages as any[])[0].elements;
    expect(elements[0]).toMatchObject({ title: { default: "Name", ru: "Имя" }, description: "Full name" });
    expect(elements[1].visibleIf).toBe("{a} notempty");
    expect(warnings).toEqual([expect.stringMatching(/row 2: start .*left out/)]);
  });
});
