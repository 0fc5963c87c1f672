import type { SurveyModel } from "survey-core";
import { validationPlanOf } from "./plan-registry.ts";
import { clearSurvey } from "./validate-answers.ts";

/**
 * The names of the questions a respondent with these answers is shown (visibleIf of the question, its panel
 * and its page), so that scoring can tell an invisible question (not applicable) from an unanswered one
 * (missing): `scoreResponse(model, answers, { isVisible: (q) => names.has(q) })`.
 *
 * The survey model is reused across calls (building one costs far more than setting its data): it is cleared
 * before and after, so callers must not interleave calls on one model with validateAnswers or each other. Both
 * are synchronous, so this only matters to code that would hold the model across an `await`.
 */
export function visibleQuestionNames(survey: SurveyModel, answers: Record<string, unknown>): Set<string> {
  return validationPlanOf(survey)?.visibleQuestionNames(answers) ?? visibleQuestionNamesWithModel(survey, answers);
}

/** visibleQuestionNames through survey-core's model alone. */
export function visibleQuestionNamesWithModel(survey: SurveyModel, answers: Record<string, unknown>): Set<string> {
  clearSurvey(survey);
  try {
    survey.data = structuredClone(answers);
    return new Set(survey.getAllQuestions(true, false, false).map((q) => q.name));
  } finally {
    clearSurvey(survey);
  }
}
