import fs from "node:fs";
import path from "node:path";
import { buildEvaluationScores, type ScoredResponseInput } from "../server/scoring/cohort.ts";
import { scoreResponse } from "../server/scoring/score-response.ts";
import { lintQuestionnaire } from "../server/survey-model/lint-questionnaire.ts";
import { visibleQuestionNames } from "../server/survey-model/visible-questions.ts";
import { generateAnswers } from "../test/helpers/generate-answers.ts";

// scores-10k-ms: buildEvaluationScores (server/scoring/cohort.ts, pure) over 10,000 organisations' verified-basis
// traces of ngo-capacity, grouped by region: what GET /api/evaluations/:id/scores computes once its rows are read
// and its stored traces parsed (the database and JSON.parse are not in the figure). The traces are scored
// beforehand from generated answer sets whose numbers vary per organisation; the median of 5 runs after one warm-up.

const organizations = 10_000;
const regions = ["Bishkek", "Chui", "Osh", "Jalal-Abad", "Batken", "Naryn", "Talas", "Issyk-Kul"];
const orgTypes = ["shelter", "hotline", "legal", "other"];

export async function runScoresBench(): Promise<Array<[string, string]>> {
  const file = path.join(import.meta.dirname, "..", "surveys", "ngo-capacity.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const linted = lintQuestionnaire(json);
  if (!linted.ok || !linted.questionnaire.scoring)
    throw new Error("ngo-capacity does not lint or has no scoring model");
  const { survey, scoring, plan } = linted.questionnaire;
  const bases = Array.from({ length: 16 }, (_, i) => generateAnswers(json, { seed: 9000 + i }));
  const numeric = scoring.items.filter((i) => i.rule === "thresholds").map((i) => i.question);

  const responses: ScoredResponseInput[] = [];
  for (let i = 0; i < organizations; i++) {
    const answers: Record<string, unknown> = { ...bases[i % bases.length]! };
    for (const [k, q] of numeric.entries()) {
      if (typeof answers[q] === "number") answers[q] = (answers[q] as number) + ((i * 7 + k) % 23);
    }
    const visible = visibleQuestionNames(survey, plan, answers);
    responses.push({
      organizationId: i + 1,
      responseId: i + 1,
      name: `NGO ${i + 1}`,
      region: regions[i % regions.length]!,
      orgType: orgTypes[i % orgTypes.length]!,
      answers,
      submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      trace: scoreResponse(scoring, answers, { basis: "verified", isVisible: (q) => visible.has(q) }),
    });
  }

  const times: number[] = [];
  for (let run = 0; run < 6; run++) {
    const started = performance.now();
    const result = buildEvaluationScores({ model: scoring, responses, groupBy: "region" });
    if (result.organizations.length !== organizations) throw new Error("the cohort lost organisations");
    if (run > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return [["scores-10k-ms", times[Math.floor(times.length / 2)]!.toFixed(0)]];
}
