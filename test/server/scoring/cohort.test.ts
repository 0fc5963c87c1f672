import { describe, expect, it } from "vitest";
import {
  buildEvaluationScores,
  cohortStats,
  groupOrganizations,
  itemHeatmap,
  latestPerOrganization,
  parseGroupBy,
  quantile,
  wholeLevel,
  type ScoredResponseInput,
} from "../../../server/scoring/cohort.ts";
import { scoreResponse } from "../../../server/scoring/score-response.ts";
import { lintScored, questionnaire } from "./scoring-fixtures.ts";

const scored = (...levels: number[]) => levels.map((level) => ({ status: "scored", level }));

describe("cohortStats", () => {
  it("computes the statistics of a group by hand", () => {
    // sorted 1.5, 2, 3, 3.5: mean 2.5; deviations -1, -0.5, 0.5, 1 -> sum of squares 2.5 / 3
    const stats = cohortStats([
      ...scored(3, 1.5, 3.5, 2),
      { status: "insufficient_data", level: null },
      { status: "incomplete", level: null },
      { status: "not_applicable", level: null },
    ]);
    expect(stats).toEqual({
      n: 4,
      insufficient: 2,
      notApplicable: 1,
      suppressed: false,
      mean: 2.5,
      median: 2.5,
      sd: Math.sqrt(2.5 / 3),
      min: 1.5,
      max: 3.5,
      p25: 1.875, // numpy.percentile([1.5, 2, 3, 3.5], 25): position 0.75 between 1.5 and 2
      p75: 3.125, // position 2.25 between 3 and 3.5
      bands: { Nascent: 1, Emerging: 1, Expanding: 1, Mature: 1 },
    });
  });

  const cases: Array<[string, number[], Partial<ReturnType<typeof cohortStats>>]> = [
    ["odd count: median is the middle value", [4, 1, 2], { median: 2, mean: 7 / 3, p25: 1.5, p75: 3 }],
    ["five values", [1, 2, 2.5, 3, 4], { median: 2.5, p25: 2, p75: 3, sd: Math.sqrt(5 / 4) }],
    ["equal values", [2, 2, 2], { sd: 0, p25: 2, p75: 2, bands: { Nascent: 0, Emerging: 3, Expanding: 0, Mature: 0 } }],
    [
      "band edges",
      [1.74, 1.75, 2.5, 3.25],
      { bands: { Nascent: 1, Emerging: 1, Expanding: 1, Mature: 1 }, min: 1.74, max: 3.25 },
    ],
  ];
  it.each(cases)("%s", (_name, levels, expected) => {
    const stats = cohortStats(scored(...levels));
    for (const [key, value] of Object.entries(expected)) {
      if (typeof value === "number") expect(stats[key as keyof typeof stats], key).toBeCloseTo(value, 12);
      else expect(stats[key as keyof typeof stats], key).toEqual(value);
    }
  });

  it("suppresses a group of fewer than 3 scored organisations, band counts included", () => {
    const stats = cohortStats([...scored(2, 3), { status: "insufficient_data", level: null }]);
    expect(stats).toEqual({
      n: 2,
      insufficient: 1,
      notApplicable: 0,
      suppressed: true,
      mean: null,
      median: null,
      sd: null,
      min: null,
      max: null,
      p25: null,
      p75: null,
      bands: null,
    });
  });

  it("suppresses an empty group", () => {
    expect(cohortStats([])).toMatchObject({ n: 0, suppressed: true, mean: null, bands: null });
  });

  it("takes a configurable group size", () => {
    expect(cohortStats(scored(1, 2, 3, 4), { minGroupSize: 5 }).suppressed).toBe(true);
    const one = cohortStats(scored(2.2), { minGroupSize: 1 });
    expect(one).toMatchObject({ n: 1, suppressed: false, mean: 2.2, median: 2.2, sd: null, min: 2.2, p25: 2.2 });
    expect(one.bands).toEqual({ Nascent: 0, Emerging: 1, Expanding: 0, Mature: 0 });
  });

  it("interpolates percentiles as numpy does", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(sorted, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(sorted, 0.75)).toBeCloseTo(7.75, 12);
    expect(quantile(sorted, 0.5)).toBeCloseTo(5.5, 12);
  });
});

