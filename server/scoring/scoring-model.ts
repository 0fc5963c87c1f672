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
  message: string;
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
    issues.push({ field, message: "applicableIf must be a SurveyJS expression string" });
    return null;
  }
  const parser = new ConditionsParser();
  if (!parser.parseExpression(expression)) {
    issues.push({ field, message: `applicableIf "${expression}" cannot be parsed` });
    return null;
  }
  return expression;
}

function readCuts(raw: unknown, field: string, issues: LintIssue[]): number[] | null {
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 3 || !raw.every(isNumber)) {
    issues.push({ field, message: "cuts must be an array of 1 to 3 numbers" });
    return null;
  }
  for (let i = 1; i < raw.length; i++) {
    if ((raw[i] as number) <= (raw[i - 1] as number)) {
      issues.push({ field, message: `cuts must be strictly ascending, got [${raw.join(", ")}]` });
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
      if (!isLevel(v)) issues.push({ field, message: `rating value ${v} is not a level 1..4: use the likert rule` });
      else levels[String(v)] = v;
    }
    return levels;
  }
  const choices = ((question as unknown as { choices?: unknown[]; rateValues?: unknown[] }).choices ??
    (question as unknown as { rateValues?: unknown[] }).rateValues ??
    []) as Array<{ value: unknown; level?: unknown }>;
  if (choices.length === 0) issues.push({ field, message: "the choice rule needs a question with choices" });
  for (const choice of choices) {
    const key = String(choice.value);
    if (choice.level !== undefined && choice.level !== null) {
      if (!isLevel(choice.level)) {
        issues.push({ field, message: `choice "${key}" has level ${String(choice.level)}, outside 1..4` });
      } else levels[key] = choice.level;
    } else if (!nonLevelValues.has(key)) {
      const numeric = Number(key);
      if (!isLevel(numeric)) {
        issues.push({ field, message: `choice "${key}" has no level and its value is not a level 1..4` });
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
    issues.push({ field: `${field}.dimension`, message: `unknown dimension "${String(dimension)}"` });
  }
  const rule = raw.rule;
  if (typeof rule !== "string" || !(scoringRules as readonly string[]).includes(rule)) {
    issues.push({
      field: `${field}.rule`,
      message: `unknown rule "${String(rule)}" (one of ${scoringRules.join(", ")})`,
    });
    return null;
  }
  const weight = raw.weight ?? 1;
  if (!isNumber(weight) || weight <= 0)
    issues.push({ field: `${field}.weight`, message: "weight must be a positive number" });
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
      if (raw.cuts === undefined) issues.push({ field: `${field}.cuts`, message: "the thresholds rule needs cuts" });
      if (item.annualise && !hasPeriod) {
        issues.push({ field: `${field}.annualise`, message: "annualise needs scoring.periodMonths" });
      }
      break;
    case "breadth":
      if (raw.map !== undefined) {
        if (!Array.isArray(raw.map) || raw.map.length === 0 || !raw.map.every(isLevel)) {
          issues.push({ field: `${field}.map`, message: "map must be a non-empty array of levels 1..4" });
        } else item.map = raw.map;
      } else if (raw.cuts === undefined) {
        issues.push({ field: `${field}.cuts`, message: "the breadth rule needs cuts or map" });
      }
      if (raw.exclude !== undefined) {
        if (!Array.isArray(raw.exclude) || !raw.exclude.every((v) => typeof v === "string")) {
          issues.push({ field: `${field}.exclude`, message: "exclude must be an array of choice values" });
        } else item.exclude = raw.exclude;
      }
      break;
    case "likert":
      item.from = raw.from === undefined ? 1 : Number(raw.from);
      item.to = raw.to === undefined ? 5 : Number(raw.to);
      if (!Number.isFinite(item.from) || !Number.isFinite(item.to) || item.from >= item.to) {
        issues.push({ field: `${field}.from`, message: "likert needs from < to" });
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
      issues.push({ field: "scoring", message: `questions carry "score" but the survey has no "scoring" model` });
    }
    return { model: null, issues };
  }
  if (!isPlainObject(raw)) return { model: null, issues: [{ field: "scoring", message: "scoring must be an object" }] };

  if (typeof raw.id !== "string" || raw.id === "")
    issues.push({ field: "scoring.id", message: "scoring.id is required" });
  if (typeof raw.version !== "string" && !isNumber(raw.version)) {
    issues.push({ field: "scoring.version", message: "scoring.version is required" });
  }
  const fraction = (name: "minCoverage" | "minOverallCoverage", fallback: number): number => {
    const value = raw[name] ?? fallback;
    if (!isNumber(value) || value < 0 || value > 1) {
      issues.push({ field: `scoring.${name}`, message: `${name} must be a number from 0 to 1` });
      return fallback;
    }
    return value;
  };
  const minCoverage = fraction("minCoverage", 0.6);
  const minOverallCoverage = fraction("minOverallCoverage", 0.75);
  const minItems = raw.minItems ?? 2;
  if (!Number.isInteger(minItems) || (minItems as number) < 1) {
    issues.push({ field: "scoring.minItems", message: "minItems must be a positive integer" });
  }
  let periodMonths: string | null = null;
  if (raw.periodMonths !== undefined) {
    if (typeof raw.periodMonths !== "string" || !questions.some((q) => q.getValueName() === raw.periodMonths)) {
      issues.push({
        field: "scoring.periodMonths",
        message: `periodMonths names no question: "${String(raw.periodMonths)}"`,
      });
    } else periodMonths = raw.periodMonths;
  }

  const dimensions: DimensionDefinition[] = [];
  if (!Array.isArray(raw.dimensions) || raw.dimensions.length === 0) {
    issues.push({ field: "scoring.dimensions", message: "scoring.dimensions must be a non-empty array" });
  } else {
    raw.dimensions.forEach((d: unknown, i: number) => {
      const field = `scoring.dimensions[${i}]`;
      if (!isPlainObject(d) || typeof d.id !== "string" || d.id === "") {
        issues.push({ field: `${field}.id`, message: "a dimension needs an id" });
        return;
      }
      if (dimensions.some((other) => other.id === d.id)) {
        issues.push({ field: `${field}.id`, message: `dimension "${d.id}" is defined twice` });
        return;
      }
      const weight = d.weight ?? 1;
      if (!isNumber(weight) || weight <= 0)
        issues.push({ field: `${field}.weight`, message: "weight must be a positive number" });
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
      issues.push({ field: `${question.name}.score`, message: "only top-level questions can be scored" });
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
