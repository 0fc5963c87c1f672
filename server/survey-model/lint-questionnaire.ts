import { Model, Serializer, type Question, type SurveyModel } from "survey-core";
import { inWords } from "../i18n/details.ts";
import { readScoringModel, type LintIssue, type ScoringModel } from "../scoring/scoring-model.ts";
import { readAnswerLimits, type AnswerLimits } from "./answer-limits.ts";
import { lintStructure } from "./lint-structure.ts";
import { setupSurveyCore } from "./setup-survey-core.ts";
import { compileValidationPlan, type ValidationPlan } from "./validation-plan.ts";

export type { LintIssue };

export interface LintedQuestionnaire {
  json: Record<string, unknown>;
  /** Kept for reading (scoring, reports): validation builds a model of its own for each answer set. */
  survey: SurveyModel;
  /** See validation-plan.ts; null when the version uses what the plan cannot express. */
  plan: ValidationPlan | null;
  limits: AnswerLimits;
  scoring: ScoringModel | null;
  title: string;
  audience: string | null;
  questionCount: number;
  /** Problems SurveyJS itself tolerates (unknown properties, html without a name): reported, not fatal. */
  warnings: string[];
}

export type LintResult = { ok: true; questionnaire: LintedQuestionnaire } | { ok: false; issues: LintIssue[] };

/** Elements that hold no answer, so that two of them may share a name. */
const displayOnlyTypes = new Set(["html", "image"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * survey-core turns an unknown element type into a vague error about its parent's "elements"; walking the
 * raw JSON names the element and the type instead.
 */
function findUnknownTypes(node: unknown, field: string, issues: LintIssue[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => findUnknownTypes(child, `${field}[${i}]`, issues));
    return;
  }
  if (!isPlainObject(node)) return;
  if (typeof node.type === "string" && (field.includes("elements") || field.includes("questions"))) {
    const known = Serializer.findClass(node.type);
    if (
      !known ||
      !(Serializer.isDescendantOf(node.type, "question") || Serializer.isDescendantOf(node.type, "panelbase"))
    ) {
      const words =
        typeof node.name === "string"
          ? inWords("lint.unknownTypeNamed", { name: node.name, type: node.type })
          : inWords("lint.unknownType", { type: node.type });
      issues.push({ field: `${field}.type`, ...words });
    }
  }
  if (typeof node.cellType === "string" && !Serializer.findClass(node.cellType)) {
    issues.push({ field: `${field}.cellType`, ...inWords("lint.unknownCellType", { type: node.cellType }) });
  }
  for (const key of ["pages", "elements", "questions", "templateElements", "columns"]) {
    if (key in node) findUnknownTypes(node[key], field ? `${field}.${key}` : key, issues);
  }
}

/**
 * Two answer-holding questions under one name would write one value from two definitions. Identical copies
 * (which real questionnaires contain) share their value harmlessly, so only differing definitions are errors.
 */
function findConflictingNames(questions: Question[], scope: string, issues: LintIssue[]): void {
  const byName = new Map<string, string>();
  for (const question of questions) {
    if (displayOnlyTypes.has(question.getType())) continue;
    const definition = JSON.stringify({ type: question.getType(), ...question.toJSON() });
    const seen = byName.get(question.name);
    if (seen === undefined) byName.set(question.name, definition);
    else if (seen !== definition) {
      issues.push({ field: `${scope}${question.name}`, ...inWords("lint.duplicateName", { name: question.name }) });
    }
  }
}

function nestedScopes(question: Question): Array<{ scope: string; questions: Question[] }> {
  const q = question as unknown as {
    template?: { questions: Question[] };
    columns?: Array<{ name: string; templateQuestion: Question }>;
    templateElements?: unknown;
  };
  const scopes: Array<{ scope: string; questions: Question[] }> = [];
  if (question.getType() === "paneldynamic" && q.template) {
    scopes.push({ scope: `${question.name}.`, questions: q.template.questions });
  }
  if (question.getType().startsWith("matrixd") && q.columns) {
    scopes.push({ scope: `${question.name}.`, questions: q.columns.map((c) => c.templateQuestion) });
  }
  return scopes;
}

function localizedDefault(value: unknown): string {
  if (typeof value === "string") return value;
  if (isPlainObject(value)) {
    const text = value.default ?? value.en ?? Object.values(value)[0];
    return typeof text === "string" ? text : "";
  }
  return "";
}

/**
 * Loads a questionnaire JSON with survey-core and collects every reason it cannot serve. A version stored already
 * (`stored: true`) is not held to structure rules added since (lint-structure.ts): its responses stay answerable,
 * and the survey workers' time budget bounds what it costs.
 */
export function lintQuestionnaire(json: unknown, options: { stored?: boolean } = {}): LintResult {
  setupSurveyCore();
  if (!isPlainObject(json)) return { ok: false, issues: [{ field: "json", ...inWords("lint.notObject") }] };
  const hasPages = Array.isArray(json.pages) && json.pages.length > 0;
  const hasElements = Array.isArray(json.elements) || Array.isArray(json.questions);
  if (!hasPages && !hasElements) {
    return { ok: false, issues: [{ field: "json.pages", ...inWords("lint.noPages") }] };
  }
  const issues: LintIssue[] = options.stored ? [] : lintStructure(json);
  if (issues.length > 0) return { ok: false, issues };
  findUnknownTypes(json, "", issues);
  if (issues.length > 0) return { ok: false, issues };

  const survey = new Model(json);
  const questions = survey.getAllQuestions(false, false, false);
  if (questions.length === 0) issues.push({ field: "json.pages", ...inWords("lint.noQuestions") });
  findConflictingNames(questions, "", issues);
  for (const question of questions) {
    for (const { scope, questions: nested } of nestedScopes(question)) findConflictingNames(nested, scope, issues);
  }
  const scoring = readScoringModel(survey, json);
  issues.push(...scoring.issues);
  if (issues.length > 0) return { ok: false, issues };

  const audience = typeof json.audience === "string" ? json.audience : null;
  return {
    ok: true,
    questionnaire: {
      json,
      survey,
      plan: compileValidationPlan(survey).plan,
      limits: readAnswerLimits(survey),
      scoring: scoring.model,
      title: localizedDefault(json.title) || "Untitled questionnaire",
      audience,
      questionCount: questions.filter((q) => !displayOnlyTypes.has(q.getType())).length,
      warnings: (survey.jsonErrors ?? []).map((e) => e.message),
    },
  };
}
