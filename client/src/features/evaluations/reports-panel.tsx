import { useEffect, useState } from "react";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type { QuestionnaireSummary } from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import { currentUiLanguage } from "../../lib/i18n.ts";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";

/** Downloads of an evaluation, and the evaluator's conclusions and recommendations for its report. */
export function ReportsPanel({ evaluation, editable }: { evaluation: EvaluationView; editable: boolean }) {
  const { api } = useSession();
  const [chosenId, setQuestionnaireId] = useState<string | null>(null);
  const [scoredId, setScoredId] = useState<string | null>(null);
  const [labels, setLabels] = useState(false);
  // Reports start in the language the evaluator works in.
  const [lang, setLang] = useState<string>(currentUiLanguage());
  // The report is about capacity scores: until the evaluator picks one, the scored questionnaire is reported on.
  useEffect(() => {
    api<QuestionnaireSummary[]>("GET", "/api/questionnaires").then(
      (all) =>
        setScoredId(
          evaluation.questionnaireIds.find((id) => all.some((q) => q.id === id && q.scoring !== null)) ?? null,
        ),
      () => setScoredId(null),
    );
  }, [api, evaluation.questionnaireIds]);
  const questionnaireId = chosenId ?? scoredId ?? evaluation.questionnaireIds[0] ?? "";
  const [conclusions, setConclusions] = useState(evaluation.conclusions ?? "");
  const [recommendations, setRecommendations] = useState(evaluation.recommendations ?? "");
  const [message, setMessage] = useState<string | null>(null);

  const base = `/api/evaluations/${evaluation.id}`;
  // Labels mean words throughout, as Kobo's "labels" format: choice labels in the cells and headings in words.
  const words = labels ? "&labels=1&headers=labels" : "&labels=0";
  const exportQuery = `questionnaireId=${encodeURIComponent(questionnaireId)}${words}&lang=${lang}`;

  async function saveText() {
    try {
      await api("PUT", `${base}/report-text`, {
        conclusions: conclusions || null,
        recommendations: recommendations || null,
      });
      setMessage("Saved: the report includes them.");
    } catch (error) {
      setMessage(describeError(error));
    }
  }

  return (
    <details className="panel reports">
      <summary>Reports and data</summary>
      <div className="form">
        <div className="actions">
          {evaluation.questionnaireIds.length > 1 && (
            <select
              aria-label="Questionnaire"
              value={questionnaireId}
              onChange={(e) => setQuestionnaireId(e.target.value)}
            >
              {evaluation.questionnaireIds.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          )}
          <label className="check">
            <input type="checkbox" checked={labels} onChange={(e) => setLabels(e.target.checked)} /> choice labels
            instead of values
          </label>
          <select aria-label="Language of labels" value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="en">English</option>
            <option value="ru">Русский</option>
            <option value="ky">Кыргызча</option>
          </select>
        </div>
        <div className="actions">
          <a className="button" href={`${base}/export.csv?${exportQuery}&bom=1`} download>
            CSV (for Excel)
          </a>
          <a className="button" href={`${base}/export.xlsx?${exportQuery}`} download>
            XLSX with codebook
          </a>
          <a
            className="button"
            href={`${base}/report.pdf?questionnaireId=${encodeURIComponent(questionnaireId)}&lang=${lang}`}
            target="_blank"
            rel="noreferrer"
          >
            Evaluation report (PDF)
          </a>
          <a
            className="button"
            href={`${base}/report.html?questionnaireId=${encodeURIComponent(questionnaireId)}&lang=${lang}`}
            target="_blank"
            rel="noreferrer"
          >
            Printable report (HTML)
          </a>
        </div>
        {editable && (
          <>
            <label>
              Conclusions (printed in the evaluation report)
              <textarea rows={5} value={conclusions} onChange={(e) => setConclusions(e.target.value)} />
            </label>
            <label>
              Recommendations
              <textarea rows={5} value={recommendations} onChange={(e) => setRecommendations(e.target.value)} />
            </label>
            <div className="actions">
              <button type="button" className="primary" onClick={saveText}>
                Save conclusions and recommendations
              </button>
              {message && <span role="status">{message}</span>}
            </div>
          </>
        )}
      </div>
    </details>
  );
}
