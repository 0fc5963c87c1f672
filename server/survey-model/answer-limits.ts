import type { SurveyModel } from "survey-core";
import { isPlainObject, type AnswerIssue, type AnyQuestion } from "./answer-checks.ts";

/**
 * The most dynamic panels and matrix rows one answer set may hold, all questions and depths together. survey-core
 * builds a panel (and its questions) for each item of a value before anything can be checked, so a few kilobytes of
 * `[{}, {}, ...]` would cost seconds; per-question limits (maxPanelCount, 100 by default) do not bound nested ones.
 */
export const maxAnswerItems = 1000;

/** Where an answer set holds a list of panels or rows, with the most and fewest items the browser allows. */
export interface ItemLimit {
  kind: "panels" | "rows";
  min: number;
  max: number;
  /** Dynamic panels inside each panel, by value name. */
  nested: AnswerLimits;
}

export type AnswerLimits = Map<string, ItemLimit>;

function limitsOf(questions: AnyQuestion[]): AnswerLimits {
  const limits: AnswerLimits = new Map();
  for (const q of questions) {
    const type = q.getType();
    if (type !== "paneldynamic" && type !== "matrixdynamic") continue;
    const own: ItemLimit =
      type === "paneldynamic"
        ? {
            kind: "panels",
            min: Number(q.minPanelCount) || 0,
            max: Number(q.maxPanelCount),
            nested: limitsOf((q.template?.questions ?? []) as AnyQuestion[]),
          }
        : { kind: "rows", min: Number(q.minRowCount) || 0, max: Number(q.maxRowCount), nested: new Map() };
    const name = q.getValueName();
    const shared = limits.get(name);
    // Panels sharing a valueName hold one value: the stricter limits of both apply, and the nested panels of both.
    limits.set(
      name,
      shared
        ? {
            kind: own.kind,
            min: Math.max(shared.min, own.min),
            max: Math.min(shared.max, own.max),
            nested: new Map([...shared.nested, ...own.nested]),
          }
        : own,
    );
  }
  return limits;
}

/** Reads a questionnaire version's limits from its model once. */
export function readAnswerLimits(survey: SurveyModel): AnswerLimits {
  const topLevel = survey.getAllQuestions(false, false, false).filter((q) => !q.parentQuestion);
  return limitsOf(topLevel as AnyQuestion[]);
}

/**
 * The problems of an answer set's lists of panels and rows (not a list, an item that is not an object, more items
 * than allowed), found on the plain JSON before survey-core is given it. Empty when survey-core can take it.
 */
export function checkAnswerLimits(limits: AnswerLimits, data: Record<string, unknown>): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  let items = 0;
  const pending: Array<{ limits: AnswerLimits; value: Record<string, unknown>; path: string }> = [
    { limits, value: data, path: "" },
  ];
  while (pending.length > 0) {
    const { limits: scope, value, path } = pending.pop()!;
    for (const [name, limit] of scope) {
      const list = value[name];
      if (list === undefined || list === null) continue;
      const at = path ? `${path}.${name}` : name;
      if (!Array.isArray(list)) {
        issues.push({ question: at, message: `must be a list of ${limit.kind}` });
        continue;
      }
      if (list.length > limit.max) {
        issues.push({ question: at, message: `must have at most ${limit.max} ${limit.kind}` });
        continue;
      }
      if (list.length > 0 && list.length < limit.min) {
        issues.push({ question: at, message: `must have at least ${limit.min} ${limit.kind}` });
        continue;
      }
      items += list.length;
      if (items > maxAnswerItems) {
        return [{ question: at, message: `more than ${maxAnswerItems} dynamic panels and rows in all` }];
      }
      list.forEach((item, i) => {
        if (!isPlainObject(item)) issues.push({ question: `${at}[${i}]`, message: "must be an object of answers" });
        else if (limit.nested.size > 0) pending.push({ limits: limit.nested, value: item, path: `${at}[${i}]` });
      });
    }
  }
  return issues;
}
