import type { ScoringModel } from "./scoring-model.ts";
import { bandNames, bandOf, type Band } from "./bands.ts";
import type { DimensionStatus, OverallStatus, ScoreTrace } from "./score-response.ts";

// Cohort statistics of docs/scoring.md ("Cohorts"): the unit is the organisation, one submitted response each.

/** Below this many scored organisations a group's statistics are suppressed. */
export const defaultMinGroupSize = 3;

export type BandCounts = Record<Band, number>;

export interface CohortStats {
  /** Organisations in the group whose score is `scored`. */
  n: number;
  /** Organisations whose score is insufficient_data (a dimension) or incomplete (the overall). */
  insufficient: number;
  notApplicable: number;
  /** n < minGroupSize: every statistic below, band counts included, is null. */
  suppressed: boolean;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation (n - 1); null when n < 2. */
  sd: number | null;
  min: number | null;
  max: number | null;
  p25: number | null;
  p75: number | null;
  bands: BandCounts | null;
}

export interface ScoreEntry {
  status: string;
  level: number | null;
}

export interface CohortOptions {
  minGroupSize?: number;
}

/** The q-th quantile (0..1) of sorted values, by linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** The median: the middle value, or the mean of the two middle values of an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return quantile(sorted, 0.5);
}

export function cohortStats(entries: readonly ScoreEntry[], options: CohortOptions = {}): CohortStats {
  const minGroupSize = options.minGroupSize ?? defaultMinGroupSize;
  const levels = entries
    .filter((e) => e.status === "scored" && typeof e.level === "number")
    .map((e) => e.level as number)
    .sort((a, b) => a - b);
  const n = levels.length;
  const counts = {
    n,
    insufficient: entries.filter((e) => e.status === "insufficient_data" || e.status === "incomplete").length,
    notApplicable: entries.filter((e) => e.status === "not_applicable").length,
  };
  if (n < minGroupSize || n === 0) {
    return {
      ...counts,
      suppressed: n < minGroupSize,
      mean: null,
      median: null,
      sd: null,
      min: null,
      max: null,
      p25: null,
      p75: null,
      bands: n < minGroupSize ? null : { Nascent: 0, Emerging: 0, Expanding: 0, Mature: 0 },
    };
  }
  const mean = levels.reduce((sum, x) => sum + x, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(levels.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1));
  const bands = Object.fromEntries(bandNames.map((b) => [b, 0])) as BandCounts;
  for (const level of levels) bands[bandOf(level)] += 1;
  return {
    ...counts,
    suppressed: false,
    mean,
    median: quantile(levels, 0.5),
    sd,
    min: levels[0] as number,
    max: levels[n - 1] as number,
    p25: quantile(levels, 0.25),
    p75: quantile(levels, 0.75),
    bands,
  };
}

// ---- grouping ----

export type GroupBy = "all" | "region" | "orgType" | `q:${string}`;
/** `all`, a region or organisation type, or a choice value (null: no answer). */
export type GroupKey = string | number | boolean | null;

export function parseGroupBy(text: string | undefined): GroupBy | null {
  if (text === undefined || text === "" || text === "all") return "all";
  if (text === "region" || text === "orgType") return text;
  if (text.startsWith("q:") && text.length > 2) return text as GroupBy;
  return null;
}

export interface GroupMember {
  region?: string | null;
  orgType?: string | null;
  answers: Record<string, unknown>;
}

export interface Group<T> {
  key: GroupKey;
  members: T[];
}

function keysOf(member: GroupMember, groupBy: GroupBy): GroupKey[] {
  if (groupBy === "all") return ["all"];
  const raw =
    groupBy === "region" ? member.region : groupBy === "orgType" ? member.orgType : member.answers[groupBy.slice(2)];
  const values = Array.isArray(raw) ? raw : [raw];
  const keys: GroupKey[] = [];
  for (const value of values) {
    if (value === undefined || value === null || value === "") continue;
    const key = typeof value === "object" ? JSON.stringify(value) : (value as string | number | boolean);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys.length > 0 ? keys : [null];
}

function compareKeys(a: GroupKey, b: GroupKey, order: readonly unknown[]): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  if (ia !== -1 || ib !== -1) return ia === -1 ? 1 : ib === -1 ? -1 : ia - ib;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

/**
 * Splits a cohort into the groups of `groupBy`. A checkbox puts a member in each group it ticked; a member with
 * no value is in the group `null`. Groups come in `keyOrder` (e.g. the question's choices), then sorted, `null`
 * last; only groups with members are returned, except `all`, which is always there.
 */
export function groupOrganizations<T extends GroupMember>(
  members: readonly T[],
  groupBy: GroupBy,
  options: { keyOrder?: readonly unknown[] } = {},
): Array<Group<T>> {
  if (groupBy === "all") return [{ key: "all", members: [...members] }];
  const groups: Array<Group<T>> = [];
  for (const member of members) {
    for (const key of keysOf(member, groupBy)) {
      let group = groups.find((g) => g.key === key);
      if (!group) groups.push((group = { key, members: [] }));
      group.members.push(member);
    }
  }
  return groups.sort((a, b) => compareKeys(a.key, b.key, options.keyOrder ?? []));
}

// ---- one response per organisation ----

export interface SubmittedResponse {
  organizationId: string | number;
  /** ISO-8601; null or absent for a response that is not submitted. */
  submittedAt?: string | null;
}

function compareInstants(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  return ta - tb;
}

/**
 * The latest submitted response of each organisation, in the order the organisations first appear. Drafts are
 * left out; of two responses submitted at the same instant, the later in the input wins.
 */
export function latestPerOrganization<T extends SubmittedResponse>(responses: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const response of responses) {
    if (!response.submittedAt) continue;
    const key = String(response.organizationId);
    const current = latest.get(key);
    if (!current || compareInstants(response.submittedAt, current.submittedAt as string) >= 0) {
      latest.set(key, response);
    }
  }
  return [...latest.values()];
}

