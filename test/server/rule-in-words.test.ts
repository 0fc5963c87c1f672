import { describe, expect, it } from "vitest";
import { translatorFor } from "../../server/i18n/translator.ts";
import { ruleInWords, type RuleInput } from "../../server/scoring/rule-in-words.ts";

// Each line says what score-response.ts computes for that level (docs/scoring.md), in the reader's language.

const say = (lang: string) => translatorFor(lang, "workspace");

describe("ruleInWords", () => {
  it.each<[string, RuleInput, string[]]>([
    [
      "thresholds, higher is better",
      { rule: "thresholds", cuts: [1, 5, 15] },
      ["under 1 → level 1", "1 or more → level 2", "5 or more → level 3", "15 or more → level 4"],
    ],
    [
      "thresholds, annualised",
      { rule: "thresholds", cuts: [3, 9, 18], annualise: true },
      [
        "under 3 a year → level 1",
        "3 or more a year → level 2",
        "9 or more a year → level 3",
        "18 or more a year → level 4",
      ],
    ],
    [
      "thresholds, lower is better",
      { rule: "thresholds", cuts: [1, 5, 15], lowerIsBetter: true },
      ["15 or more → level 1", "5 or more → level 2", "1 or more → level 3", "under 1 → level 4"],
    ],
    ["thresholds, one cut", { rule: "thresholds", cuts: [10] }, ["under 10 → level 1", "10 or more → level 2"]],
    [
      "breadth with cuts",
      { rule: "breadth", cuts: [1, 2, 4] },
      [
        "fewer than 1 chosen → level 1",
        "1 or more chosen → level 2",
        "2 or more chosen → level 3",
        "4 or more chosen → level 4",
      ],
    ],
    [
      "breadth with a map",
      { rule: "breadth", map: [1, 3, 4] },
      ["0 chosen → level 1", "1 chosen → level 3", "2 or more chosen → level 4"],
    ],
    ["boolean", { rule: "boolean" }, ["no → level 1", "yes → level 4"]],
    ["likert", { rule: "likert", from: 1, to: 5 }, ["1 → level 1 … 5 → level 4, in equal steps"]],
    ["likert reversed", { rule: "likert", reverse: true }, ["5 → level 1 … 1 → level 4, in equal steps"]],
    ["choice without choices", { rule: "choice" }, ["each answer has its level"]],
    ["an unknown rule", { rule: "median" }, []],
  ])("%s", (_name, rule, expected) => {
    expect(ruleInWords(rule, say("en"))).toEqual(expected);
  });

  it("lists a choice item's answers by level, with their labels", () => {
    const choices = [
      { label: "Regularly", level: 4 },
      { label: "Never", level: 1 },
    ];
    expect(ruleInWords({ rule: "choice" }, say("en"), choices)).toEqual(["“Never” → level 1", "“Regularly” → level 4"]);
  });

  it("speaks the reader's language", () => {
    const rule: RuleInput = { rule: "thresholds", cuts: [3, 9, 18], annualise: true };
    expect(ruleInWords(rule, say("ru"))[2]).toBe("9 и более в год → уровень 3");
    expect(ruleInWords(rule, say("ky"))[2]).toBe("жылына 9 же андан көп → 3-деңгээл");
    expect(ruleInWords({ rule: "boolean" }, say("ru"))).toEqual(["нет → уровень 1", "да → уровень 4"]);
  });
});
