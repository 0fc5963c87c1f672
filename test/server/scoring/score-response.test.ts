import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bandOf, score100Of } from "../../../server/scoring/bands.ts";
import {
  scoreBothBases,
  scoreResponse,
  type DimensionTrace,
  type ItemTrace,
  type ScoreOptions,
  type ScoreTrace,
} from "../../../server/scoring/score-response.ts";
import type { ScoringModel } from "../../../server/scoring/scoring-model.ts";
import { visibleQuestionNames } from "../../../server/survey-model/visible-questions.ts";
import {
  checkbox,
  choiceDimensions,
  levels,
  lintScored,
  number,
  questionnaire,
  type Element,
} from "./scoring-fixtures.ts";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

function dimension(trace: ScoreTrace, id: string): DimensionTrace {
  const found = trace.dimensions.find((d) => d.id === id);
  if (!found) throw new Error(`no dimension ${id}`);
  return found;
}

function item(trace: ScoreTrace, question: string): ItemTrace {
  for (const d of trace.dimensions) for (const i of d.items) if (i.question === question) return i;
  throw new Error(`no item ${question}`);
}

// ---- the worked example of docs/scoring.md ----

const workedExample = questionnaire(
  ["OUT", "VAS", "FIN"],
  [
    number("OUT1", { dimension: "OUT", rule: "thresholds", cuts: [1, 5, 15] }),
    number("OUT2", { dimension: "OUT", rule: "thresholds", cuts: [1, 150, 600] }),
    number("OUT3", { dimension: "OUT", rule: "thresholds", cuts: [100, 1000, 5000] }),
    checkbox("OUT4", ["pupils", "youth", "migrants", "women", "officials", "other"], {
      dimension: "OUT",
      rule: "breadth",
      cuts: [1, 2, 4],
    }),
    {
      type: "radiogroup",
      name: "OUT5",
      choices: [
        { value: "never", level: 1 },
        { value: "yearly", level: 2 },
        { value: "quarterly", level: 3 },
        { value: "monthly", level: 4 },
      ],
      score: { dimension: "OUT", rule: "choice" },
    },
    checkbox("VAS1", ["hotline", "legal", "psychological", "medical", "shelter", "none"], {
      dimension: "VAS",
      rule: "breadth",
      cuts: [1, 3, 5],
    }),
    number("VAS2", { dimension: "VAS", rule: "thresholds", cuts: [1, 50, 300] }),
    number("VAS3", { dimension: "VAS", weight: 0.5, rule: "thresholds", cuts: [1, 3, 10] }),
    levels("VAS4", { dimension: "VAS", rule: "choice" }),
    levels("VAS5", { dimension: "VAS", rule: "choice" }),
    number("FIN1", { dimension: "FIN", rule: "thresholds", cuts: [2, 3, 5] }),
    number("FIN2", { dimension: "FIN", rule: "thresholds", cuts: [50, 70, 90], lowerIsBetter: true }),
    checkbox("FIN3", ["government", "business", "donations", "none"], {
      dimension: "FIN",
      rule: "breadth",
      cuts: [1, 2, 3],
    }),
    levels("FIN4", { dimension: "FIN", rule: "choice" }),
    levels("FIN5", { dimension: "FIN", rule: "choice" }, ["dk"]),
  ],
);

const workedAnswers = {
  OUT1: 9,
  OUT2: 410,
  OUT3: 2500,
  OUT4: ["youth", "migrants", "women"],
  OUT5: "yearly",
  VAS1: ["hotline", "legal", "psychological"],
  VAS2: 140,
  VAS3: 2,
  VAS4: 3,
  FIN1: 2,
  FIN2: 85,
  FIN3: ["government"],
  FIN4: 3,
  FIN5: "dk",
};

