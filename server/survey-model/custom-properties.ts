import { Serializer } from "survey-core";

/**
 * Registers the custom properties that carry the scoring model (docs/scoring.md) and the audience. survey-core drops properties
 * it does not know, so this must run on server and client before any `new Model()`.
 */
export function registerSapatProperties(): void {
  if (!Serializer.findProperty("survey", "scoring")) {
    Serializer.addProperty("survey", { name: "scoring:object", visible: false });
  }
  // Who answers the questionnaire (ngo, government, ...): lets the workspace offer the right one.
  if (!Serializer.findProperty("survey", "audience")) {
    Serializer.addProperty("survey", { name: "audience", visible: false });
  }
  if (!Serializer.findProperty("question", "score")) {
    Serializer.addProperty("question", { name: "score:object", visible: false });
  }
  if (!Serializer.findProperty("itemvalue", "level")) {
    Serializer.addProperty("itemvalue", { name: "level:number", visible: false });
  }
}
