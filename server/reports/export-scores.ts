import type { ScoreTrace } from "../scoring/score-response.ts";
import type { CellValue } from "./export-columns.ts";

// The score columns of the CSV (the levels of both bases, full precision) and the rows of the XLSX `scores` sheet.

/** `score_overall`, `score_<DIM>` (verified basis), then `score_self_overall`, `score_self_<DIM>`. */
export function scoreColumnKeys(dimensionIds: readonly string[]): string[] {
  return [
    "score_overall",
    ...dimensionIds.map((d) => `score_${d}`),
    "score_self_overall",
    ...dimensionIds.map((d) => `score_self_${d}`),
  ];
}

function levels(dimensionIds: readonly string[], trace: ScoreTrace | null): CellValue[] {
  if (!trace) return [null, ...dimensionIds.map(() => null)];
  const byId = new Map(trace.dimensions.map((d) => [d.id, d]));
  return [trace.overall.level, ...dimensionIds.map((id) => byId.get(id)?.level ?? null)];
}

/** The score cells of one response: empty where a level is null (not scored) or there is no trace. */
export function scoreCells(
  dimensionIds: readonly string[],
  verified: ScoreTrace | null,
  self: ScoreTrace | null,
): CellValue[] {
  return [...levels(dimensionIds, verified), ...levels(dimensionIds, self)];
}

/** The `scores` sheet: one row per response and basis, the overall then each dimension's status and level. */
export function scoresSheetKeys(dimensionIds: readonly string[]): string[] {
  return [
    "response_id",
    "organization",
    "basis",
    "overall_status",
    "overall_level",
    "overall_band",
    "overall_coverage",
    "weakest",
    "critical_gaps",
    ...dimensionIds.flatMap((d) => [`${d}_status`, `${d}_level`]),
  ];
}

export function scoresSheetRow(
  dimensionIds: readonly string[],
  response: { id: number; organization: string },
  trace: ScoreTrace,
): CellValue[] {
  const byId = new Map(trace.dimensions.map((d) => [d.id, d]));
  return [
    response.id,
    response.organization,
    trace.basis,
    trace.overall.status,
    trace.overall.level,
    trace.overall.band,
    trace.overall.coverage,
    trace.overall.weakest,
    trace.overall.criticalGaps.join(";"),
    ...dimensionIds.flatMap((id) => {
      const d = byId.get(id);
      return [d?.status ?? null, d?.level ?? null];
    }),
  ];
}
