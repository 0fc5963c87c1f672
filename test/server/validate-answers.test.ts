import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { lintQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import type { Answers } from "../../server/survey-model/answers.ts";
import { validateAnswers } from "../../server/survey-model/validate-answers.ts";

// validateAnswers on its own, with models built the way the catalogue builds them.

function surveyOf(json: Record<string, unknown>) {
  const linted = lintQuestionnaire(json);
  if (!linted.ok) throw new Error(`lint: ${JSON.stringify(linted.issues)}`);
  return linted.questionnaire;
}

/** What survey-core itself holds as data after a respondent's clicks, built by `answer` on a live model. */
function browserData(json: Record<string, unknown>, answer: (q: (name: string) => any) => void): Answers {
  const model = new Model(json);
  answer((name) => model.getQuestionByName(name));
  return model.data;
}

describe("answers inside dynamic panels", () => {
  const json = {
    elements: [
      {
        type: "paneldynamic",
        name: "relatives",
        templateElements: [
          { type: "radiogroup", name: "alive", choices: ["yes", "no"], isRequired: true },
          { type: "text", name: "age", inputType: "number", visibleIf: "{panel.alive} = 'yes'" },
          {
            type: "radiogroup",
            name: "cause",
            choices: ["illness", "other"],
            showOtherItem: true,
            visibleIf: "{panel.alive} = 'no'",
          },
          {
            type: "panel",
            name: "details",
            visibleIf: "{panel.alive} = 'no'",
            elements: [{ type: "text", name: "year", inputType: "number" }],
          },
          {
            type: "paneldynamic",
            name: "children",
            templateElements: [
              { type: "boolean", name: "adult" },
              { type: "text", name: "school", visibleIf: "{panel.adult} = false" },
            ],
          },
        ],
      },
      { type: "text", name: "after" },
    ],
  };

  it("drops answers to questions invisible within their panel, at any depth, and keeps the rest", () => {
    const survey = surveyOf(json);
    const data = {
      relatives: [
        // alive: age is visible; cause, its comment and the details panel's year are not.
        {
          alive: "yes",
          age: 61,
          cause: "illness",
          "cause-Comment": "stale",
          year: 2001,
          children: [
            { adult: true, school: "stale" },
            { adult: false, school: "No. 5" },
          ],
        },
        // not alive: age is invisible.
        { alive: "no", age: 80, cause: "other", "cause-Comment": "an accident", year: 2019 },
      ],
      after: "kept",
    };
    const { issues, cleaned } = validateAnswers(survey, structuredClone(data));
    expect(issues).toEqual([]);
    expect(cleaned).toEqual({
      relatives: [
        { alive: "yes", age: 61, children: [{ adult: true }, { adult: false, school: "No. 5" }] },
        { alive: "no", cause: "other", "cause-Comment": "an accident", year: 2019 },
      ],
      after: "kept",
    });
  });

  it("keeps a set with nothing invisible exactly as sent", () => {
    const survey = surveyOf(json);
    const data = { relatives: [{ alive: "yes", age: 40, children: [{}] }, { alive: "no" }], after: "x" };
    expect(validateAnswers(survey, structuredClone(data))).toEqual({ issues: [], cleaned: data });
  });

  it("still checks the visible nested answers and reports unknown nested keys", () => {
    const survey = surveyOf(json);
    const { issues } = validateAnswers(survey, {
      relatives: [{ alive: "maybe" }, { alive: "yes", age: "old", nonsense: 1 }],
    });
    expect(issues.map((i) => i.question).sort()).toEqual([
      "relatives[0].alive",
      "relatives[1].age",
      "relatives[1].nonsense",
    ]);
  });

  it("cleans as SurveyJS does on completion", () => {
    const model = new Model(json);
    model.data = {
      relatives: [
        { alive: "yes", age: 61, cause: "illness", year: 2001, children: [{ adult: true, school: "stale" }] },
        { alive: "no", age: 80, cause: "illness", year: 2019 },
      ],
    };
    model.doComplete();
    const { cleaned } = validateAnswers(surveyOf(json), {
      relatives: [
        { alive: "yes", age: 61, cause: "illness", year: 2001, children: [{ adult: true, school: "stale" }] },
        { alive: "no", age: 80, cause: "illness", year: 2019 },
      ],
    });
    expect(cleaned).toEqual(model.data);
  });
});

describe("answers survey-core itself stores (no false positives)", () => {
  it("accepts the other text stored in the value when the question also shows a comment area", () => {
    const json = {
      elements: [
        { type: "radiogroup", name: "r", choices: ["a"], showOtherItem: true, showCommentArea: true },
        { type: "checkbox", name: "c", choices: ["a"], showOtherItem: true, showCommentArea: true },
      ],
    };
    const data = browserData(json, (q) => {
      q("r").value = "other";
      q("r").otherValue = "my own";
      q("r").comment = "a remark";
      q("c").value = ["a", "other"];
      q("c").otherValue = "mine";
    });
    expect(data).toEqual({ r: "my own", "r-Comment": "a remark", c: ["a", "mine"] });
    expect(validateAnswers(surveyOf(json), data)).toEqual({ issues: [], cleaned: data });
  });

  it("accepts the other text stored in the value when the survey sets storeOthersAsComment: false", () => {
    const json = {
      storeOthersAsComment: false,
      elements: [{ type: "radiogroup", name: "r", choices: ["a"], showOtherItem: true }],
    };
    const data = browserData(json, (q) => {
      q("r").value = "other";
      q("r").otherValue = "my own";
    });
    expect(data).toEqual({ r: "my own" });
    expect(validateAnswers(surveyOf(json), data).issues).toEqual([]);
    // Still a choice question: a free text needs the other item.
    const strict = { elements: [{ type: "radiogroup", name: "r", choices: ["a"] }] };
    expect(validateAnswers(surveyOf(strict), data).issues.map((i) => i.question)).toEqual(["r"]);
  });

  it("accepts a checkbox with valuePropertyName, and checks the wrapped values", () => {
    const json = {
      elements: [
        { type: "checkbox", name: "cars", choices: ["ford", "audi"], valuePropertyName: "car", showOtherItem: true },
      ],
    };
    const data = browserData(json, (q) => {
      q("cars").renderedValue = ["ford", "other"];
      q("cars").otherValue = "lada";
    });
    expect(data).toEqual({ cars: [{ car: "ford" }, { car: "lada" }] });
    const survey = surveyOf(json);
    expect(validateAnswers(survey, data).issues).toEqual([]);
    expect(validateAnswers(survey, { cars: ["ford"] }).issues.map((i) => i.question)).toEqual(["cars"]);
    expect(
      validateAnswers(survey, { cars: [{ car: "ford" }, { car: "lada" }, { car: "uaz" }] }).issues.map(
        (i) => i.question,
      ),
    ).toEqual(["cars"]);
  });

  it("accepts numbers from numeric and currency input masks, in text and multiple-text questions", () => {
    const json = {
      elements: [
        { type: "text", name: "amount", maskType: "numeric" },
        { type: "text", name: "price", maskType: "currency", maskSettings: { prefix: "$" } },
        { type: "text", name: "shown", maskType: "numeric", maskSettings: { saveMaskedValue: true } },
        { type: "multipletext", name: "m", items: [{ name: "count", maskType: "numeric" }, { name: "label" }] },
      ],
    };
    const data = browserData(json, (q) => {
      q("amount").value = 1234.5;
      q("price").value = 12;
      q("m").items[0].value = 3;
      q("m").items[1].value = "x";
    });
    expect(data).toEqual({ amount: 1234.5, price: 12, m: { count: 3, label: "x" } });
    const survey = surveyOf(json);
    expect(validateAnswers(survey, { ...data, shown: "1,234" }).issues).toEqual([]);
    expect(
      validateAnswers(survey, { amount: "1234", shown: 1234, m: { count: "3" } })
        .issues.map((i) => i.question)
        .sort(),
    ).toEqual(["amount", "m.count", "shown"]);
  });
});

describe("a matrix with column totals", () => {
  const json = {
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "matrixdynamic",
            name: "budget",
            rowCount: 2,
            columns: [
              { name: "item", cellType: "text" },
              { name: "cost", cellType: "text", inputType: "number", totalType: "sum" },
            ],
          },
        ],
      },
    ],
  };

  it("accepts the totals survey-core puts in the results (`budget-total`)", () => {
    const data = browserData(json, (q) => {
      q("budget").value = [
        { item: "rent", cost: 100 },
        { item: "staff", cost: 250 },
      ];
    });
    expect(Object.keys(data)).toContain("budget-total");
    const outcome = validateAnswers(surveyOf(json), data);
    expect(outcome.issues).toEqual([]);
    expect(outcome.cleaned.budget).toEqual(data.budget);
  });
});