// ---- item heat map ----

export interface HeatmapRow {
  question: string;
  dimension: string;
  /** Organisations whose item is answered (in the traces' basis). */
  answered: number;
  levels: { "1": number; "2": number; "3": number; "4": number };
}

/** A fractional level counts in its nearest whole level, ties rounding up (2.5 -> 3). */
export function wholeLevel(level: number): 1 | 2 | 3 | 4 {
  return Math.min(4, Math.max(1, Math.floor(level + 0.5))) as 1 | 2 | 3 | 4;
}

/**
 * For each scored item, how many organisations are at each level. Items come in the model's order when a model
 * is given (items nobody answered included), else in the order of the traces.
 */
export function itemHeatmap(traces: readonly ScoreTrace[], model?: ScoringModel): HeatmapRow[] {
  const rows = new Map<string, HeatmapRow>();
  const row = (question: string, dimension: string): HeatmapRow => {
    let found = rows.get(question);
    if (!found) {
      found = { question, dimension, answered: 0, levels: { "1": 0, "2": 0, "3": 0, "4": 0 } };
      rows.set(question, found);
    }
    return found;
  };
  if (model) for (const item of model.items) row(item.question, item.dimension);
  for (const trace of traces) {
    for (const dimension of trace.dimensions) {
      for (const item of dimension.items) {
        const r = row(item.question, dimension.id);
        if (item.status !== "answered" || item.level === null) continue;
        r.answered += 1;
        r.levels[wholeLevel(item.level)] += 1;
      }
    }
  }
  if (model) {
    const order = new Map(model.items.map((item, i) => [item.question, i]));
    return [...rows.values()].sort((a, b) => (order.get(a.question) ?? Infinity) - (order.get(b.question) ?? Infinity));
  }
  return [...rows.values()];
}

// ---- the body of GET /api/evaluations/:id/scores ----

export interface ScoredResponseInput {
  organizationId: string | number;
  responseId: string | number;
  name: string;
  region: string | null;
  orgType: string | null;
  answers: Record<string, unknown>;
  submittedAt: string | null;
  /** The response scored in the requested basis. */
  trace: ScoreTrace;
}

export interface ScoreSummary<S> {
  status: S;
  level: number | null;
  band: Band | null;
}

export interface OrganizationScores {
  organizationId: string | number;
  responseId: string | number;
  name: string;
  region: string | null;
  orgType: string | null;
  /** With the weakest dimension and the critical gaps, so that a heat map can flag them. */
  overall: ScoreSummary<OverallStatus> & { weakest: string | null; criticalGaps: string[] };
  dimensions: Record<string, ScoreSummary<DimensionStatus>>;
}

export interface GroupScores {
  key: GroupKey;
  overall: CohortStats;
  dimensions: Record<string, CohortStats>;
}

export interface EvaluationScores {
  organizations: OrganizationScores[];
  groups: GroupScores[];
  heatmap: HeatmapRow[];
}

export interface EvaluationScoresInput {
  model: ScoringModel;
  /** Every response of the questionnaire in the evaluation; drafts and superseded submissions are dropped here. */
  responses: readonly ScoredResponseInput[];
  groupBy?: GroupBy;
  minGroupSize?: number;
  /** Order of the group keys (e.g. the choices of the `q:` question). */
  keyOrder?: readonly unknown[];
}

export function buildEvaluationScores(input: EvaluationScoresInput): EvaluationScores {
  const cohort = latestPerOrganization(input.responses);
  const options = { minGroupSize: input.minGroupSize ?? defaultMinGroupSize };
  const organizations = cohort.map((r): OrganizationScores => {
    const { status, level, band, weakest, criticalGaps } = r.trace.overall;
    return {
      organizationId: r.organizationId,
      responseId: r.responseId,
      name: r.name,
      region: r.region,
      orgType: r.orgType,
      overall: { status, level, band, weakest, criticalGaps },
      dimensions: Object.fromEntries(
        r.trace.dimensions.map((d) => [d.id, { status: d.status, level: d.level, band: d.band }]),
      ),
    };
  });
  const groups = groupOrganizations(cohort, input.groupBy ?? "all", {
    keyOrder: input.keyOrder ?? [],
  }).map((group): GroupScores => ({
    key: group.key,
    overall: cohortStats(
      group.members.map((m) => m.trace.overall),
      options,
    ),
    dimensions: Object.fromEntries(
      input.model.dimensions.map((dimension) => [
        dimension.id,
        cohortStats(
          group.members.map(
            (m) => m.trace.dimensions.find((d) => d.id === dimension.id) ?? { status: "missing", level: null },
          ),
          options,
        ),
      ]),
    ),
  }));
  return {
    organizations,
    groups,
    heatmap: itemHeatmap(
      cohort.map((r) => r.trace),
      input.model,
    ),
  };
}
