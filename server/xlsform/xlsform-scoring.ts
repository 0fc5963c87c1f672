import { inWords } from "../i18n/details.ts";
import { scoringRules } from "../scoring/scoring-model.ts";

// The scoring columns of an XLSForm (docs/scoring.md, "Scoring in an XLSForm"): `sapat_rule` is written as the
// trace writes a rule (`thresholds cuts [1,5,15] lowerIsBetter`), so what an evaluator reads in a trace can be
// typed back into the spreadsheet.

/** A `sapat_rule` that cannot be read, in words of the catalogue. */
export class RuleError extends Error {
  constructor(readonly words: ReturnType<typeof inWords>) {
    super(words.message);
  }
}

function numberList(text: string, what: string): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (parts.length === 0 || numbers.some((n) => !Number.isFinite(n))) {
    throw new RuleError(inWords("xlsform.ruleNumberList", { what }));
  }
  return numbers;
}

/** `likert 1..5 reverse` -> `{rule: "likert", from: 1, to: 5, reverse: true}`; the rest of the item is added by the caller. */
export function parseRule(text: string): Record<string, unknown> {
  let rest = text.trim();
  const ruleName = /^[A-Za-z]+/.exec(rest)?.[0] ?? "";
  if (!(scoringRules as readonly string[]).includes(ruleName)) {
    throw new RuleError(inWords("scoring.unknownRule", { rule: ruleName || rest, rules: scoringRules.join(", ") }));
  }
  rest = rest.slice(ruleName.length);
  const score: Record<string, unknown> = { rule: ruleName };
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest);
    if (match) rest = rest.slice(0, match.index) + " " + rest.slice(match.index + match[0].length);
    return match;
  };
  const cuts = take(/\bcuts\s*\[([^\]]*)\]/i);
  if (cuts) score.cuts = numberList(cuts[1]!, "cuts");
  const map = take(/\bmap\s*\[([^\]]*)\]/i);
  if (map) score.map = numberList(map[1]!, "map");
  const exclude = take(/\bexclude\s*\[([^\]]*)\]/i);
  if (exclude) score.exclude = exclude[1]!.split(/[\s,;]+/).filter(Boolean);
  const range = take(/(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)/);
  if (range) {
    score.from = Number(range[1]);
    score.to = Number(range[2]);
  }
  if (take(/\blower_?is_?better\b/i)) score.lowerIsBetter = true;
  if (take(/\breverse\b/i)) score.reverse = true;
  if (take(/\bannuali[sz]ed?\b/i)) score.annualise = true;
  if (rest.trim() !== "") throw new RuleError(inWords("xlsform.ruleExtra", { text: rest.trim(), rule: ruleName }));
  return score;
}

/** The inverse of parseRule, for the export back to XLSForm. */
export function formatRule(score: Record<string, unknown>): string {
  const parts = [String(score.rule)];
  if (score.rule === "likert" && (score.from !== undefined || score.to !== undefined)) {
    parts.push(`${String(score.from ?? 1)}..${String(score.to ?? 5)}`);
  }
  if (Array.isArray(score.cuts)) parts.push(`cuts [${score.cuts.join(",")}]`);
  if (Array.isArray(score.map)) parts.push(`map [${score.map.join(",")}]`);
  if (Array.isArray(score.exclude)) parts.push(`exclude [${score.exclude.join(",")}]`);
  if (score.lowerIsBetter === true) parts.push("lowerIsBetter");
  if (score.reverse === true) parts.push("reverse");
  if (score.annualise === true) parts.push("annualised");
  return parts.join(" ");
}

/** Settings columns of the scoring model, with the JSON key each fills. */
export const scoringSettings = {
  sapat_scoring_id: "id",
  sapat_scoring_version: "version",
  sapat_min_coverage: "minCoverage",
  sapat_min_items: "minItems",
  sapat_min_overall_coverage: "minOverallCoverage",
  sapat_period_months: "periodMonths",
} as const;

export const numericScoringSettings = new Set(["minCoverage", "minItems", "minOverallCoverage"]);