describe("the worked example of docs/scoring.md", () => {
  const { scoring } = lintScored(workedExample);
  const self = scoreResponse(scoring, workedAnswers, { basis: "self", verified: { VAS4: 2 } });
  const verified = scoreResponse(scoring, workedAnswers, { basis: "verified", verified: { VAS4: 2 } });

  it("scores OUT 2.80 (60.0, Expanding) with the item levels of the example", () => {
    const out = dimension(verified, "OUT");
    expect(out.items.map((i) => i.level)).toEqual([3, 3, 3, 3, 2]);
    expect(out.level).toBeCloseTo(2.8, 10);
    expect(out.score100).toBeCloseTo(60, 10);
    expect(out.band).toBe("Expanding");
    expect(out).toMatchObject({ status: "scored", coverage: 1, answered: 5, applicable: 5 });
    expect(out).toMatchObject({ answeredWeight: 5, applicableWeight: 5 });
    expect(out.items[0]).toEqual({
      question: "OUT1",
      status: "answered",
      value: 9,
      rule: "thresholds cuts [1,5,15]",
      level: 3,
      weight: 1,
      contribution: 0.6,
    });
  });

  it("scores VAS 2.857 self and 2.571 verified, coverage 0.778", () => {
    const selfVas = dimension(self, "VAS");
    const verifiedVas = dimension(verified, "VAS");
    expect(selfVas.items.map((i) => i.level)).toEqual([3, 3, 2, 3, null]);
    expect(selfVas.level).toBeCloseTo(2.857, 3);
    expect(verifiedVas.level).toBeCloseTo(2.571, 3);
    expect(verifiedVas.coverage).toBeCloseTo(0.778, 3);
    expect(verifiedVas).toMatchObject({ status: "scored", answeredWeight: 3.5, applicableWeight: 4.5 });
    expect(item(verified, "VAS4")).toMatchObject({ level: 2, value: 3, verified: { level: 2 } });
    expect(item(self, "VAS4")).not.toHaveProperty("verified");
    expect(item(verified, "VAS5")).toMatchObject({ status: "missing", level: null, reason: "no answer" });
    expect(item(verified, "VAS3").contribution).toBeCloseTo((0.5 * 2) / 3.5, 10);
  });

  it("scores FIN 2.25 with coverage 0.8 (FIN5 don't know)", () => {
    const fin = dimension(verified, "FIN");
    expect(fin.items.map((i) => i.level)).toEqual([2, 2, 2, 3, null]);
    expect(fin.level).toBeCloseTo(2.25, 10);
    expect(fin.coverage).toBeCloseTo(0.8, 10);
    expect(item(verified, "FIN5")).toMatchObject({ status: "dont_know", reason: "don't know", value: "dk" });
    expect(item(verified, "FIN2").rule).toBe("thresholds cuts [50,70,90] lowerIsBetter");
  });

  it("scores the verified overall 2.540 (51.3, Expanding), weakest FIN", () => {
    expect(verified.overall.level).toBeCloseTo(2.54, 3);
    expect(verified.overall.score100).toBeCloseTo(51.3, 1);
    expect(verified.overall).toMatchObject({
      status: "scored",
      band: "Expanding",
      coverage: 1,
      weakest: "FIN",
      criticalGaps: [],
    });
    expect(self.overall.level).toBeCloseTo((2.8 + 10 / 3.5 + 2.25) / 3, 10);
    expect(verified).toMatchObject({ basis: "verified", scoringId: "scoring-test", scoringVersion: "1" });
  });

  it("keeps full precision", () => {
    expect(dimension(verified, "VAS").level).toBe(9 / 3.5);
    expect(verified.overall.level).toBe((2.8 + 9 / 3.5 + 2.25) / 3);
  });

  it("computes both bases at once", () => {
    const both = scoreBothBases(scoring, workedAnswers, { verified: { VAS4: 2 } });
    expect(both.self).toEqual(self);
    expect(both.verified).toEqual(verified);
  });
});

// ---- rules ----

/** Scores one question (dimension A, minItems 1) and returns its item trace. */
function scoreOne(
  element: Element,
  answers: Record<string, unknown>,
  options: Partial<ScoreOptions> = {},
  scoringExtra: Record<string, unknown> = {},
  extraElements: Element[] = [],
): ItemTrace {
  const { scoring } = lintScored(questionnaire(["A"], [...extraElements, element], { minItems: 1, ...scoringExtra }));
  return item(scoreResponse(scoring, answers, { basis: "self", ...options }), element.name as string);
}

const ratedChoices = {
  type: "radiogroup",
  name: "q",
  choices: [{ value: "monthly", level: 4 }, { value: "never", level: 1 }, { value: "sometimes", level: 2.5 }, "other"],
};

