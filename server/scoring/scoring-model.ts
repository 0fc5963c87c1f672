import { inWords, type Said } from "../i18n/details.ts";
import { ConditionsParser, type Question, type SurveyModel } from "survey-core";

// The scoring model of docs/scoring.md as it is read from a questionnaire's JSON, and its lint.

export const scoringRules = ["choice", "likert", "boolean", "thresholds", "breadth"] as const;
export type ScoringRule = (typeof scoringRules)[number];

export type LocalizedText = string | Record<string, string>;

export interface DimensionDefinition {
  id: string;
  title: LocalizedText;
  weight: number;
  applicableIf: string | null;
}

export interface ItemDefinition {
  question: string;
  questionType: string;
  dimension: string;
  weight: number;
  rule: ScoringRule;
  applicableIf: string | null;
  /** thresholds and breadth */
  cuts: number[] | null;
  lowerIsBetter: boolean;
  annualise: boolean;
  /** breadth */
  map: number[] | null;
  exclude: string[];
  /** likert */
  from: number;
  to: number;
  reverse: boolean;
  /** choice: value -> level, from the choices' `level` or their numeric value */
  choiceLevels: Record<string, number>;
}

export interface ScoringModel {
  id: string;
  version: string;
  minCoverage: number;
  minItems: number;
  minOverallCoverage: number;
  periodMonths: string | null;
  dimensions: DimensionDefinition[];
  items: ItemDefinition[];
}

export interface LintIssue {
  field: string;
  /** In English; `said` says it in the language of whoever reads the refusal (server/i18n/details.ts). */
  message: string;
  said?: Said;
}

