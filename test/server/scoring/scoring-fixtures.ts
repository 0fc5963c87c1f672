import { lintQuestionnaire } from "../../../server/survey-model/lint-questionnaire.ts";
import type { ScoringModel } from "../../../server/scoring/scoring-model.ts";
import type { SurveyModel } from "survey-core";

/** Lints a questionnaire JSON and returns its scoring model, failing loudly on any lint issue. */
export function lintScored(json: Record<string, unknown>): { scoring: ScoringModel; survey: SurveyModel } {
  const result = lintQuestionnaire(json);
  if (!result.ok) throw new Error(`lint failed: ${JSON.stringify(result.issues)}`);
  if (!result.questionnaire.scoring) throw new Error("the questionnaire has no scoring model");
  return { scoring: result.questionnaire.scoring, survey: result.questionnaire.survey };
}

export type Element = Record<string, unknown>;

export const number = (name: string, score: Record<string, unknown>): Element => ({
  type: "text",
  inputType: "number",
  name,
  score,
});

export const checkbox = (name: string, choices: unknown[], score: Record<string, unknown>): Element => ({
  type: "checkbox",
  name,
  choices,
  score,
});

export const levels = (name: string, score: Record<string, unknown>, extra: unknown[] = []): Element => ({
  type: "radiogroup",
  name,
  choices: [1, 2, 3, 4, ...extra],
  score,
});

/** A questionnaire with these dimensions (weight 1 unless given) and elements, on one page. */
export function questionnaire(
  dimensions: Array<string | Record<string, unknown>>,
  elements: Element[],
  scoring: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: "Scoring test",
    scoring: {
      id: "scoring-test",
      version: "1",
      ...scoring,
      dimensions: dimensions.map((d) => (typeof d === "string" ? { id: d, title: `Dimension ${d}` } : d)),
    },
    pages: [{ name: "p1", elements }],
  };
}

/**
 * Dimensions whose items are all radiogroups 1..4 (choice rule), named `<dim><i>`: `{D1: 3, D2: 2}` builds D1
 * with items D11..D13 and D2 with D21, D22.
 */
export function choiceDimensions(
  itemCounts: Record<string, number>,
  scoring: Record<string, unknown> = {},
  dimensionExtras: Record<string, Record<string, unknown>> = {},
): ScoringModel {
  const dims = Object.keys(itemCounts).map((id) => ({ id, title: id, ...dimensionExtras[id] }));
  const elements = Object.entries(itemCounts).flatMap(([id, count]) =>
    Array.from({ length: count }, (_, i) => levels(`${id}${i + 1}`, { dimension: id, rule: "choice" }, ["na", "dk"])),
  );
  return lintScored(questionnaire(dims, elements, scoring)).scoring;
}