describe("groupOrganizations", () => {
  const members = [
    { id: 1, region: "osh", orgType: "ngo", answers: { P7: ["hotline", "outreach"], OUT5: 3 } },
    { id: 2, region: "bishkek", orgType: null, answers: { P7: ["outreach"], OUT5: 1 } },
    { id: 3, region: null, orgType: "ngo", answers: { P7: [] } },
    { id: 4, region: "osh", orgType: "", answers: { OUT5: 3 } },
  ];
  const keyed = (groups: ReturnType<typeof groupOrganizations<(typeof members)[number]>>) =>
    groups.map((g) => [g.key, g.members.map((m) => m.id)]);

  const cases: Array<[string, Parameters<typeof groupOrganizations>[1], unknown[]]> = [
    ["all", "all", [["all", [1, 2, 3, 4]]]],
    [
      "region, no region last as null",
      "region",
      [
        ["bishkek", [2]],
        ["osh", [1, 4]],
        [null, [3]],
      ],
    ],
    [
      "orgType, empty text is no answer",
      "orgType",
      [
        ["ngo", [1, 3]],
        [null, [2, 4]],
      ],
    ],
    [
      "a checkbox counts an organisation in each group it ticked; [] is no answer",
      "q:P7",
      [
        ["hotline", [1]],
        ["outreach", [1, 2]],
        [null, [3, 4]],
      ],
    ],
    [
      "a radiogroup keeps its values",
      "q:OUT5",
      [
        [1, [2]],
        [3, [1, 4]],
        [null, [3]],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, groupBy, expected) => {
    expect(keyed(groupOrganizations(members, groupBy))).toEqual(expected);
  });

  it("orders keys by keyOrder first", () => {
    const groups = groupOrganizations(members, "q:P7", { keyOrder: ["outreach", "hotline"] });
    expect(groups.map((g) => g.key)).toEqual(["outreach", "hotline", null]);
  });

  it("parses groupBy", () => {
    expect(parseGroupBy(undefined)).toBe("all");
    expect(parseGroupBy("region")).toBe("region");
    expect(parseGroupBy("q:P7")).toBe("q:P7");
    expect(parseGroupBy("q:")).toBeNull();
    expect(parseGroupBy("district")).toBeNull();
  });
});

describe("latestPerOrganization", () => {
  it("keeps the latest submitted response of each organisation and drops drafts", () => {
    const picked = latestPerOrganization([
      { organizationId: "a", responseId: 1, submittedAt: "2025-03-01T10:00:00.000Z" },
      { organizationId: "b", responseId: 2, submittedAt: null },
      { organizationId: "a", responseId: 3, submittedAt: "2025-03-02T10:00:00.000Z" },
      { organizationId: "c", responseId: 4, submittedAt: "2025-03-02T10:00:00.000Z" },
      { organizationId: "a", responseId: 5, submittedAt: "2025-03-01T23:00:00.000Z" },
      { organizationId: "c", responseId: 6, submittedAt: "2025-03-02T10:00:00.000Z" },
    ]);
    expect(picked.map((r) => r.responseId)).toEqual([3, 6]);
  });
});

// A small model: dimension A of two radiogroups 1..4 and one likert rating, dimension B of two radiogroups.
const { scoring: model } = lintScored(
  questionnaire(
    ["A", "B"],
    [
      { type: "radiogroup", name: "A1", choices: [1, 2, 3, 4], score: { dimension: "A", rule: "choice" } },
      { type: "rating", name: "A2", score: { dimension: "A", rule: "likert" } },
      { type: "radiogroup", name: "B1", choices: [1, 2, 3, 4], score: { dimension: "B", rule: "choice" } },
      { type: "radiogroup", name: "B2", choices: [1, 2, 3, 4], score: { dimension: "B", rule: "choice" } },
      { type: "checkbox", name: "focus", choices: ["youth", "women"] },
    ],
  ),
);

describe("itemHeatmap", () => {
  it("counts organisations per whole level, a fractional level in its nearest one, ties up", () => {
    // likert 1..5 -> levels 1, 1.75, 2.5, 3.25, 4
    const traces = [1, 2, 3, 4, 5, undefined].map((x) => scoreResponse(model, { A2: x, A1: 2 }, { basis: "self" }));
    const rows = itemHeatmap(traces, model);
    expect(rows.map((r) => r.question)).toEqual(["A1", "A2", "B1", "B2"]);
    expect(rows[1]).toEqual({
      question: "A2",
      dimension: "A",
      answered: 5,
      levels: { "1": 1, "2": 1, "3": 2, "4": 1 },
    });
    expect(rows[0]).toEqual({
      question: "A1",
      dimension: "A",
      answered: 6,
      levels: { "1": 0, "2": 6, "3": 0, "4": 0 },
    });
    expect(rows[2]).toEqual({
      question: "B1",
      dimension: "B",
      answered: 0,
      levels: { "1": 0, "2": 0, "3": 0, "4": 0 },
    });
    expect(itemHeatmap(traces).map((r) => r.question)).toEqual(["A1", "A2", "B1", "B2"]);
    expect(itemHeatmap([])).toEqual([]);
  });

  it.each([
    [1, 1],
    [1.49, 1],
    [1.5, 2],
    [2.5, 3],
    [3.5, 4],
    [3.49, 3],
    [4, 4],
  ])("level %d counts as %d", (level, whole) => expect(wholeLevel(level)).toBe(whole));

  it("uses the traces' basis", () => {
    const trace = scoreResponse(model, { A1: 2 }, { basis: "verified", verified: { A1: 4, B1: 1 } });
    const rows = itemHeatmap([trace], model);
    expect(rows[0]?.levels).toEqual({ "1": 0, "2": 0, "3": 0, "4": 1 });
    expect(rows[2]).toMatchObject({ answered: 1, levels: { "1": 1 } });
  });
});

describe("buildEvaluationScores", () => {
  let id = 0;
  const response = (
    organizationId: string,
    region: string | null,
    answers: Record<string, unknown>,
    submittedAt: string | null = "2025-05-01T00:00:00.000Z",
  ): ScoredResponseInput => ({
    organizationId,
    responseId: `r${++id}`,
    name: `Org ${organizationId}`,
    region,
    orgType: "ngo",
    answers,
    submittedAt,
    trace: scoreResponse(model, answers, { basis: "verified" }),
  });
  const responses = [
    response("a", "osh", { A1: 1, A2: 1, B1: 2, B2: 2, focus: ["youth"] }), // A 1, B 2, overall 1.5
    response("b", "osh", { A1: 3, A2: 5, B1: 3, B2: 3, focus: ["youth", "women"] }), // A 3.5, B 3, overall 3.25
    response("c", "osh", { A1: 2, A2: 3, B1: 4, B2: 4 }), // A 2.25, B 4, overall 3.125
    response("d", "naryn", { A1: 4, A2: 5 }), // A 4, B insufficient, overall incomplete
    response("d", "naryn", { A1: 1, A2: 1, B1: 1, B2: 1 }, "2025-04-01T00:00:00.000Z"), // superseded
    response("e", "naryn", { A1: 4, A2: 5, B1: 4, B2: 4 }, null), // a draft
  ];

  it("returns organisations, groups and heat map as GET /scores does", () => {
    const body = buildEvaluationScores({ model, responses, groupBy: "region" });
    expect(body.organizations.map((o) => o.responseId)).toEqual(["r1", "r2", "r3", "r4"]);
    expect(body.organizations[0]).toEqual({
      organizationId: "a",
      responseId: "r1",
      name: "Org a",
      region: "osh",
      orgType: "ngo",
      overall: { status: "scored", level: 1.5, band: "Nascent", weakest: "A", criticalGaps: ["A"] },
      dimensions: {
        A: { status: "scored", level: 1, band: "Nascent" },
        B: { status: "scored", level: 2, band: "Emerging" },
      },
    });
    expect(body.organizations[3]?.overall).toEqual({
      status: "incomplete",
      level: null,
      band: null,
      weakest: "A",
      criticalGaps: [],
    });

    expect(body.groups.map((g) => g.key)).toEqual(["naryn", "osh"]);
    const [naryn, osh] = body.groups;
    expect(naryn?.overall).toMatchObject({ n: 0, insufficient: 1, suppressed: true, mean: null, bands: null });
    expect(naryn?.dimensions.A).toMatchObject({ n: 1, suppressed: true, mean: null });
    expect(naryn?.dimensions.B).toMatchObject({ n: 0, insufficient: 1, suppressed: true });
    expect(osh?.overall).toMatchObject({ n: 3, suppressed: false, min: 1.5, max: 3.25, median: 3.125 });
    expect(osh?.overall.mean).toBeCloseTo((1.5 + 3.25 + 3.125) / 3, 12);
    expect(osh?.overall.bands).toEqual({ Nascent: 1, Emerging: 0, Expanding: 1, Mature: 1 });
    expect(osh?.dimensions.A).toMatchObject({ n: 3, median: 2.25, p25: 1.625, p75: 2.875 });

    expect(body.heatmap.map((r) => [r.question, r.answered])).toEqual([
      ["A1", 4],
      ["A2", 4],
      ["B1", 3],
      ["B2", 3],
    ]);
  });

  it("groups by a checkbox question, no answer as null", () => {
    const body = buildEvaluationScores({ model, responses, groupBy: "q:focus", minGroupSize: 1 });
    expect(body.groups.map((g) => [g.key, g.overall.n, g.overall.insufficient])).toEqual([
      ["women", 1, 0],
      ["youth", 2, 0],
      [null, 1, 1],
    ]);
    expect(body.groups[0]?.overall.mean).toBe(3.25);
  });

  it("answers one group all for the whole cohort by default, even an empty one", () => {
    expect(buildEvaluationScores({ model, responses }).groups.map((g) => [g.key, g.overall.n])).toEqual([["all", 3]]);
    const empty = buildEvaluationScores({ model, responses: [] });
    expect(empty.organizations).toEqual([]);
    expect(empty.groups).toHaveLength(1);
    expect(Object.keys(empty.groups[0]?.dimensions ?? {})).toEqual(["A", "B"]);
    expect(empty.heatmap).toHaveLength(4);
  });
});
