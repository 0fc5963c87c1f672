import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildEvaluationSummary,
  describeSummaryQuestions,
  summarizeQuestions,
  type SummaryQuestion,
  type SummaryResponse,
} from "../../../server/scoring/summary.ts";
import { lintQuestionnaire } from "../../../server/survey-model/lint-questionnaire.ts";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

function surveyOf(json: Record<string, unknown>) {
  const result = lintQuestionnaire(json);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.questionnaire.survey;
}

const questions: SummaryQuestion[] = [
  { name: "staff", type: "number" },
  { name: "budget", type: "number" },
  { name: "kind", type: "choice", choices: ["ngo", "cbo", "other"] },
  { name: "services", type: "choice", choices: ["hotline", "legal", "shelter"] },
];

describe("summarizeQuestions", () => {
  it("describes numbers and choices", () => {
    const summaries = summarizeQuestions(questions, [
      { staff: 4, kind: "ngo", services: ["hotline", "legal"] },
      { staff: 10, kind: "ngo", services: ["legal"] },
      { staff: 1, kind: "cbo", services: [] },
      { staff: 7, services: ["legal", "shelter", "mobile"] },
      { staff: "dk", kind: "" },
    ]);
    expect(summaries).toEqual([
      // even count: the median is the mean of 4 and 7
      { name: "staff", type: "number", n: 4, sum: 22, mean: 5.5, median: 5.5, min: 1, max: 10 },
      { name: "budget", type: "number", n: 0, sum: 0, mean: null, median: null, min: null, max: null },
      { name: "kind", type: "choice", n: 3, counts: { ngo: 2, cbo: 1, other: 0 } },
      { name: "services", type: "choice", n: 3, counts: { hotline: 1, legal: 3, shelter: 1, mobile: 1 } },
    ]);
  });

  it.each([
    [[5], 5],
    [[9, 1, 5], 5],
    [[3, 1], 2],
    [[4, 1, 3, 2], 2.5],
  ])("median of %j is %d", (values, median) => {
    const [summary] = summarizeQuestions(
      [{ name: "x", type: "number" }],
      values.map((x) => ({ x })),
    );
    expect(summary).toMatchObject({ median, n: values.length });
  });

  it("counts booleans and numeric choice values by their text", () => {
    const summaries = summarizeQuestions(
      [
        { name: "b", type: "choice", choices: [true, false] },
        { name: "r", type: "choice" },
      ],
      [
        { b: true, r: 1 },
        { b: false, r: 1 },
        { b: true, r: 3 },
      ],
    );
    expect(summaries).toEqual([
      { name: "b", type: "choice", n: 3, counts: { true: 2, false: 1 } },
      { name: "r", type: "choice", n: 3, counts: { "1": 2, "3": 1 } },
    ]);
  });
});

describe("buildEvaluationSummary", () => {
  const responses: SummaryResponse[] = [
    {
      region: "osh",
      orgType: "ngo",
      answers: { staff: 4, kind: "ngo", services: ["hotline"] },
      submittedAt: "2025-01-01",
    },
    {
      region: "osh",
      orgType: "ngo",
      answers: { staff: 6, kind: "cbo", services: ["legal"] },
      submittedAt: "2025-01-02",
    },
    { region: null, orgType: "ngo", answers: { staff: 2, services: ["hotline", "legal"] }, submittedAt: "2025-01-03" },
    { region: "osh", orgType: "ngo", answers: { staff: 100 }, submittedAt: null },
  ];

  it("summarises every submitted response in one group by default", () => {
    const { groups } = buildEvaluationSummary({ questions, responses });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: "all", responses: 3 });
    expect(groups[0]?.questions[0]).toEqual({
      name: "staff",
      type: "number",
      n: 3,
      sum: 12,
      mean: 4,
      median: 4,
      min: 2,
      max: 6,
    });
  });

  it("groups like the scores", () => {
    const byRegion = buildEvaluationSummary({ questions, responses, groupBy: "region" }).groups;
    expect(byRegion.map((g) => [g.key, g.responses])).toEqual([
      ["osh", 2],
      [null, 1],
    ]);
    const byService = buildEvaluationSummary({ questions, responses, groupBy: "q:services" }).groups;
    expect(byService.map((g) => [g.key, g.responses])).toEqual([
      ["hotline", 2],
      ["legal", 2],
    ]);
    expect(byService[0]?.questions[2]).toEqual({
      name: "kind",
      type: "choice",
      n: 1,
      counts: { ngo: 1, cbo: 0, other: 0 },
    });
  });

  it("answers no group for an empty evaluation grouped by region, and one empty group for all", () => {
    expect(buildEvaluationSummary({ questions, responses: [], groupBy: "region" }).groups).toEqual([]);
    const [all] = buildEvaluationSummary({ questions, responses: [] }).groups;
    expect(all?.responses).toBe(0);
    expect(all?.questions[0]).toMatchObject({ n: 0, sum: 0, mean: null, median: null, min: null, max: null });
  });
});

describe("describeSummaryQuestions", () => {
  it("picks numbers and choices from a questionnaire", () => {
    const survey = surveyOf({
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "title" },
            { type: "text", name: "staff", inputType: "number" },
            { type: "rating", name: "mood" },
            { type: "rating", name: "grade", rateValues: ["low", "high"] },
            { type: "radiogroup", name: "kind", choices: ["ngo", "cbo"], showOtherItem: true },
            { type: "checkbox", name: "services", choices: ["a", "b"], showNoneItem: true },
            { type: "boolean", name: "registered" },
            { type: "comment", name: "notes" },
            { type: "panel", name: "panel", elements: [{ type: "dropdown", name: "region", choices: ["osh"] }] },
            { type: "paneldynamic", name: "staffList", templateElements: [{ type: "text", name: "who" }] },
          ],
        },
      ],
    });
    expect(describeSummaryQuestions(survey)).toEqual([
      { name: "staff", type: "number" },
      { name: "mood", type: "number" },
      { name: "grade", type: "choice", choices: ["low", "high"] },
      { name: "kind", type: "choice", choices: ["ngo", "cbo", "other"] },
      { name: "services", type: "choice", choices: ["a", "b", "none"] },
      { name: "registered", type: "choice", choices: [true, false] },
      { name: "region", type: "choice", choices: ["osh"] },
    ]);
  });

  it("describes the NGO questionnaire", () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, "surveys", "ngo-capacity.json"), "utf8"));
    const described = describeSummaryQuestions(surveyOf(json));
    const byName = new Map(described.map((q) => [q.name, q]));
    expect(byName.get("OUT1")).toEqual({ name: "OUT1", type: "number" });
    expect(byName.get("P7")?.type).toBe("choice");
    expect(byName.get("FIN5")?.choices).toEqual([1, 2, 3, 4, "dk"]);
    expect(byName.get("CON4")?.type).toBe("number");
    expect(byName.has("P8")).toBe(false);
  });
});
