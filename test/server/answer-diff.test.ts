import { describe, expect, it } from "vitest";
import { diffAnswers, type AnswerChange } from "../../server/modules/responses/answer-diff.ts";

const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, AnswerChange[]]> = [
  ["identical answers", { q: "a", n: 1, c: ["x", "y"] }, { q: "a", n: 1, c: ["x", "y"] }, []],
  ["a changed text", { q: "a" }, { q: "b" }, [{ path: "q", before: "a", after: "b" }]],
  ["an added answer (before: null)", {}, { n: 0 }, [{ path: "n", before: null, after: 0 }]],
  ["a removed answer (after: null)", { flag: false }, {}, [{ path: "flag", before: false, after: null }]],
  ["null and absent are both no answer", { q: null }, {}, []],
  [
    "a checkbox array is one value",
    { c: ["x", "y"] },
    { c: ["y", "x"] },
    [{ path: "c", before: ["x", "y"], after: ["y", "x"] }],
  ],
  [
    "a matrix to its cells",
    { matrix: { row1: { col1: 1, col2: true }, row2: { col1: 2 } } },
    { matrix: { row1: { col1: 1, col2: false }, row3: { col1: 3 } } },
    [
      { path: "matrix.row1.col2", before: true, after: false },
      { path: "matrix.row2.col1", before: 2, after: null },
      { path: "matrix.row3.col1", before: null, after: 3 },
    ],
  ],
  [
    "a single-choice matrix row",
    { m: { r1: "good" } },
    { m: { r1: "bad", r2: "good" } },
    [
      { path: "m.r1", before: "good", after: "bad" },
      { path: "m.r2", before: null, after: "good" },
    ],
  ],
  [
    "dynamic panels by index",
    { panel: [{ q: "a", n: 1 }, { q: "b" }] },
    { panel: [{ q: "a", n: 2 }, { q: "c" }, { q: "d", tags: ["t"] }] },
    [
      { path: "panel[0].n", before: 1, after: 2 },
      { path: "panel[1].q", before: "b", after: "c" },
      { path: "panel[2].q", before: null, after: "d" },
      { path: "panel[2].tags", before: null, after: ["t"] },
    ],
  ],
  [
    "a removed panel",
    { panel: [{ q: "a" }, { q: "b" }] },
    { panel: [{ q: "a" }] },
    [{ path: "panel[1].q", before: "b", after: null }],
  ],
  [
    "panels that appear",
    {},
    { panel: [{ q: "a", m: { r: { c: 1 } } }] },
    [
      { path: "panel[0].q", before: null, after: "a" },
      { path: "panel[0].m.r.c", before: null, after: 1 },
    ],
  ],
  [
    "an empty list that appears is a change of the whole",
    {},
    { panel: [] },
    [{ path: "panel", before: null, after: [] }],
  ],
  ["an object that becomes text", { m: { r: "x" } }, { m: "x" }, [{ path: "m", before: { r: "x" }, after: "x" }]],
  [
    "keys in the earlier order, then new ones",
    { b: 1, a: 1 },
    { c: 1, a: 2, b: 2 },
    [
      { path: "b", before: 1, after: 2 },
      { path: "a", before: 1, after: 2 },
      { path: "c", before: null, after: 1 },
    ],
  ],
  [
    "other text of a question",
    { "q-Comment": "x" },
    { "q-Comment": "y" },
    [{ path: "q-Comment", before: "x", after: "y" }],
  ],
];

describe("diffAnswers", () => {
  it.each(cases)("%s", (_name, before, after, expected) => {
    expect(diffAnswers(before, after)).toEqual(expected);
  });

  it("against no answers lists every leaf as added", () => {
    expect(diffAnswers({}, { q: "a", m: { r: 1 } })).toEqual([
      { path: "q", before: null, after: "a" },
      { path: "m.r", before: null, after: 1 },
    ]);
  });

  it("does not change its inputs", () => {
    const before = { panel: [{ q: "a" }] };
    const after = { panel: [{ q: "b" }] };
    const copies = structuredClone([before, after]);
    diffAnswers(before, after);
    expect([before, after]).toEqual(copies);
  });
});
