// A scoring rule in plain language, one line per level ("9 or more a year → level 3"), for a person reading a
// profile. The rule is the item's `score` object as the questionnaire JSON gives it (docs/scoring.md); the words
// come from the caller's translate function (the workspace catalogue's `rules.*` keys), so the lines follow the
// reader's language. Level by level, the lines say what score-response.ts computes.

/** The `score` of a question, as written in the questionnaire (defaults as in scoring-model.ts). */
export interface RuleInput {
  rule: string;
  cuts?: readonly number[] | null;
  lowerIsBetter?: boolean;
  annualise?: boolean;
  map?: readonly number[] | null;
  from?: number;
  to?: number;
  reverse?: boolean;
}

/** A choice of a `choice` item: its label in the reader's language and its level. */
export interface ChoiceLevel {
  label: string;
  level: number;
}

export type Say = (key: string, values?: Record<string, unknown>) => string;

interface Band {
  level: number;
  /** The smallest amount that reaches the level, null for "below the first cut". */
  from: number | null;
  /** The first cut, for the lowest band. */
  below: number | null;
}

/** The amounts that lead to each level under `levelFromCuts` (n cuts <= x: level 1 + n, or 4 - n). */
function bands(cuts: readonly number[], lowerIsBetter: boolean): Band[] {
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Band[] = [{ level: lowerIsBetter ? 4 : 1, from: null, below: sorted[0] ?? null }];
  sorted.forEach((cut, i) => out.push({ level: lowerIsBetter ? 3 - i : 2 + i, from: cut, below: null }));
  return out.sort((a, b) => a.level - b.level);
}

function thresholdLines(cuts: readonly number[], lowerIsBetter: boolean, say: Say, chosen: boolean, perYear: boolean) {
  return bands(cuts, lowerIsBetter).map((band) => {
    let amount =
      band.from === null
        ? say(chosen ? "rules.belowChosen" : "rules.below", { n: band.below ?? 0 })
        : say(chosen ? "rules.atLeastChosen" : "rules.atLeast", { n: band.from });
    if (perYear) amount = say("rules.perYear", { amount });
    return say("rules.line", { condition: amount, level: band.level });
  });
}

/** The rule in words, a line per level from 1 to 4 (or per choice); empty when the rule is not one Sapat knows. */
export function ruleInWords(score: RuleInput, say: Say, choices: readonly ChoiceLevel[] = []): string[] {
  switch (score.rule) {
    case "boolean":
      return [
        say("rules.line", { condition: say("rules.no"), level: 1 }),
        say("rules.line", { condition: say("rules.yes"), level: 4 }),
      ];
    case "likert": {
      const from = score.from ?? 1;
      const to = score.to ?? 5;
      const [low, high] = score.reverse ? [to, from] : [from, to];
      return [say("rules.likert", { low, high })];
    }
    case "thresholds":
      return thresholdLines(score.cuts ?? [], score.lowerIsBetter === true, say, false, score.annualise === true);
    case "breadth":
      if (score.map && score.map.length > 0) {
        const last = score.map.length - 1;
        return score.map.map((level, k) =>
          say("rules.line", {
            condition: say(k === last ? "rules.atLeastChosen" : "rules.exactlyChosen", { n: k }),
            level,
          }),
        );
      }
      return thresholdLines(score.cuts ?? [], score.lowerIsBetter === true, say, true, false);
    case "choice":
      if (choices.length === 0) return [say("rules.choice")];
      return [...choices]
        .sort((a, b) => a.level - b.level)
        .map((choice) => say("rules.line", { condition: `“${choice.label}”`, level: choice.level }));
    default:
      return [];
  }
}
