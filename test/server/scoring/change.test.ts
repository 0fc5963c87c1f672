import { describe, expect, it } from "vitest";
import {
  classifyDelta,
  compareRounds,
  scorePairChange,
  summarizeChange,
  type ChangeStatus,
  type RoundResponse,
} from "../../../server/scoring/change.ts";
import type { Basis } from "../../../server/scoring/score-response.ts";
import { choiceDimensions } from "./scoring-fixtures.ts";

describe("classifyDelta", () => {
  it.each([
    [0.25, "improved"],
    [2.8 - 2.55, "improved"], // 0.2499999999999998 in floating point
    [1.2, "improved"],
    [0.2499, "stable"],
    [0, "stable"],
    [-0.2499, "stable"],
    [-0.25, "declined"],
    [-3, "declined"],
    [null, "not_comparable"],
  ] as Array<[number | null, ChangeStatus]>)("%s -> %s", (delta, status) => expect(classifyDelta(delta)).toBe(status));
});

describe("scorePairChange", () => {
  // dimension A of five radiogroups 1..4 (minCoverage 0.6, minItems 2)
  const model = choiceDimensions({ A: 5 });
  const cases: Array<
    [string, Basis, Record<string, unknown>, Record<string, unknown>, ChangeStatus, number | null, string[]]
  > = [
    [
      "improved by exactly 0.25",
      "self",
      { A1: 2, A2: 2, A3: 2, A4: 2 },
      { A1: 2, A2: 2, A3: 2, A4: 3 },
      "improved",
      0.25,
      ["A1", "A2", "A3", "A4"],
    ],
    [
      "stable at +0.2",
      "self",
      { A1: 2, A2: 2, A3: 2, A4: 2, A5: 2 },
      { A1: 2, A2: 2, A3: 2, A4: 2, A5: 3 },
      "stable",
      0.2,
      ["A1", "A2", "A3", "A4", "A5"],
    ],
    ["declined", "self", { A1: 3, A2: 3, A3: 3 }, { A1: 2, A2: 2, A3: 3 }, "declined", 7 / 3 - 3, ["A1", "A2", "A3"]],
    [
      "not comparable: baseline insufficient",
      "self",
      { A1: 3, A2: 3 },
      { A1: 2, A2: 2, A3: 3 },
      "not_comparable",
      null,
      ["A1", "A2"],
    ],
    [
      "only the items answered in both count (A4 and A5 are left out)",
      "self",
      { A1: 1, A2: 1, A3: 1, A4: 1 },
      { A1: 1, A2: 1, A3: 1, A5: 4 },
      "stable",
      0,
      ["A1", "A2", "A3"],
    ],
    [
      "too few items in common make both sides insufficient",
      "self",
      { A1: 2, A2: 2, A3: 2 },
      { A3: 2, A4: 2, A5: 2 },
      "not_comparable",
      null,
      ["A3"],
    ],
    [
      "an item n/a on one side is left out (and counts as unanswered on the other)",
      "self",
      { A1: 2, A2: 2, A3: 2, A4: "na" },
      { A1: 3, A2: 3, A3: 3, A4: 4 },
      "improved",
      1,
      ["A1", "A2", "A3"],
    ],
  ];

  it.each(cases)("%s", (_name, basis, base, end, status, delta, compared) => {
    const change = scorePairChange(model, { answers: base }, { answers: end }, basis);
    expect(change.comparedItems).toEqual(compared);
    expect(change.dimensions.A?.status).toBe(status);
    if (delta === null) expect(change.dimensions.A?.delta).toBeNull();
    else expect(change.dimensions.A?.delta).toBeCloseTo(delta, 12);
    expect(change.overall.status).toBe(status);
  });

  it("re-scores both sides on the common items and says why the others are left out", () => {
    const change = scorePairChange(
      model,
      { answers: { A1: 1, A2: 1, A3: 1, A4: 1 } },
      { answers: { A1: 1, A2: 1, A3: 1, A5: 4 } },
      "self",
    );
    // Scored alone the endline would be 1.75, an improvement of 0.75.
    expect(change.dimensions.A).toEqual({ status: "stable", base: 1, end: 1, delta: 0 });
    const a4 = change.base.dimensions[0]?.items[3];
    expect(a4).toMatchObject({ question: "A4", status: "missing", level: null, reason: "not answered in both rounds" });
    const a5 = change.end.dimensions[0]?.items[4];
    expect(a5).toMatchObject({ question: "A5", status: "missing", reason: "not answered in both rounds", value: 4 });
    expect(change.end.dimensions[0]).toMatchObject({ answered: 3, applicable: 5, coverage: 0.6 });
  });

  it("counts verified levels as answered in the verified basis", () => {
    const base = { answers: { A1: 2, A2: 2, A3: "dk" }, verified: { A3: 3 } };
    const end = { answers: { A1: 2, A2: 2, A3: 4 } };
    const verified = scorePairChange(model, base, end, "verified");
    expect(verified.comparedItems).toEqual(["A1", "A2", "A3"]);
    expect(verified.dimensions.A?.status).toBe("improved");
    expect(verified.dimensions.A?.delta).toBeCloseTo(1 / 3, 12);
    const self = scorePairChange(model, base, end, "self");
    expect(self.comparedItems).toEqual(["A1", "A2"]);
    expect(self.dimensions.A?.status).toBe("not_comparable");
  });
});

