import { bandOf, criticalGapLevel, score100Of, type Band } from "./bands.ts";
import { ConditionRunner } from "survey-core";
import type { DimensionDefinition, ItemDefinition, LocalizedText, ScoringModel } from "./scoring-model.ts";

// The capacity-scoring engine of docs/scoring.md: one response's answers -> the trace that explains every number.
// Pure: no I/O; survey-core is used only to evaluate `applicableIf` expressions.

export const bases = ["self", "verified"] as const;
export type Basis = (typeof bases)[number];

export type ItemStatus = "answered" | "not_applicable" | "dont_know" | "missing";
export type DimensionStatus = "scored" | "insufficient_data" | "not_applicable";
export type OverallStatus = "scored" | "incomplete" | "not_applicable";

export interface ItemTrace {
  question: string;
  status: ItemStatus;
  /** The raw answer as stored (null when there is none). */
  value: unknown;
  /** The rule in words, e.g. "thresholds cuts [1,5,15]". */
  rule: string;
  level: number | null;
  weight: number;
  /** w * L / answered weight of the dimension: the item's share of the dimension level (null unless both exist). */
  contribution: number | null;
  /** Why an item has no level. */
  reason?: string;
  /** The evaluator's verified level, in the verified basis only. */
  verified?: { level: number };
}

export interface DimensionTrace {
  id: string;
  title: LocalizedText;
  status: DimensionStatus;
  level: number | null;
  score100: number | null;
  band: Band | null;
  coverage: number | null;
  answered: number;
  applicable: number;
  answeredWeight: number;
  applicableWeight: number;
  items: ItemTrace[];
}

export interface OverallTrace {
  status: OverallStatus;
  level: number | null;
  score100: number | null;
  band: Band | null;
  coverage: number | null;
  weakest: string | null;
  criticalGaps: string[];
}

export interface ScoreTrace {
  basis: Basis;
  scoringId: string;
  scoringVersion: string;
  overall: OverallTrace;
  dimensions: DimensionTrace[];
}

export interface ScoreOptions {
  basis: Basis;
  /** Verified levels by question name (used in the verified basis only). */
  verified?: Record<string, number>;
  /** Whether a question is shown for these answers (see visibleQuestionNames); absent = every question is shown. */
  isVisible?: (question: string) => boolean;
  /**
   * Only these items may count as answered; any other item that would be answered becomes `missing` with the
   * reason "not answered in both rounds". Used by the comparison between rounds.
   */
  restrictTo?: ReadonlySet<string>;
}

export const reasons = {
  dimensionNotApplicable: "not applicable: dimension applicableIf false",
  itemNotApplicable: "not applicable: applicableIf false",
  notShown: "not applicable: question not shown",
  answeredNa: "not applicable: answered n/a",
  dontKnow: "don't know",
  noAnswer: "no answer",
  noPeriod: "no reporting period",
  notInBothRounds: "not answered in both rounds",
} as const;

/** Comparisons of ratios with thresholds tolerate floating-point noise (3 * 0.2 / 1 is not exactly 0.6). */
const epsilon = 1e-9;

const runners = new Map<string, ConditionRunner>();

/** Evaluates a SurveyJS condition against the answers; compiled runners are cached per expression text. */
export function evaluateCondition(expression: string, answers: Record<string, unknown>): boolean {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ConditionRunner(expression);
    runners.set(expression, runner);
  }
  return runner.runValues(answers) === true;
}

function formatList(values: readonly (number | string)[]): string {
  return `[${values.join(",")}]`;
}

const defaultExclude = ["none", "other", "na", "dk"];

/** The rule in words; an annualised item shows the factor it used. */
export function describeRule(item: ItemDefinition, months?: number): string {
  switch (item.rule) {
    case "choice":
      return "choice";
    case "boolean":
      return "boolean";
    case "likert":
      return `likert ${item.from}..${item.to}${item.reverse ? " reverse" : ""}`;
    case "thresholds": {
      let text = `thresholds cuts ${formatList(item.cuts ?? [])}`;
      if (item.lowerIsBetter) text += " lowerIsBetter";
      if (item.annualise) text += months === undefined ? " annualised" : ` annualised x12/${months}`;
      return text;
    }
    case "breadth": {
      let text = item.map ? `breadth map ${formatList(item.map)}` : `breadth cuts ${formatList(item.cuts ?? [])}`;
      if (!item.map && item.lowerIsBetter) text += " lowerIsBetter";
      if (item.exclude.join("\u0000") !== defaultExclude.join("\u0000")) text += ` exclude ${formatList(item.exclude)}`;
      return text;
    }
  }
}

function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function isOnly(value: unknown, code: string): boolean {
  return value === code || (Array.isArray(value) && value.length === 1 && value[0] === code);
}