describe("rules: answer -> level", () => {
  const cases: Array<[string, Element, unknown, number | null, string?]> = [
    ["choice: numeric value", levels("q", { dimension: "A", rule: "choice" }), 3, 3, "choice"],
    ["choice: numeric value as text", levels("q", { dimension: "A", rule: "choice" }), "2", 2],
    ["choice: the choice's level", { ...ratedChoices, score: { dimension: "A", rule: "choice" } }, "monthly", 4],
    ["choice: a fractional level", { ...ratedChoices, score: { dimension: "A", rule: "choice" } }, "sometimes", 2.5],
    [
      "choice: a dropdown with levels",
      { ...ratedChoices, type: "dropdown", score: { dimension: "A", rule: "choice" } },
      "never",
      1,
    ],
    [
      "choice: a rating 1..4",
      { type: "rating", name: "q", rateMin: 1, rateMax: 4, score: { dimension: "A", rule: "choice" } },
      2,
      2,
    ],
    [
      "choice: a rating with rateValues and levels",
      {
        type: "rating",
        name: "q",
        rateValues: [
          { value: "low", level: 1 },
          { value: "high", level: 4 },
        ],
        score: { dimension: "A", rule: "choice" },
      },
      "high",
      4,
    ],
    [
      "likert 1..5: 1 -> 1",
      { type: "rating", name: "q", score: { dimension: "A", rule: "likert" } },
      1,
      1,
      "likert 1..5",
    ],
    ["likert 1..5: 5 -> 4", { type: "rating", name: "q", score: { dimension: "A", rule: "likert" } }, 5, 4],
    ["likert 1..5: 3 -> 2.5", { type: "rating", name: "q", score: { dimension: "A", rule: "likert" } }, 3, 2.5],
    ["likert 1..5: 2 -> 1.75", { type: "rating", name: "q", score: { dimension: "A", rule: "likert" } }, 2, 1.75],
    [
      "likert reverse: 2 -> 5 - 1.75",
      { type: "rating", name: "q", score: { dimension: "A", rule: "likert", reverse: true } },
      2,
      3.25,
      "likert 1..5 reverse",
    ],
    [
      "likert 0..10: 5 -> 2.5",
      {
        type: "rating",
        name: "q",
        rateMin: 0,
        rateMax: 10,
        score: { dimension: "A", rule: "likert", from: 0, to: 10 },
      },
      5,
      2.5,
      "likert 0..10",
    ],
    [
      "likert on a radiogroup",
      { type: "radiogroup", name: "q", choices: [1, 2, 3, 4, 5], score: { dimension: "A", rule: "likert" } },
      4,
      3.25,
    ],
    [
      "boolean true -> 4",
      { type: "boolean", name: "q", score: { dimension: "A", rule: "boolean" } },
      true,
      4,
      "boolean",
    ],
    ["boolean false -> 1", { type: "boolean", name: "q", score: { dimension: "A", rule: "boolean" } }, false, 1],
    [
      'boolean "yes" -> 4',
      {
        type: "radiogroup",
        name: "q",
        choices: ["yes", "no"],
        score: { dimension: "A", rule: "boolean" },
      },
      "yes",
      4,
    ],
    [
      'boolean "no" -> 1',
      { type: "radiogroup", name: "q", choices: ["yes", "no"], score: { dimension: "A", rule: "boolean" } },
      "no",
      1,
    ],
    ["thresholds: below every cut", number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] }), 0, 1],
    ["thresholds: a cut counts when <= x", number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] }), 1, 2],
    ["thresholds: between cuts", number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] }), 4.9, 2],
    ["thresholds: on the middle cut", number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] }), 5, 3],
    ["thresholds: on the top cut", number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] }), 15, 4],
    ["thresholds: above every cut", number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15] }), 900, 4],
    ["thresholds: one cut", number("q", { dimension: "A", rule: "thresholds", cuts: [10] }), 10, 2],
    [
      "lowerIsBetter: below every cut -> 4",
      number("q", { dimension: "A", rule: "thresholds", cuts: [50, 70, 90], lowerIsBetter: true }),
      10,
      4,
      "thresholds cuts [50,70,90] lowerIsBetter",
    ],
    [
      "lowerIsBetter: on the first cut -> 3",
      number("q", { dimension: "A", rule: "thresholds", cuts: [50, 70, 90], lowerIsBetter: true }),
      50,
      3,
    ],
    [
      "lowerIsBetter: 85 -> 2",
      number("q", { dimension: "A", rule: "thresholds", cuts: [50, 70, 90], lowerIsBetter: true }),
      85,
      2,
    ],
    [
      "lowerIsBetter: above every cut -> 1",
      number("q", { dimension: "A", rule: "thresholds", cuts: [50, 70, 90], lowerIsBetter: true }),
      100,
      1,
    ],
    [
      "breadth cuts: one selected",
      checkbox("q", ["a", "b", "c", "d", "none", "other"], { dimension: "A", rule: "breadth", cuts: [1, 2, 4] }),
      ["a"],
      2,
      "breadth cuts [1,2,4]",
    ],
    [
      "breadth cuts: three selected",
      checkbox("q", ["a", "b", "c", "d", "none", "other"], { dimension: "A", rule: "breadth", cuts: [1, 2, 4] }),
      ["a", "b", "c"],
      3,
    ],
    [
      'breadth: ["none"] is a real answer with k = 0',
      checkbox("q", ["a", "b", "c", "d", "none", "other"], { dimension: "A", rule: "breadth", cuts: [1, 2, 4] }),
      ["none"],
      1,
    ],
    [
      'breadth: "other" is excluded by default',
      checkbox("q", ["a", "b", "c", "d", "none", "other"], { dimension: "A", rule: "breadth", cuts: [1, 2, 4] }),
      ["a", "other"],
      2,
    ],
    [
      "breadth: na and dk next to real values are ignored",
      checkbox("q", ["a", "b", "na", "dk"], { dimension: "A", rule: "breadth", cuts: [1, 2, 4] }),
      ["na", "a", "dk", "b"],
      3,
    ],
    [
      "breadth: a custom exclude",
      checkbox("q", ["a", "b", "none", "other"], {
        dimension: "A",
        rule: "breadth",
        cuts: [1, 2, 4],
        exclude: ["none"],
      }),
      ["a", "other"],
      3,
      "breadth cuts [1,2,4] exclude [none]",
    ],
    [
      "breadth map: k = 0",
      checkbox("q", ["a", "b", "c", "d", "none"], { dimension: "A", rule: "breadth", map: [1, 3, 4] }),
      ["none"],
      1,
      "breadth map [1,3,4]",
    ],
    [
      "breadth map: k = 1",
      checkbox("q", ["a", "b", "c", "d", "none"], { dimension: "A", rule: "breadth", map: [1, 3, 4] }),
      ["b"],
      3,
    ],
    [
      "breadth map: k beyond the map takes its last level",
      checkbox("q", ["a", "b", "c", "d", "none"], { dimension: "A", rule: "breadth", map: [1, 3, 4] }),
      ["a", "b", "c", "d"],
      4,
    ],
    [
      "breadth map with exclude",
      checkbox("q", ["a", "b", "c", "x"], { dimension: "A", rule: "breadth", map: [1, 2, 3, 4], exclude: ["x"] }),
      ["a", "x"],
      2,
    ],
  ];

  it.each(cases)("%s", (_name, element, value, level, rule) => {
    const trace = scoreOne(element, { q: value });
    expect(trace).toMatchObject({ status: "answered", value, level });
    expect(trace).not.toHaveProperty("reason");
    if (rule !== undefined) expect(trace.rule).toBe(rule);
  });

  const unscorable: Array<[string, Element, unknown, string]> = [
    [
      "choice: a value without a level",
      { ...ratedChoices, score: { dimension: "A", rule: "choice" } },
      "other",
      'no level for answer "other"',
    ],
    [
      "likert: outside from..to",
      { type: "rating", name: "q", rateMax: 6, score: { dimension: "A", rule: "likert" } },
      6,
      "answer 6 is outside 1..5",
    ],
    [
      "thresholds: text in a number question",
      number("q", { dimension: "A", rule: "thresholds", cuts: [1] }),
      "many",
      'answer "many" is not a number',
    ],
    [
      "boolean: neither yes nor no",
      { type: "radiogroup", name: "q", choices: ["yes", "no", "maybe"], score: { dimension: "A", rule: "boolean" } },
      "maybe",
      'answer "maybe" is not yes or no',
    ],
  ];

  it.each(unscorable)(
    "an answer the rule cannot turn into a level is missing, not a score: %s",
    (_n, el, value, reason) => {
      expect(scoreOne(el, { q: value })).toMatchObject({ status: "missing", level: null, reason });
    },
  );
});