describe("compareRounds", () => {
  const model = choiceDimensions({ A: 3, B: 2 });
  const round = (
    id: string,
    answers: Record<string, unknown>,
    submittedAt: string | null = "2025-01-01T00:00:00.000Z",
  ): RoundResponse => ({
    organizationId: id,
    responseId: `${id}-${submittedAt}`,
    name: `Org ${id}`,
    answers,
    submittedAt,
  });
  const all = (a: number, b: number) => ({ A1: a, A2: a, A3: a, B1: b, B2: b });
  const baseline = [round("a", all(2, 2)), round("b", all(3, 3)), round("c", all(2, 2)), round("e", all(2, 2))];
  const endline = [
    round("a", all(3, 2)),
    round("b", all(2, 3)),
    round("d", all(4, 4)),
    round("e", { A1: 4 }),
    round("b", all(4, 4), null), // a draft does not count
  ];

  it("pairs organisations, classifies each change and summarises the cohort", () => {
    const change = compareRounds({ model, baseline, endline });
    expect(change).toMatchObject({ basis: "verified", scoringId: "scoring-test", scoringVersion: "1" });
    expect(change.unpaired).toEqual({ baseline: ["c"], endline: ["d"] });
    expect(change.organizations.map((o) => [o.organizationId, o.overall.status, o.overall.delta])).toEqual([
      ["a", "improved", 0.5],
      ["b", "declined", -0.5],
      ["e", "not_comparable", null],
    ]);
    expect(change.organizations[0]).toMatchObject({
      name: "Org a",
      baseResponseId: "a-2025-01-01T00:00:00.000Z",
      comparedItems: ["A1", "A2", "A3", "B1", "B2"],
      dimensions: {
        A: { status: "improved", base: 2, end: 3, delta: 1 },
        B: { status: "stable", base: 2, end: 2, delta: 0 },
      },
    });
    expect(change.summary.overall).toEqual({
      paired: 3,
      n: 2,
      notComparable: 1,
      meanDelta: 0,
      medianDelta: 0,
      improved: 1,
      stable: 0,
      declined: 1,
    });
    expect(change.summary.dimensions.A).toMatchObject({ n: 2, meanDelta: 0, improved: 1, declined: 1, stable: 0 });
    expect(change.summary.dimensions.B).toMatchObject({ n: 2, meanDelta: 0, stable: 2, notComparable: 1 });
  });

  it("uses the latest submitted response of each side", () => {
    const change = compareRounds({
      model,
      baseline: [round("a", all(2, 2)), round("a", all(1, 1), "2025-02-01T00:00:00.000Z")],
      endline: [round("a", all(2, 2))],
      basis: "self",
    });
    expect(change.organizations[0]?.overall).toEqual({ status: "improved", base: 1, end: 2, delta: 1 });
    expect(change.basis).toBe("self");
  });

  it("summarises deltas with an even count by the mean of the middle two", () => {
    const entries = [0.5, -0.1, 0.3, 1].map((delta) => ({
      status: classifyDelta(delta),
      base: 2,
      end: 2 + delta,
      delta,
    }));
    expect(summarizeChange(entries)).toMatchObject({ n: 4, medianDelta: 0.4, improved: 3, stable: 1 });
    expect(summarizeChange(entries).meanDelta).toBeCloseTo(0.425, 12);
    expect(summarizeChange([])).toEqual({
      paired: 0,
      n: 0,
      notComparable: 0,
      meanDelta: null,
      medianDelta: null,
      improved: 0,
      stable: 0,
      declined: 0,
    });
  });
});
