import { Model } from "survey-core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeAnswerPath, describeAnswerValue } from "../../server/survey-model/answer-labels.ts";
import { setupSurveyCore } from "../../server/survey-model/setup-survey-core.ts";

// Revision diffs and profiles show questions and choices in words, in the reader's language, from the
// questionnaire's own translations; a path or value the questionnaire does not know stays as it is.

const questionnaire = {
  pages: [
    {
      elements: [
        {
          type: "radiogroup",
          name: "P2",
          title: { default: "Where is the office?", ru: "Где находится офис?", ky: "Кеңсе кайда?" },
          choices: [
            { value: "bishkek", text: { default: "Bishkek", ru: "Бишкек", ky: "Бишкек ш." } },
            { value: "osh", text: { default: "Osh", ru: "Ош" } },
          ],
        },
        {
          type: "checkbox",
          name: "media",
          title: { default: "Media used", ru: "Какие СМИ" },
          choices: [
            { value: "national_press", text: { default: "National press", ru: "Республиканская пресса" } },
            { value: "radio", text: { default: "Radio", ru: "Радио" } },
          ],
        },
        { type: "boolean", name: "hotline", title: { default: "Runs a hotline", ru: "Есть горячая линия" } },
        {
          type: "matrix",
          name: "skills",
          title: "Skills",
          rows: [{ value: "law", text: { default: "Law", ru: "Право" } }],
          columns: [{ value: 3, text: { default: "Good", ru: "Хорошо" } }],
        },
        {
          type: "matrixdropdown",
          name: "staff",
          title: { default: "Staff", ru: "Сотрудники" },
          rows: [{ value: "paid", text: { default: "Paid", ru: "Штатные" } }],
          columns: [
            { name: "count", title: { default: "How many", ru: "Сколько" }, cellType: "text" },
            { name: "trained", title: { default: "Trained", ru: "Обучены" }, cellType: "dropdown" },
          ],
          choices: [{ value: "yes", text: { default: "Yes", ru: "Да" } }],
        },
        {
          type: "paneldynamic",
          name: "branches",
          title: { default: "Branches", ru: "Филиалы" },
          templateElements: [
            {
              type: "dropdown",
              name: "city",
              title: { default: "City", ru: "Город" },
              choices: [{ value: "naryn", text: { default: "Naryn", ru: "Нарын" } }],
            },
          ],
        },
        {
          type: "multipletext",
          name: "contact",
          title: "Contact",
          items: [{ name: "phone", title: { default: "Phone", ru: "Телефон" } }],
        },
      ],
    },
  ],
};

const words = { row: (n: number) => `row ${n}` };
const ruWords = { row: (n: number) => `строка ${n}` };

function model(locale: string): Model {
  const survey = new Model(questionnaire);
  survey.locale = locale;
  return survey;
}

beforeAll(() => setupSurveyCore());

describe("describeAnswerPath", () => {
  it.each([
    ["en", "P2", "Where is the office?"],
    ["ru", "P2", "Где находится офис?"],
    ["ky", "P2", "Кеңсе кайда?"],
    ["ru", "skills.law", "Skills › Право"],
    ["ru", "staff.paid.count", "Сотрудники › Штатные › Сколько"],
    ["ru", "branches[1].city", "Филиалы › строка 2 › Город"],
    ["ru", "contact.phone", "Contact › Телефон"],
    ["ru", "removed_question", "removed_question"],
  ])("%s %s", (locale, path, expected) => {
    expect(describeAnswerPath(model(locale), path, locale === "ru" ? ruWords : words)).toBe(expected);
  });
});

describe("describeAnswerValue", () => {
  it.each([
    ["en", "P2", "bishkek", "Bishkek"],
    ["ru", "P2", "bishkek", "Бишкек"],
    // A choice without a Kyrgyz text falls back to the questionnaire's default language.
    ["ky", "P2", "osh", "Osh"],
    ["ru", "media", ["national_press", "radio"], "Республиканская пресса, Радио"],
    ["ru", "hotline", true, "Да"],
    ["en", "hotline", false, "No"],
    // The answers summary counts by the answer's text.
    ["ru", "hotline", "true", "Да"],
    ["ru", "media", "radio", "Радио"],
    ["ru", "skills.law", 3, "Хорошо"],
    ["ru", "staff.paid.trained", "yes", "Да"],
    ["ru", "staff.paid.count", "12", "12"],
    ["ru", "branches[0].city", "naryn", "Нарын"],
    ["ru", "P2", "unknown_value", "unknown_value"],
    ["ru", "P2", null, "—"],
    ["ru", "branches", [{ city: "naryn" }], '[{"city":"naryn"}]'],
  ])("%s %s = %j", (locale, path, value, expected) => {
    expect(describeAnswerValue(model(locale), path, value, words)).toBe(expected);
  });
});
