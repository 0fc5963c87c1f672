import { Model, type SurveyModel } from "survey-core";
import type { Answers } from "./answers.ts";
import { checkAnswerLimits } from "./answer-limits.ts";
import { replayAnswers } from "./replay-answers.ts";
import type { ValidatableVersion } from "./validate-answers.ts";

const notAnswerable = new Set(["html", "image", "expression"]);

/**
 * The share of the questions a respondent can see that have an answer: how far along a draft is. A draft whose
 * lists of panels or rows survey-core could not take (see checkAnswerLimits) gets its issues instead, so that it is
 * refused rather than stored.
 */
export function answeredShare(
  version: ValidatableVersion,
  data: Answers,
): { share: number; issues: ReturnType<typeof checkAnswerLimits> } {
  const issues = checkAnswerLimits(version.limits, data);
  if (issues.length > 0) return { share: 0, issues };
  const share = version.plan?.answeredShare(data) ?? answeredShareWithModel(new Model(version.json), data);
  return { share, issues };
}

/** answeredShare by the version's plan alone, for answers within their limits; null when it takes a model to say. */
export function shareByPlan(version: ValidatableVersion, data: Answers): number | null {
  if (checkAnswerLimits(version.limits, data).length > 0) return null;
  return version.plan?.answeredShare(data) ?? null;
}

/** answeredShare through a survey-core model no one else uses, the answers replayed as the browser set them. */
export function answeredShareWithModel(survey: SurveyModel, data: Answers): number {
  replayAnswers(survey, data);
  const visible = survey.getAllQuestions(true, false, false).filter((q) => !notAnswerable.has(q.getType()));
  if (visible.length === 0) return 0;
  return visible.filter((q) => !q.isEmpty()).length / visible.length;
}
