/** A questionnaire of an evaluation, as the default choice sees it. */
export interface QuestionnaireStanding {
  id: string;
  /** Its latest version has a scoring model. */
  scored: boolean;
  /** Responses to it submitted in the evaluation. */
  submitted: number;
}

/**
 * The questionnaire an evaluation's reports, exports and scores are about when the request names none, and that
 * the workspace offers first: Sapat's reports are about capacity scores, so a scored questionnaire before any
 * other; among several, the one with the most submitted responses (what there is to report on); on a tie, the
 * first by id, so the choice never changes between two reads of the same data. Null when the evaluation has none.
 */
export function pickDefaultQuestionnaire(standings: readonly QuestionnaireStanding[]): string | null {
  const scored = standings.filter((s) => s.scored);
  const candidates = scored.length > 0 ? scored : standings;
  let best: QuestionnaireStanding | null = null;
  for (const standing of [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!best || standing.submitted > best.submitted) best = standing;
  }
  return best?.id ?? null;
}