const defaultExclude = ["none", "other", "na", "dk"];
/** Choice values that are answers about the question, not levels. */
const nonLevelValues = new Set(["dk", "na", "none", "other"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isLevel(value: unknown): value is number {
  return isNumber(value) && value >= 1 && value <= 4;
}

function parseCondition(expression: unknown, field: string, issues: LintIssue[]): string | null {
  if (expression === undefined || expression === null || expression === "") return null;
  if (typeof expression !== "string") {
    issues.push({ field, ...inWords("scoring.conditionNotString") });
    return null;
  }
  const parser = new ConditionsParser();
  if (!parser.parseExpression(expression)) {
    issues.push({ field, ...inWords("scoring.conditionUnparsable", { expression }) });
    return null;
  }
  return expression;
}

function readCuts(raw: unknown, field: string, issues: LintIssue[]): number[] | null {
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 3 || !raw.every(isNumber)) {
    issues.push({ field, ...inWords("scoring.cutsShape") });
    return null;
  }
  for (let i = 1; i < raw.length; i++) {
    if ((raw[i] as number) <= (raw[i - 1] as number)) {
      issues.push({ field, ...inWords("scoring.cutsOrder", { cuts: raw.join(", ") }) });
      return null;
    }
  }
  return raw;
}

function readChoiceLevels(question: Question, field: string, issues: LintIssue[]): Record<string, number> {
  const levels: Record<string, number> = {};
  const type = question.getType();
  if (type === "rating" && !(question as unknown as { rateValues: unknown[] }).rateValues?.length) {
    const q = question as unknown as { rateMin: number; rateMax: number; rateStep: number };
    for (let v = q.rateMin; v <= q.rateMax; v += q.rateStep || 1) {
      if (!isLevel(v)) issues.push({ field, ...inWords("scoring.ratingNotLevel", { value: v }) });
      else levels[String(v)] = v;
    }
    return levels;
  }
  const choices = ((question as unknown as { choices?: unknown[]; rateValues?: unknown[] }).choices ??
    (question as unknown as { rateValues?: unknown[] }).rateValues ??
    []) as Array<{ value: unknown; level?: unknown }>;
  if (choices.length === 0) issues.push({ field, ...inWords("scoring.choiceNoChoices") });
  for (const choice of choices) {
    const key = String(choice.value);
    if (choice.level !== undefined && choice.level !== null) {
      if (!isLevel(choice.level)) {
        issues.push({ field, ...inWords("scoring.choiceLevelRange", { choice: key, level: String(choice.level) }) });
      } else levels[key] = choice.level;
    } else if (!nonLevelValues.has(key)) {
      const numeric = Number(key);
      if (!isLevel(numeric)) {
        issues.push({ field, ...inWords("scoring.choiceNoLevel", { choice: key }) });
      } else levels[key] = numeric;
    }
  }
  return levels;
}

function readItem(
  question: Question,
  raw: Record<string, unknown>,
  dimensionIds: Set<string>,
  hasPeriod: boolean,
  issues: LintIssue[],
): ItemDefinition | null {
  const field = `${question.name}.score`;
  const before = issues.length;
  const dimension = raw.dimension;
  if (typeof dimension !== "string" || !dimensionIds.has(dimension)) {
    issues.push({
      field: `${field}.dimension`,
      ...inWords("scoring.unknownDimension", { dimension: String(dimension) }),
    });
  }
  const rule = raw.rule;
  if (typeof rule !== "string" || !(scoringRules as readonly string[]).includes(rule)) {
    issues.push({
      field: `${field}.rule`,
      ...inWords("scoring.unknownRule", { rule: String(rule), rules: scoringRules.join(", ") }),
    });
    return null;
  }
  const weight = raw.weight ?? 1;
  if (!isNumber(weight) || weight <= 0) issues.push({ field: `${field}.weight`, ...inWords("scoring.weightPositive") });
  const item: ItemDefinition = {
    question: question.name,
    questionType: question.getType(),
    dimension: String(dimension),
    weight: Number(weight),
    rule: rule as ScoringRule,
    applicableIf: parseCondition(raw.applicableIf, `${field}.applicableIf`, issues),
    cuts: readCuts(raw.cuts, `${field}.cuts`, issues),
    lowerIsBetter: raw.lowerIsBetter === true,
    annualise: raw.annualise === true,
    map: null,
    exclude: defaultExclude,
    from: 1,
    to: 5,
    reverse: raw.reverse === true,
    choiceLevels: {},
  };
  switch (item.rule) {
    case "thresholds":
      if (raw.cuts === undefined) issues.push({ field: `${field}.cuts`, ...inWords("scoring.thresholdsNeedCuts") });
      if (item.annualise && !hasPeriod) {
        issues.push({ field: `${field}.annualise`, ...inWords("scoring.annualiseNeedsPeriod") });
      }
      break;
    case "breadth":
      if (raw.map !== undefined) {
        if (!Array.isArray(raw.map) || raw.map.length === 0 || !raw.map.every(isLevel)) {
          issues.push({ field: `${field}.map`, ...inWords("scoring.mapShape") });
        } else item.map = raw.map;
      } else if (raw.cuts === undefined) {
        issues.push({ field: `${field}.cuts`, ...inWords("scoring.breadthNeedsCuts") });
      }
      if (raw.exclude !== undefined) {
        if (!Array.isArray(raw.exclude) || !raw.exclude.every((v) => typeof v === "string")) {
          issues.push({ field: `${field}.exclude`, ...inWords("scoring.excludeShape") });
        } else item.exclude = raw.exclude;
      }
      break;
    case "likert":
      item.from = raw.from === undefined ? 1 : Number(raw.from);
      item.to = raw.to === undefined ? 5 : Number(raw.to);
      if (!Number.isFinite(item.from) || !Number.isFinite(item.to) || item.from >= item.to) {
        issues.push({ field: `${field}.from`, ...inWords("scoring.likertRange") });
      }
      break;
    case "choice":
      item.choiceLevels = readChoiceLevels(question, `${field}.rule`, issues);
      break;
    case "boolean":
      break;
  }
  return issues.length === before ? item : null;
}

/**
 * Reads and checks the scoring model of a loaded questionnaire. Returns null as model when the
 * questionnaire has no `scoring`; issues are lint errors that make the questionnaire unusable.
 */
export function readScoringModel(
  survey: SurveyModel,
  rawJson: Record<string, unknown>,
): {
  model: ScoringModel | null;
  issues: LintIssue[];
} {
  const issues: LintIssue[] = [];
  const raw = rawJson.scoring;
  const questions = survey.getAllQuestions(false, false, false);
  const scored = questions.filter((q) => isPlainObject((q as unknown as { score?: unknown }).score));
  if (raw === undefined || raw === null) {
    if (scored.length > 0) {
      issues.push({ field: "scoring", ...inWords("scoring.scoreWithoutModel") });
    }
    return { model: null, issues };
  }
  if (!isPlainObject(raw)) return { model: null, issues: [{ field: "scoring", ...inWords("scoring.notObject") }] };

  if (typeof raw.id !== "string" || raw.id === "")
    issues.push({ field: "scoring.id", ...inWords("scoring.idRequired") });
  if (typeof raw.version !== "string" && !isNumber(raw.version)) {
    issues.push({ field: "scoring.version", ...inWords("scoring.versionRequired") });
  }
  const fraction = (name: "minCoverage" | "minOverallCoverage", fallback: number): number => {
    const value = raw[name] ?? fallback;
    if (!isNumber(value) || value < 0 || value > 1) {
      issues.push({ field: `scoring.${name}`, ...inWords("scoring.fraction", { name }) });
      return fallback;
    }
    return value;
  };
  const minCoverage = fraction("minCoverage", 0.6);
  const minOverallCoverage = fraction("minOverallCoverage", 0.75);
  const minItems = raw.minItems ?? 2;
  if (!Number.isInteger(minItems) || (minItems as number) < 1) {
    issues.push({ field: "scoring.minItems", ...inWords("scoring.minItems") });
  }
  let periodMonths: string | null = null;
  if (raw.periodMonths !== undefined) {
    if (typeof raw.periodMonths !== "string" || !questions.some((q) => q.getValueName() === raw.periodMonths)) {
      issues.push({
        field: "scoring.periodMonths",
        ...inWords("scoring.periodNoQuestion", { value: String(raw.periodMonths) }),
      });
    } else periodMonths = raw.periodMonths;
  }

  const dimensions: DimensionDefinition[] = [];
  if (!Array.isArray(raw.dimensions) || raw.dimensions.length === 0) {
    issues.push({ field: "scoring.dimensions", ...inWords("scoring.dimensionsShape") });
  } else {
    raw.dimensions.forEach((d: unknown, i: number) => {
      const field = `scoring.dimensions[${i}]`;
      if (!isPlainObject(d) || typeof d.id !== "string" || d.id === "") {
        issues.push({ field: `${field}.id`, ...inWords("scoring.dimensionNeedsId") });
        return;
      }
      if (dimensions.some((other) => other.id === d.id)) {
        issues.push({ field: `${field}.id`, ...inWords("scoring.dimensionTwice", { id: d.id }) });
        return;
      }
      const weight = d.weight ?? 1;
      if (!isNumber(weight) || weight <= 0)
        issues.push({ field: `${field}.weight`, ...inWords("scoring.weightPositive") });
      dimensions.push({
        id: d.id,
        title: (d.title as LocalizedText | undefined) ?? d.id,
        weight: Number(weight),
        applicableIf: parseCondition(d.applicableIf, `${field}.applicableIf`, issues),
      });
    });
  }

  const dimensionIds = new Set(dimensions.map((d) => d.id));
  const items: ItemDefinition[] = [];
  for (const question of scored) {
    if (question.parentQuestion) {
      issues.push({ field: `${question.name}.score`, ...inWords("scoring.onlyTopLevel") });
      continue;
    }
    const item = readItem(
      question,
      (question as unknown as { score: Record<string, unknown> }).score,
      dimensionIds,
      periodMonths !== null,
      issues,
    );
    if (item) items.push(item);
  }
  if (issues.length > 0) return { model: null, issues };
  return {
    model: {
      id: raw.id as string,
      version: String(raw.version),
      minCoverage,
      minItems: minItems as number,
      minOverallCoverage,
      periodMonths,
      dimensions,
      items,
    },
    issues,
  };
}