/** A number, or a numeric string (choice values of a likert radiogroup may be strings); anything else is null. */
function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function levelFromCuts(x: number, cuts: readonly number[], lowerIsBetter: boolean): number {
  const n = cuts.filter((c) => c <= x).length;
  return lowerIsBetter ? 4 - n : 1 + n;
}

type RuleOutcome = { level: number; rule: string } | { level: null; rule: string; reason: string };

/** Turns an answer that is neither n/a, don't know nor empty into a level, or says why it cannot. */
function applyRule(
  item: ItemDefinition,
  value: unknown,
  answers: Record<string, unknown>,
  model: ScoringModel,
): RuleOutcome {
  const rule = describeRule(item);
  const fail = (reason: string): RuleOutcome => ({ level: null, rule, reason });
  switch (item.rule) {
    case "choice": {
      const level = item.choiceLevels[String(value)];
      return level === undefined ? fail(`no level for answer ${JSON.stringify(value)}`) : { level, rule };
    }
    case "likert": {
      const x = toNumber(value);
      if (x === null) return fail(`answer ${JSON.stringify(value)} is not a number`);
      if (x < item.from || x > item.to) return fail(`answer ${x} is outside ${item.from}..${item.to}`);
      const level = 1 + (3 * (x - item.from)) / (item.to - item.from);
      return { level: item.reverse ? 5 - level : level, rule };
    }
    case "boolean":
      if (value === true || value === "yes") return { level: 4, rule };
      if (value === false || value === "no") return { level: 1, rule };
      return fail(`answer ${JSON.stringify(value)} is not yes or no`);
    case "thresholds": {
      let x = toNumber(value);
      if (x === null) return fail(`answer ${JSON.stringify(value)} is not a number`);
      if (!item.annualise) return { level: levelFromCuts(x, item.cuts ?? [], item.lowerIsBetter), rule };
      const months = model.periodMonths === null ? null : toNumber(answers[model.periodMonths]);
      if (months === null || months <= 0) return fail(reasons.noPeriod);
      x = (x * 12) / months;
      return { level: levelFromCuts(x, item.cuts ?? [], item.lowerIsBetter), rule: describeRule(item, months) };
    }
    case "breadth": {
      if (!Array.isArray(value)) return fail(`answer ${JSON.stringify(value)} is not a list of choices`);
      const k = value.filter((v) => !item.exclude.includes(String(v))).length;
      if (item.map) return { level: item.map[Math.min(k, item.map.length - 1)] as number, rule };
      return { level: levelFromCuts(k, item.cuts ?? [], item.lowerIsBetter), rule };
    }
  }
}

interface ItemOutcome {
  status: ItemStatus;
  level: number | null;
  rule: string;
  reason?: string;
}

function selfOutcome(
  item: ItemDefinition,
  dimensionApplicable: boolean,
  answers: Record<string, unknown>,
  model: ScoringModel,
  options: ScoreOptions,
): ItemOutcome {
  const rule = describeRule(item);
  if (!dimensionApplicable)
    return { status: "not_applicable", level: null, rule, reason: reasons.dimensionNotApplicable };
  if (item.applicableIf !== null && !evaluateCondition(item.applicableIf, answers)) {
    return { status: "not_applicable", level: null, rule, reason: reasons.itemNotApplicable };
  }
  if (options.isVisible && !options.isVisible(item.question)) {
    return { status: "not_applicable", level: null, rule, reason: reasons.notShown };
  }
  let value = answers[item.question];
  if (isOnly(value, "na")) return { status: "not_applicable", level: null, rule, reason: reasons.answeredNa };
  if (isOnly(value, "dk")) return { status: "dont_know", level: null, rule, reason: reasons.dontKnow };
  // "na"/"dk" next to real choices say nothing: the other choices are the answer.
  if (Array.isArray(value)) value = value.filter((v) => v !== "na" && v !== "dk");
  if (isEmptyAnswer(value)) return { status: "missing", level: null, rule, reason: reasons.noAnswer };
  const outcome = applyRule(item, value, answers, model);
  if (outcome.level === null) return { status: "missing", level: null, rule: outcome.rule, reason: outcome.reason };
  return { status: "answered", level: outcome.level, rule: outcome.rule };
}

function verifiedLevelOf(item: ItemDefinition, options: ScoreOptions): number | null {
  if (options.basis !== "verified" || !options.verified) return null;
  const level = options.verified[item.question];
  return typeof level === "number" && Number.isFinite(level) ? level : null;
}