describe("annualise", () => {
  const months = number("months", {});
  delete months.score;
  const annualised = number("q", { dimension: "A", rule: "thresholds", cuts: [1, 5, 15], annualise: true });
  const cases: Array<[string, unknown, number | null, string, string?]> = [
    ["6 months doubles the count (9 -> 18)", 6, 4, "thresholds cuts [1,5,15] annualised x12/6"],
    ["12 months keeps it (9)", 12, 3, "thresholds cuts [1,5,15] annualised x12/12"],
    ["24 months halves it (9 -> 4.5)", 24, 2, "thresholds cuts [1,5,15] annualised x12/24"],
    ["missing months -> missing", undefined, null, "thresholds cuts [1,5,15] annualised", "no reporting period"],
    ["zero months -> missing", 0, null, "thresholds cuts [1,5,15] annualised", "no reporting period"],
    ["negative months -> missing", -3, null, "thresholds cuts [1,5,15] annualised", "no reporting period"],
  ];
  it.each(cases)("%s", (_name, period, level, rule, reason) => {
    const trace = scoreOne(annualised, { q: 9, months: period }, {}, { periodMonths: "months" }, [months]);
    expect(trace.level).toBe(level);
    expect(trace.rule).toBe(rule);
    expect(trace.status).toBe(level === null ? "missing" : "answered");
    expect(trace.reason).toBe(reason);
  });
});

// ---- statuses ----

