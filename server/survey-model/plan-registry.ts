import type { SurveyModel } from "survey-core";
import type { ValidationPlan } from "./validation-plan.ts";

// A questionnaire version's validation plan lives as long as its cached model: validateAnswers(survey, ...) and its
// siblings find it from the model they are given, so no caller has to carry it.
const plans = new WeakMap<SurveyModel, ValidationPlan>();

export function attachValidationPlan(survey: SurveyModel, plan: ValidationPlan): void {
  plans.set(survey, plan);
}

export function validationPlanOf(survey: SurveyModel): ValidationPlan | undefined {
  return plans.get(survey);
}
