import { isDeepStrictEqual } from "node:util";
import { settings, type SurveyModel } from "survey-core";
import { displayOnlyTypes, type Answers, type AnyQuestion } from "./answer-checks.ts";

/**
 * Puts an answer set into a fresh survey-core model the way the respondent's browser did: one value at a time, in
 * page order (the start page first), through survey.setValue, so that triggers (visible, setvalue, copyvalue,
 * runexpression, complete, skip), setValueExpression and the conditions run on each change, as they did while the
 * respondent answered. `survey.data = answers` would run none of the triggers: a question that a visible trigger
 * shows would stay hidden and lose its answer.
 *
 * The order a respondent really answered in is unknown; what they sent is their last word. So a value that a
 * trigger or an expression changed after it was set is set again, once, in the same order.
 */
export function replayAnswers(survey: SurveyModel, data: Answers): void {
  const order: Array<{ key: string; comment: boolean }> = [];
  const seen = new Set<string>();
  const add = (key: string, comment: boolean) => {
    if (seen.has(key) || !(key in data)) return;
    seen.add(key);
    order.push({ key, comment });
  };
  for (const page of survey.pages) {
    for (const question of page.questions as AnyQuestion[]) {
      if (displayOnlyTypes.has(question.getType())) continue;
      const name = question.getValueName();
      add(name, false);
      add(name + settings.commentSuffix, true);
    }
  }
  // Keys no question owns (calculated values kept in the results, unknown keys) go last, as the data did.
  for (const key of Object.keys(data)) add(key, false);

  const set = ({ key, comment }: { key: string; comment: boolean }) => {
    const value = structuredClone(data[key]);
    if (comment) survey.setComment(key.slice(0, -settings.commentSuffix.length), value as string);
    else survey.setValue(key, value);
  };
  for (const entry of order) set(entry);
  for (const entry of order) {
    if (!isDeepStrictEqual(plain(survey.getValue(entry.key)), data[entry.key])) set(entry);
  }
}

/** survey-core's value without its array wrappers, comparable to plain JSON. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