describe("answer status", () => {
  const radio = levels("q", { dimension: "A", rule: "choice" }, ["na", "dk"]);
  const box = checkbox("q", ["a", "b", "none", "na", "dk"], { dimension: "A", rule: "breadth", cuts: [1, 2, 4] });
  const cases: Array<[string, Element, unknown, ItemTrace["status"], string | undefined]> = [
    ["no answer", radio, undefined, "missing", "no answer"],
    ["null", radio, null, "missing", "no answer"],
    ["empty text", number("q", { dimension: "A", rule: "thresholds", cuts: [1] }), "", "missing", "no answer"],
    ['"na"', radio, "na", "not_applicable", "not applicable: answered n/a"],
    ['"dk"', radio, "dk", "dont_know", "don't know"],
    ["checkbox []", box, [], "missing", "no answer"],
    ['checkbox ["na"]', box, ["na"], "not_applicable", "not applicable: answered n/a"],
    ['checkbox ["dk"]', box, ["dk"], "dont_know", "don't know"],
    ['checkbox ["na", "dk"]: nothing else remains', box, ["na", "dk"], "missing", "no answer"],
    ['checkbox ["dk", "a"]: dk is ignored', box, ["dk", "a"], "answered", undefined],
    ['checkbox ["none"]: a real answer', box, ["none"], "answered", undefined],
  ];
  it.each(cases)("%s", (_name, element, value, status, reason) => {
    const trace = scoreOne(element, { q: value });
    expect(trace.status).toBe(status);
    expect(trace.reason).toBe(reason);
    if (status !== "answered") expect(trace).toMatchObject({ level: null, contribution: null });
    expect(trace.value).toBe(value === undefined ? null : value);
  });

  it("an item whose applicableIf is false is not applicable, whatever its answer", () => {
    const element = levels("q", { dimension: "A", rule: "choice", applicableIf: "{gate} = 'yes'" });
    const gate = { type: "radiogroup", name: "gate", choices: ["yes", "no"] };
    expect(scoreOne(element, { gate: "no", q: 3 }, {}, {}, [gate])).toMatchObject({
      status: "not_applicable",
      level: null,
      reason: "not applicable: applicableIf false",
      value: 3,
    });
    expect(scoreOne(element, { gate: "yes", q: 3 }, {}, {}, [gate])).toMatchObject({ status: "answered", level: 3 });
    expect(scoreOne(element, {}, {}, {}, [gate]).status).toBe("not_applicable");
  });

  it("an invisible question is not applicable", () => {
    const element = levels("q", { dimension: "A", rule: "choice" });
    expect(scoreOne(element, {}, { isVisible: (q) => q !== "q" })).toMatchObject({
      status: "not_applicable",
      reason: "not applicable: question not shown",
    });
    expect(scoreOne(element, {}, { isVisible: () => true })).toMatchObject({ status: "missing" });
  });

  it("a dimension whose applicableIf is false makes all its items not applicable", () => {
    const model = choiceDimensions({ A: 2, B: 2 }, {}, { B: { applicableIf: "{A1} >= 3" } });
    const trace = scoreResponse(model, { A1: 2, A2: 2, B1: 4, B2: 4 }, { basis: "self" });
    const b = dimension(trace, "B");
    expect(b).toMatchObject({
      status: "not_applicable",
      level: null,
      score100: null,
      band: null,
      coverage: null,
      answered: 0,
      applicable: 0,
    });
    expect(b.items.map((i) => [i.status, i.reason])).toEqual([
      ["not_applicable", "not applicable: dimension applicableIf false"],
      ["not_applicable", "not applicable: dimension applicableIf false"],
    ]);
    expect(trace.overall).toMatchObject({ status: "scored", level: 2, coverage: 1 });
    expect(dimension(scoreResponse(model, { A1: 3, A2: 2, B1: 4, B2: 4 }, { basis: "self" }), "B").level).toBe(4);
  });
});

// ---- roll-up ----

