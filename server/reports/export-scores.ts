import type { ScoreTrace } from "../scoring/score-response.ts";
import type { CellValue } from "./export-columns.ts";

// The score columns of the CSV (the levels of both bases, full precision) and the rows of the XLSX `scores` sheet.

/**
 * What an export needs of a stored trace: the overall and each dimension's status and level, without the items.
 * Exports read it straight from the database (see reports.repository.ts), so that 100k rows do not mean parsing
 * 100k full traces; `summarizeTrace` is the same in TypeScript.
 */
export interface ScoreSummary {
  basis: string;
  status: string;
  level: number | null;
  band: string | null;
  coverage: number | null;
  weakest: string | null;
  gaps: string[];
  /** Dimension id -> [status, level]. */
  d: Record<string, [string, number | null]>;
}

/**
 * A summary from the values of a trace's summary paths (see reports.repository.ts `summaryPaths`): basis, the
 * overall's status, level, band, coverage, weakest and critical gaps, then id, status, level of each dimension.
 */
export function summaryFromValues(values: readonly unknown[]): ScoreSummary {
  const d: ScoreSummary["d"] = {};
  // A dimension the trace lacks (a model with fewer dimensions) reads as nulls and is left out.
  for (let i = 7; i + 2 < values.length; i += 3) {
    if (values[i] === null || values[i] === undefined) continue;
    d[String(values[i])] = [String(values[i + 1]), (values[i + 2] as number | null) ?? null];
  }
  return {
    basis: String(values[0]),
    status: String(values[1]),
    level: (values[2] as number | null) ?? null,
    band: (values[3] as string | null) ?? null,
    coverage: (values[4] as number | null) ?? null,
    weakest: (values[5] as string | null) ?? null,
    gaps: Array.isArray(values[6]) ? (values[6] as string[]) : [],
    d,
  };
}

export function summarizeTrace(trace: ScoreTrace): ScoreSummary {
  return {
    basis: trace.basis,
    status: trace.overall.status,
    level: trace.overall.level,
    band: trace.overall.band,
    coverage: trace.overall.coverage,
    weakest: trace.overall.weakest,
    gaps: trace.overall.criticalGaps,
    d: Object.fromEntries(trace.dimensions.map((d) => [d.id, [d.status, d.level]])),
  };
}

/** `score_overall`, `score_<DIM>` (verified basis), then `score_self_overall`, `score_self_<DIM>`. */
export function scoreColumnKeys(dimensionIds: readonly string[]): string[] {
  return [
    "score_overall",
    ...dimensionIds.map((d) => `score_${d}`),
    "score_self_overall",
    ...dimensionIds.map((d) => `score_self_${d}`),
  ];
}

function levels(dimensionIds: readonly string[], summary: ScoreSummary | null): CellValue[] {
  if (!summary) return [null, ...dimensionIds.map(() => null)];
  return [summary.level, ...dimensionIds.map((id) => summary.d[id]?.[1] ?? null)];
}

/** The score cells of one response: empty where a level is null (not scored) or there is no score. */
export function scoreCells(
  dimensionIds: readonly string[],
  verified: ScoreSummary | null,
  self: ScoreSummary | null,
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
  summary: ScoreSummary,
): CellValue[] {
  return [
    response.id,
    response.organization,
    summary.basis,
    summary.status,
    summary.level,
    summary.band,
    summary.coverage,
    summary.weakest,
    summary.gaps.join(";"),
    ...dimensionIds.flatMap((id) => {
      const d = summary.d[id];
      return [d?.[0] ?? null, d?.[1] ?? null];
    }),
  ];
}
