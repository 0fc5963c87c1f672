import { Model, type SurveyModel } from "survey-core";
import {
  allowedKeys,
  checkValue,
  displayOnlyTypes,
  isPlainObject,
  type AnswerIssue,
  type AnyQuestion,
} from "./answer-checks.ts";
import type { Answers } from "./answers.ts";
import { checkAnswerLimits, type AnswerLimits } from "./answer-limits.ts";
import { replayAnswers } from "./replay-answers.ts";
import type { ValidationPlan } from "./validation-plan.ts";

export type { AnswerIssue };

export interface ValidationOutcome {
  issues: AnswerIssue[];
  /** The answers as they are stored: answers to invisible questions dropped, in dynamic panels too. */
  cleaned: Answers;
}

/** What validating a questionnaire version's answers needs, compiled once per version (see compileVersion). */
export interface ValidatableVersion {
  json: unknown;
  /** Null when the version uses something the plan cannot express: every answer set goes through survey-core. */
  plan: ValidationPlan | null;
  limits: AnswerLimits;
}

/**
 * Dynamic panels' answers without those of questions that are invisible within their panel (a visibleIf on
 * `{panel.x}`, an invisible static panel inside the template), at any depth, as SurveyJS clears them on
 * completion. Panels sharing one valueName hold one value: a key stays when it is visible in any of them. Keys no
 * question owns are not kept either (they are reported as unknown anyway).
 */
function visibleInPanels(sharing: AnyQuestion[], value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item, i) => {
    if (!isPlainObject(item)) return item;
    const panels = sharing.map((q) => (q.panels as Array<{ questions: AnyQuestion[] }> | undefined)?.[i]);
    if (panels.every((p) => !p)) return item;
    const visible = panels.flatMap((p) => p?.questions.filter((n) => n.isVisible && n.isParentVisible) ?? []);
    const keep = allowedKeys(visible);
    const kept: Answers = {};
    for (const [key, answer] of Object.entries(item)) {
      if (!keep.has(key)) continue;
      const nested = visible.filter((n) => n.getType() === "paneldynamic" && n.getValueName() === key);
      kept[key] = nested.length > 0 ? visibleInPanels(nested, answer) : answer;
    }
    return kept;
  });
}

function includedCalculatedValues(survey: SurveyModel): string[] {
  return survey.calculatedValues.filter((c) => c.includeIntoResult).map((c) => c.name);
}

/** Every top-level question's path, so that errors of nested questions name their place. */
function pathOf(question: AnyQuestion): string {
  const parent = question.parentQuestion as AnyQuestion | null;
  if (!parent) return question.name;
  const parentPath = pathOf(parent);
  if (parent.getType() === "paneldynamic") {
    const index = (parent.panels as Array<unknown>).indexOf(question.parent);
    return `${parentPath}[${index}].${question.name}`;
  }
  const row = question.data as { rowName?: unknown } | undefined;
  if (parent.getType() === "matrixdynamic") {
    const index = (parent.visibleRows as Array<unknown>).indexOf(row);
    return `${parentPath}[${index}].${question.name}`;
  }
  return row?.rowName !== undefined
    ? `${parentPath}.${String(row.rowName)}.${question.name}`
    : `${parentPath}.${question.name}`;
}

/**
 * Validates an answer set as survey-core in the respondent's browser would, plus the checks it lets through:
 * 1. the number and shape of dynamic panels and rows, before survey-core sees them (it builds a panel for each);
 * 2. the version's validation plan, which accepts most answer sets without a survey-core model;
 * 3. otherwise a fresh survey-core model: the answers replayed one by one in page order, so that triggers and
 *    expressions fire as they did in the browser, then every page validated (the start page too), then the answers
 *    of questions hidden in the end dropped.
 * A fresh model per answer set, because triggers change the model itself (a visible trigger shows a question for
 * good): a model shared between requests would carry one respondent's state into the next one's validation.
 */
export function validateAnswers(version: ValidatableVersion, data: Answers, locale?: string): ValidationOutcome {
  const limitIssues = checkAnswerLimits(version.limits, data);
  if (limitIssues.length > 0) return { issues: limitIssues, cleaned: {} };
  const verdict = version.plan?.check(data);
  if (verdict?.accepted) return { issues: [], cleaned: verdict.cleaned };
  return validateWithModel(new Model(version.json), data, locale);
}

/**
 * The answers as validateAnswers would store them, when the limits and the version's plan accept them; null when it
 * takes validateAnswers to say (refusals are named by survey-core's model).
 */
export function acceptedByPlan(version: ValidatableVersion, data: Answers): Answers | null {
  if (checkAnswerLimits(version.limits, data).length > 0) return null;
  const verdict = version.plan?.check(data);
  return verdict?.accepted ? verdict.cleaned : null;
}

/** validateAnswers through survey-core's model alone, on a model that no one else uses. */
export function validateWithModel(survey: SurveyModel, data: Answers, locale?: string): ValidationOutcome {
  const issues: AnswerIssue[] = [];
  survey.locale = locale ?? "";
  const allQuestions = survey.getAllQuestions(false, false, false);
  const known = allowedKeys(allQuestions);
  for (const name of includedCalculatedValues(survey)) known.add(name);
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ question: key, message: "unknown question" });
  }

  const reached = replayAnswers(survey, data);
  const visible = survey.getAllQuestions(true, false, false) as AnyQuestion[];
  for (const q of visible) {
    if (!displayOnlyTypes.has(q.getType())) checkValue(q, data[q.getValueName()], q.name, issues);
  }

  // survey.validate() leaves out the start page, which the browser validates when the respondent starts; pages
  // a complete or skip trigger kept the respondent from are not validated in the browser either.
  for (const page of reached) if (page.isVisible) page.validate(true, false);
  const seen = new Set(issues.map((i) => i.question));
  for (const q of survey.getAllQuestions(true, false, true) as AnyQuestion[]) {
    if (!q.errors?.length) continue;
    const path = pathOf(q);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ question: path, message: q.errors.map((e: { getText(): string }) => e.getText()).join(" ") });
  }

  const keep = allowedKeys(visible);
  for (const name of includedCalculatedValues(survey)) keep.add(name);
  const cleaned: Answers = {};
  for (const [key, value] of Object.entries(data)) {
    if (!keep.has(key)) continue;
    const dynamic = visible.filter((q) => q.getType() === "paneldynamic" && q.getValueName() === key);
    cleaned[key] = dynamic.length > 0 ? visibleInPanels(dynamic, value) : value;
  }
  return { issues, cleaned };
}