describe("dimension coverage", () => {
  const five = choiceDimensions({ A: 5 });
  const cases: Array<[string, ScoringModel, Record<string, unknown>, string, number | null, number | null]> = [
    ["3 of 5 answered: coverage 0.6 is enough", five, { A1: 1, A2: 2, A3: 3 }, "scored", 2, 0.6],
    ["2 of 5 answered: coverage 0.4 is not", five, { A1: 1, A2: 2 }, "insufficient_data", null, 0.4],
    [
      "dk counts in the denominator",
      five,
      { A1: 4, A2: 4, A3: "dk", A4: "dk", A5: "dk" },
      "insufficient_data",
      null,
      0.4,
    ],
    ["n/a leaves the denominator", five, { A1: 4, A2: 2, A3: "na", A4: "na" }, "scored", 3, 2 / 3],
    [
      "all n/a: not applicable",
      five,
      { A1: "na", A2: "na", A3: "na", A4: "na", A5: "na" },
      "not_applicable",
      null,
      null,
    ],
    ["nothing answered", five, {}, "insufficient_data", null, 0],
    [
      "minItems: coverage by weight is enough but one item is not",
      lintScored(
        questionnaire(
          ["A"],
          [
            levels("A1", { dimension: "A", rule: "choice", weight: 3 }),
            levels("A2", { dimension: "A", rule: "choice" }),
            levels("A3", { dimension: "A", rule: "choice" }),
          ],
        ),
      ).scoring,
      { A1: 4 },
      "insufficient_data",
      null,
      0.6,
    ],
    [
      "minItems 1 scores that same answer",
      lintScored(
        questionnaire(
          ["A"],
          [
            levels("A1", { dimension: "A", rule: "choice", weight: 3 }),
            levels("A2", { dimension: "A", rule: "choice" }),
            levels("A3", { dimension: "A", rule: "choice" }),
          ],
          { minItems: 1 },
        ),
      ).scoring,
      { A1: 4 },
      "scored",
      4,
      0.6,
    ],
    [
      "minItems is capped by the applicable items: 1 applicable, 1 answered",
      five,
      { A1: 3, A2: "na", A3: "na", A4: "na", A5: "na" },
      "scored",
      3,
      1,
    ],
    [
      "a custom minCoverage of 0.8",
      choiceDimensions({ A: 5 }, { minCoverage: 0.8 }),
      { A1: 1, A2: 2, A3: 3 },
      "insufficient_data",
      null,
      0.6,
    ],
  ];
  it.each(cases)("%s", (_name, model, answers, status, level, coverage) => {
    const a = dimension(scoreResponse(model, answers, { basis: "self" }), "A");
    expect(a.status).toBe(status);
    expect(a.level).toBe(level);
    if (coverage === null) expect(a.coverage).toBeNull();
    else expect(a.coverage).toBeCloseTo(coverage, 10);
    if (status !== "scored") {
      expect(a).toMatchObject({ score100: null, band: null });
      expect(a.items.every((i) => i.contribution === null)).toBe(true);
    } else {
      const total = a.items.reduce((sum, i) => sum + (i.contribution ?? 0), 0);
      expect(total).toBeCloseTo(level as number, 10);
    }
  });

  it("weights the mean and the coverage by item weight", () => {
    const { scoring } = lintScored(
      questionnaire(
        ["A"],
        [
          levels("A1", { dimension: "A", rule: "choice", weight: 2 }),
          levels("A2", { dimension: "A", rule: "choice", weight: 1 }),
          levels("A3", { dimension: "A", rule: "choice", weight: 1 }),
        ],
      ),
    );
    const a = dimension(scoreResponse(scoring, { A1: 4, A2: 1 }, { basis: "self" }), "A");
    expect(a).toMatchObject({ status: "scored", level: 3, answered: 2, applicable: 3 });
    expect(a).toMatchObject({ answeredWeight: 3, applicableWeight: 4, coverage: 0.75 });
    expect(a.items.map((i) => i.contribution)).toEqual([8 / 3, 1 / 3, null]);
  });
});

