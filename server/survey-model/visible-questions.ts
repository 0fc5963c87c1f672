import type { SurveyModel } from "survey-core";
import { clearSurvey } from "./answer-checks.ts";
import type { ValidationPlan } from "./validation-plan.ts";

/**
 * The names of the questions a respondent with these answers is shown (visibleIf of the question, its panel
 * and its page), so that scoring can tell an invisible question (not applicable) from an unanswered one
 * (missing): `scoreResponse(model, answers, { isVisible: (q) => names.has(q) })`. The answers are submitted ones,
 * validated already (validateAnswers).
 *
 * Without a plan the version's model is used: it is cleared before and after, so callers must not interleave
 * calls on one model. This is synchronous, so that only matters to code that would hold the model across an
 * `await`.
 */
export function visibleQuestionNames(
  survey: SurveyModel,
  plan: ValidationPlan | null,
  answers: Record<string, unknown>,
): Set<string> {
  return plan?.visibleQuestionNames(answers) ?? visibleQuestionNamesWithModel(survey, answers);
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
