import { describe, expect, it } from "vitest";
import { answeredShare } from "../../server/survey-model/answered-share.ts";
import { lintQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import { validateAnswers } from "../../server/survey-model/validate-answers.ts";
import { readFixture } from "../helpers/scenario.ts";

function model(json: unknown) {
  const linted = lintQuestionnaire(json);
  if (!linted.ok) throw new Error(JSON.stringify(linted.issues));
  return linted.questionnaire;
}

const twoProjects = { name: "A", projects: [{ project_name: "One" }, { project_name: "Two" }] };

// One compiled version serves every request: one answer set must not leave its dynamic panels behind for the next.
describe("a reused survey model and dynamic panels", () => {
  it("does not check the next answers against the panels of the previous ones", () => {
    const survey = model(readFixture("small-survey.json"));
    expect(validateAnswers(survey, twoProjects, "en").issues).toEqual([]);
    expect(validateAnswers(survey, { name: "B" }, "en").issues).toEqual([]);
  });

  it("nor after a progress count on a fresh model", () => {
    const survey = model(readFixture("small-survey.json"));
    answeredShare(survey, twoProjects);
    expect(validateAnswers(survey, { name: "B" }, "en").issues).toEqual([]);
  });

  it("keeps the panel count the questionnaire declares", () => {
    const survey = model({
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "paneldynamic",
              name: "items",
              panelCount: 1,
              templateElements: [{ type: "text", name: "x", isRequired: true }],
            },
          ],
        },
      ],
    });
    expect(validateAnswers(survey, { items: [{ x: "a" }, { x: "b" }, { x: "c" }] }).issues).toEqual([]);
    expect(validateAnswers(survey, {}).issues.map((i) => i.question)).toEqual(["items[0].x"]);
  });
});
