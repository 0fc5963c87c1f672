import type { SurveyModel } from "survey-core";
import { validationPlanOf } from "./plan-registry.ts";
import { clearSurvey, type Answers } from "./validate-answers.ts";

const notAnswerable = new Set(["html", "image", "expression"]);

/**
 * The share of the questions a respondent can see that have an answer: how far along a draft is. Reuses the
 * version's cached model synchronously, like validateAnswers.
 */
export function answeredShare(survey: SurveyModel, data: Answers): number {
  return validationPlanOf(survey)?.answeredShare(data) ?? answeredShareWithModel(survey, data);
}

/** answeredShare through survey-core's model alone. */
export function answeredShareWithModel(survey: SurveyModel, data: Answers): number {
  clearSurvey(survey);
  try {
    survey.data = data;
    const visible = survey.getAllQuestions(true, false, false).filter((q) => !notAnswerable.has(q.getType()));
    if (visible.length === 0) return 0;
    return visible.filter((q) => !q.isEmpty()).length / visible.length;
  } finally {
    clearSurvey(survey);
  }
}