describe("overall", () => {
  const four = choiceDimensions({ A: 2, B: 2, C: 2, D: 2 });
  const scored = { A1: 4, A2: 4, B1: 3, B2: 3, C1: 2, C2: 2 };

  it("3 of 4 dimensions scored reaches minOverallCoverage 0.75", () => {
    const trace = scoreResponse(four, scored, { basis: "self" });
    expect(dimension(trace, "D").status).toBe("insufficient_data");
    expect(trace.overall).toMatchObject({ status: "scored", level: 3, band: "Expanding" });
    expect(trace.overall.score100).toBeCloseTo(200 / 3, 10);
    expect(trace.overall.coverage).toBe(0.75);
  });

  it("2 of 4 is incomplete, yet weakest and criticalGaps are reported", () => {
    const trace = scoreResponse(four, { A1: 4, A2: 4, C1: 1, C2: 2 }, { basis: "self" });
    expect(trace.overall).toEqual({
      status: "incomplete",
      level: null,
      score100: null,
      band: null,
      coverage: 0.5,
      weakest: "C",
      criticalGaps: ["C"],
    });
  });

  it("a not applicable dimension leaves the denominator", () => {
    const model = choiceDimensions({ A: 2, B: 2 }, {}, { B: { applicableIf: "{A1} = 1" } });
    const trace = scoreResponse(model, { A1: 4, A2: 2 }, { basis: "self" });
    expect(trace.overall).toMatchObject({ status: "scored", level: 3, coverage: 1 });
  });

  it("no applicable dimension at all is not applicable, coverage null", () => {
    const trace = scoreResponse(
      four,
      Object.fromEntries(
        ["A", "B", "C", "D"].flatMap((d) => [
          [`${d}1`, "na"],
          [`${d}2`, "na"],
        ]),
      ),
      {
        basis: "self",
      },
    );
    expect(trace.overall).toEqual({
      status: "not_applicable",
      level: null,
      score100: null,
      band: null,
      coverage: null,
      weakest: null,
      criticalGaps: [],
    });
  });

  it("nothing answered is incomplete with no weakest", () => {
    expect(scoreResponse(four, {}, { basis: "self" }).overall).toMatchObject({
      status: "incomplete",
      coverage: 0,
      weakest: null,
      criticalGaps: [],
    });
  });

  it("weights dimensions by their weight", () => {
    const model = choiceDimensions({ A: 2, B: 2 }, {}, { A: { weight: 3 } });
    const trace = scoreResponse(model, { A1: 4, A2: 4, B1: 2, B2: 2 }, { basis: "self" });
    expect(trace.overall.level).toBe(3.5);
  });

  it("a lower minOverallCoverage scores with fewer dimensions", () => {
    const model = choiceDimensions({ A: 2, B: 2 }, { minOverallCoverage: 0.5 });
    expect(scoreResponse(model, { A1: 4, A2: 4 }, { basis: "self" }).overall).toMatchObject({
      status: "scored",
      level: 4,
      coverage: 0.5,
    });
  });

  it("weakest ties go to the first dimension in order", () => {
    const trace = scoreResponse(four, { A1: 3, A2: 3, B1: 2, B2: 2, C1: 4, C2: 4, D1: 2, D2: 2 }, { basis: "self" });
    expect(trace.overall.weakest).toBe("B");
  });

  it("criticalGaps lists the scored dimensions below 1.75, in order; 1.75 itself is not one", () => {
    const trace = scoreResponse(four, { A1: 1, A2: 2, B1: 1, B2: 1, C1: 4, C2: 4, D1: 2, D2: 2 }, { basis: "self" });
    // A = 1.5, B = 1, C = 4, D = 2
    expect(trace.overall).toMatchObject({ weakest: "B", criticalGaps: ["A", "B"] });
    const { scoring } = lintScored(
      questionnaire(["A"], [{ type: "rating", name: "L", score: { dimension: "A", rule: "likert" } }], { minItems: 1 }),
    );
    const edge = scoreResponse(scoring, { L: 2 }, { basis: "self" });
    expect(edge.dimensions[0]?.level).toBe(1.75);
    expect(edge.overall).toMatchObject({ band: "Emerging", criticalGaps: [] });
  });
});

describe("bands and score100", () => {
  const cases: Array<[number, string, number]> = [
    [1, "Nascent", 0],
    [1.7499, "Nascent", 24.996666666666666],
    [1.75, "Emerging", 25],
    [2.4999, "Emerging", 49.99666666666667],
    [2.5, "Expanding", 50],
    [3.2499, "Expanding", 74.99666666666667],
    [3.25, "Mature", 75],
    [4, "Mature", 100],
  ];
  it.each(cases)("level %d is %s, score100 %d", (level, band, score) => {
    expect(bandOf(level)).toBe(band);
    expect(score100Of(level)).toBeCloseTo(score, 10);
  });
});

// ---- verified basis ----

describe("verified basis", () => {
  const model = choiceDimensions({ A: 4 }, { minItems: 1 }, { A: { applicableIf: "{A1} <> 'na'" } });
  const cases: Array<[string, Record<string, unknown>, Record<string, number>, ItemTrace["status"], number | null]> = [
    ["replaces the self level of an answered item", { A1: 3 }, { A1: 1 }, "answered", 1],
    ["makes a missing item answered", { A1: 3 }, { A2: 2 }, "answered", 2],
    ["makes a don't-know item answered", { A1: 3, A2: "dk" }, { A2: 4 }, "answered", 4],
    ["does not make an n/a item answered", { A1: 3, A2: "na" }, { A2: 4 }, "not_applicable", null],
  ];
  it.each(cases)("%s", (_name, answers, verified, status, level) => {
    const [question] = Object.keys(verified) as [string];
    const v = item(scoreResponse(model, answers, { basis: "verified", verified }), question);
    expect(v).toMatchObject({ status, level, verified: { level: verified[question] } });
    expect(v.value).toBe(answers[question] ?? null);
    const self = item(scoreResponse(model, answers, { basis: "self", verified }), question);
    expect(self).not.toHaveProperty("verified");
    expect(self.level).toBe(question === "A1" ? 3 : null);
  });

  it("does not make an item of a not applicable dimension answered", () => {
    const trace = scoreResponse(model, { A1: "na" }, { basis: "verified", verified: { A2: 4, A3: 4 } });
    expect(trace.dimensions[0]).toMatchObject({ status: "not_applicable", answered: 0 });
    expect(trace.overall.status).toBe("not_applicable");
  });

  it("does not make an invisible question answered", () => {
    const trace = scoreResponse(
      model,
      { A1: 3 },
      { basis: "verified", verified: { A2: 4 }, isVisible: (q) => q !== "A2" },
    );
    expect(item(trace, "A2")).toMatchObject({ status: "not_applicable", reason: "not applicable: question not shown" });
  });

  it("equals self where nothing is verified", () => {
    const answers = { A1: 3, A2: 2, A3: "dk" };
    const self = scoreResponse(model, answers, { basis: "self" });
    expect(scoreResponse(model, answers, { basis: "verified" })).toEqual({ ...self, basis: "verified" });
    expect(scoreResponse(model, answers, { basis: "verified", verified: {} })).toEqual({ ...self, basis: "verified" });
  });

  it("lets verified levels lift a dimension over the coverage threshold", () => {
    const five = choiceDimensions({ A: 5 });
    const answers = { A1: 2, A2: 2, A3: "dk" };
    expect(scoreResponse(five, answers, { basis: "self" }).dimensions[0]?.status).toBe("insufficient_data");
    const verified = scoreResponse(five, answers, { basis: "verified", verified: { A3: 4 } }).dimensions[0];
    expect(verified).toMatchObject({ status: "scored", level: 8 / 3, answered: 3 });
  });
});

