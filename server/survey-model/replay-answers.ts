import { isDeepStrictEqual } from "node:util";
import { settings, type PageModel, type SurveyModel, type SurveyTrigger } from "survey-core";
import { displayOnlyTypes, type AnyQuestion } from "./answer-checks.ts";
import type { Answers } from "./answers.ts";

/**
 * Puts an answer set into a fresh survey-core model the way the respondent's browser did: one value at a time, in
 * page order (the start page first), through survey.setValue, so that triggers (visible, setvalue, copyvalue,
 * runexpression, complete, skip), setValueExpression and the conditions run on each change, as they did while the
 * respondent answered. `survey.data = answers` would run none of the triggers: a question that a visible trigger
 * shows would stay hidden and lose its answer.
 *
 * The order a respondent really answered in is unknown; what they sent is their last word. So a value that a
 * trigger or an expression changed after it was set is set again, once, in the same order.
 *
 * Returns the pages the respondent reached: all of them, bar those after a page whose complete trigger holds and
 * those a skip trigger jumps over.
 */
export function replayAnswers(survey: SurveyModel, data: Answers): PageModel[] {
  const order: Array<{ key: string; comment: boolean }> = [];
  const seen = new Set<string>();
  const set = ({ key, comment }: { key: string; comment: boolean }) => {
    const value = structuredClone(data[key]);
    if (comment) survey.setComment(key.slice(0, -settings.commentSuffix.length), value as string);
    else survey.setValue(key, value);
  };
  const enter = (key: string, comment: boolean) => {
    if (seen.has(key) || !(key in data)) return;
    seen.add(key);
    order.push({ key, comment });
    set({ key, comment });
  };
  const reached: PageModel[] = [];
  let skipTo = -1;
  let completed = false;
  survey.pages.forEach((page, index) => {
    if (!completed && index >= skipTo) reached.push(page);
    for (const question of page.questions as AnyQuestion[]) {
      if (displayOnlyTypes.has(question.getType())) continue;
      const name = question.getValueName();
      enter(name, false);
      enter(name + settings.commentSuffix, true);
    }
    if (completed || !page.isVisible || index < skipTo) return;
    // Leaving this page: a complete trigger ends the survey here, a skip trigger jumps over the pages before its
    // question. Pages the respondent never reached are not validated by survey-core in the browser either.
    for (const trigger of survey.triggers as Array<SurveyTrigger & Record<string, any>>) {
      if (!trigger.expression || !survey.runExpression(trigger.expression)) continue;
      if (trigger.getType() === "completetrigger") completed = true;
      if (trigger.getType() === "skiptrigger") {
        const target = survey.getQuestionByName(trigger.gotoName)?.page as PageModel | undefined;
        const targetIndex = target ? survey.pages.indexOf(target) : -1;
        if (targetIndex > index) skipTo = Math.max(skipTo, targetIndex);
      }
    }
  });
  // Keys no question owns (calculated values kept in the results, unknown keys) go last, as the data did.
  for (const key of Object.keys(data)) enter(key, false);
  for (const entry of order) {
    if (!isDeepStrictEqual(plain(survey.getValue(entry.key)), data[entry.key])) set(entry);
  }
  return reached;
}

/** survey-core's value without its array wrappers, comparable to plain JSON. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