function scoreItem(
  item: ItemDefinition,
  dimensionApplicable: boolean,
  answers: Record<string, unknown>,
  model: ScoringModel,
  options: ScoreOptions,
): ItemTrace {
  let outcome = selfOutcome(item, dimensionApplicable, answers, model, options);
  const verifiedLevel = verifiedLevelOf(item, options);
  if (verifiedLevel !== null && outcome.status !== "not_applicable") {
    // A verified level replaces the self level, and makes a missing or don't-know item answered.
    outcome = { status: "answered", level: verifiedLevel, rule: outcome.rule };
  }
  if (outcome.status === "answered" && options.restrictTo && !options.restrictTo.has(item.question)) {
    outcome = { status: "missing", level: null, rule: outcome.rule, reason: reasons.notInBothRounds };
  }
  const trace: ItemTrace = {
    question: item.question,
    status: outcome.status,
    value: answers[item.question] ?? null,
    rule: outcome.rule,
    level: outcome.level,
    weight: item.weight,
    contribution: null,
  };
  if (outcome.reason !== undefined) trace.reason = outcome.reason;
  if (verifiedLevel !== null) trace.verified = { level: verifiedLevel };
  return trace;
}

function rollUpDimension(
  dimension: DimensionDefinition,
  items: ItemTrace[],
  applicableIfHolds: boolean,
  model: ScoringModel,
): DimensionTrace {
  const applicableItems = items.filter((i) => i.status !== "not_applicable");
  const answeredItems = items.filter((i) => i.status === "answered");
  const applicableWeight = applicableItems.reduce((sum, i) => sum + i.weight, 0);
  const answeredWeight = answeredItems.reduce((sum, i) => sum + i.weight, 0);
  const base = {
    id: dimension.id,
    title: dimension.title,
    answered: answeredItems.length,
    applicable: applicableItems.length,
    answeredWeight,
    applicableWeight,
    items,
  };
  if (!applicableIfHolds || applicableItems.length === 0) {
    return { ...base, status: "not_applicable", level: null, score100: null, band: null, coverage: null };
  }
  const coverage = answeredWeight / applicableWeight;
  const enough =
    coverage >= model.minCoverage - epsilon &&
    answeredItems.length >= Math.min(model.minItems, applicableItems.length) &&
    answeredItems.length > 0;
  if (!enough) return { ...base, status: "insufficient_data", level: null, score100: null, band: null, coverage };
  const level = answeredItems.reduce((sum, i) => sum + i.weight * (i.level as number), 0) / answeredWeight;
  for (const item of answeredItems) item.contribution = (item.weight * (item.level as number)) / answeredWeight;
  return { ...base, status: "scored", level, score100: score100Of(level), band: bandOf(level), coverage };
}

function rollUpOverall(model: ScoringModel, dimensions: DimensionTrace[]): OverallTrace {
  const weightOf = new Map(model.dimensions.map((d) => [d.id, d.weight]));
  const applicable = dimensions.filter((d) => d.status !== "not_applicable");
  const scored = dimensions.filter((d) => d.status === "scored");
  let weakest: DimensionTrace | null = null;
  for (const d of scored) if (weakest === null || (d.level as number) < (weakest.level as number)) weakest = d;
  const criticalGaps = scored.filter((d) => (d.level as number) < criticalGapLevel).map((d) => d.id);
  const summary = { weakest: weakest?.id ?? null, criticalGaps };
  if (applicable.length === 0) {
    return { status: "not_applicable", level: null, score100: null, band: null, coverage: null, ...summary };
  }
  const applicableWeight = applicable.reduce((sum, d) => sum + (weightOf.get(d.id) ?? 1), 0);
  const scoredWeight = scored.reduce((sum, d) => sum + (weightOf.get(d.id) ?? 1), 0);
  const coverage = scoredWeight / applicableWeight;
  if (scored.length === 0 || coverage < model.minOverallCoverage - epsilon) {
    return { status: "incomplete", level: null, score100: null, band: null, coverage, ...summary };
  }
  const level = scored.reduce((sum, d) => sum + (weightOf.get(d.id) ?? 1) * (d.level as number), 0) / scoredWeight;
  return { status: "scored", level, score100: score100Of(level), band: bandOf(level), coverage, ...summary };
}

/** Scores one response (docs/scoring.md): every item, every dimension and the overall, with the reasons. */
export function scoreResponse(
  model: ScoringModel,
  answers: Record<string, unknown>,
  options: ScoreOptions,
): ScoreTrace {
  const dimensions = model.dimensions.map((dimension) => {
    const holds = dimension.applicableIf === null || evaluateCondition(dimension.applicableIf, answers);
    const items = model.items
      .filter((item) => item.dimension === dimension.id)
      .map((item) => scoreItem(item, holds, answers, model, options));
    return rollUpDimension(dimension, items, holds, model);
  });
  return {
    basis: options.basis,
    scoringId: model.id,
    scoringVersion: model.version,
    overall: rollUpOverall(model, dimensions),
    dimensions,
  };
}

/** Both bases at once, as the reports show them side by side. */
export function scoreBothBases(
  model: ScoringModel,
  answers: Record<string, unknown>,
  options: Omit<ScoreOptions, "basis">,
): Record<Basis, ScoreTrace> {
  return {
    self: scoreResponse(model, answers, { ...options, basis: "self" }),
    verified: scoreResponse(model, answers, { ...options, basis: "verified" }),
  };
}