// ---- the real questionnaire ----

describe("surveys/ngo-capacity.json", () => {
  const json = JSON.parse(fs.readFileSync(path.join(root, "surveys", "ngo-capacity.json"), "utf8"));
  const answers = JSON.parse(fs.readFileSync(path.join(root, "test", "fixtures", "ngo-capacity-answers.json"), "utf8"));
  const { scoring, survey } = lintScored(json);

  it("scores every one of its 9 dimensions from a full answer set", () => {
    const shown = visibleQuestionNames(survey, null, answers);
    const trace = scoreResponse(scoring, answers, { basis: "verified", isVisible: (q) => shown.has(q) });
    expect(trace.dimensions.map((d) => d.id)).toEqual(["OUT", "VAS", "GOV", "MED", "TOT", "HR", "FIN", "NET", "CON"]);
    for (const d of trace.dimensions) {
      expect(d.status, d.id).toBe("scored");
      expect(d.level, d.id).toBeGreaterThanOrEqual(1);
      expect(d.level, d.id).toBeLessThanOrEqual(4);
    }
    expect(trace.overall).toMatchObject({ status: "scored", coverage: 1 });
    expect(trace.overall.level).toBeCloseTo(trace.dimensions.reduce((sum, d) => sum + (d.level as number), 0) / 9, 10);
    expect(item(trace, "FIN5").status).toBe("dont_know");
    // 6 trainings in 12 months with cuts [1, 4, 10]
    expect(item(trace, "TOT2")).toMatchObject({ level: 3, rule: "thresholds cuts [1,4,10] annualised x12/12" });
    expect(item(trace, "NET1")).toMatchObject({ level: 4, rule: "breadth map [1,3,4]" });
    expect(item(trace, "CON4")).toMatchObject({ level: 3.25, rule: "likert 1..5" });
  });

  it("treats the questions a response does not show as not applicable", () => {
    const narrow = { ...answers, P7: ["outreach"], TOT1: 0 };
    const shown = visibleQuestionNames(survey, null, narrow);
    expect(shown.has("VAS1")).toBe(false);
    expect(shown.has("GOV4")).toBe(false);
    expect(shown.has("TOT2")).toBe(false);
    expect(shown.has("TOT4")).toBe(true);
    const trace = scoreResponse(scoring, narrow, { basis: "self", isVisible: (q) => shown.has(q) });
    expect(dimension(trace, "VAS").status).toBe("not_applicable");
    expect(item(trace, "VAS1").reason).toBe("not applicable: dimension applicableIf false");
    expect(item(trace, "GOV4")).toMatchObject({
      status: "not_applicable",
      reason: "not applicable: applicableIf false",
    });
    expect(item(trace, "TOT3").status).toBe("answered"); // OUT1 > 0 keeps it applicable
    expect(item(trace, "TOT2").status).toBe("not_applicable");
    expect(trace.overall.status).toBe("scored");
  });

  it("leaves the reusable survey model empty", () => {
    visibleQuestionNames(survey, null, answers);
    expect(survey.data).toEqual({});
  });

  it("finds a question invisible through its own visibleIf when no applicableIf says so", () => {
    const shown = visibleQuestionNames(survey, null, { ...answers, P3: "ngo" });
    expect(shown.has("P3_other")).toBe(false);
    expect(visibleQuestionNames(survey, null, answers).has("P3_other")).toBe(true);
  });
});
