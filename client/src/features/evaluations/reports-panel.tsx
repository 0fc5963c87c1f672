import { useState } from "react";
import { languageNames, uiLanguages } from "../../../../server/i18n/languages.ts";
import { currentUiLanguage, useTranslation } from "../../lib/i18n.ts";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { saveReportText, type EvaluationView } from "./api.ts";

/** Downloads of an evaluation, and the evaluator's conclusions and recommendations for its report. */
export function ReportsPanel({ evaluation, editable }: { evaluation: EvaluationView; editable: boolean }) {
  const { api } = useSession();
  const { t } = useTranslation();
  const [chosenId, setQuestionnaireId] = useState<string | null>(null);
  const [labels, setLabels] = useState(false);
  // Reports start in the language the evaluator works in.
  const [lang, setLang] = useState<string>(currentUiLanguage());
  // Until the evaluator picks one, the questionnaire the server reports on when none is named (the scored one).
  const questionnaireId = chosenId ?? evaluation.defaultQuestionnaireId ?? evaluation.questionnaireIds[0] ?? "";
  const [conclusions, setConclusions] = useState(evaluation.conclusions ?? "");
  const [recommendations, setRecommendations] = useState(evaluation.recommendations ?? "");
  const [message, setMessage] = useState<string | null>(null);

  const base = `/api/evaluations/${evaluation.id}`;
  // Labels mean words throughout, as Kobo's "labels" format: choice labels in the cells and headings in words.
  const words = labels ? "&labels=1&headers=labels" : "&labels=0";
  const exportQuery = `questionnaireId=${encodeURIComponent(questionnaireId)}${words}&lang=${lang}`;

  async function saveText() {
    try {
      await saveReportText(api, evaluation.id, {
        conclusions: conclusions || null,
        recommendations: recommendations || null,
      });
      setMessage(t("reportsPanel.saved"));
    } catch (error) {
      setMessage(describeError(error));
    }
  }

  return (
    <details className="panel reports">
      <summary>{t("reportsPanel.title")}</summary>
      <div className="form">
        <div className="actions">
          {evaluation.questionnaireIds.length > 1 && (
            <select
              aria-label={t("reportsPanel.questionnaire")}
              value={questionnaireId}
              onChange={(e) => setQuestionnaireId(e.target.value)}
            >
              {evaluation.questionnaireIds.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          )}
          <label className="check">
            <input type="checkbox" checked={labels} onChange={(e) => setLabels(e.target.checked)} />{" "}
            {t("reportsPanel.labels")}
          </label>
          <select aria-label={t("reportsPanel.language")} value={lang} onChange={(e) => setLang(e.target.value)}>
            {uiLanguages.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <a className="button" href={`${base}/export.csv?${exportQuery}&bom=1`} download>
            {t("reportsPanel.csv")}
          </a>
          <a className="button" href={`${base}/export.xlsx?${exportQuery}`} download>
            {t("reportsPanel.xlsx")}
          </a>
          <a
            className="button"
            href={`${base}/report.pdf?questionnaireId=${encodeURIComponent(questionnaireId)}&lang=${lang}`}
            target="_blank"
            rel="noreferrer"
          >
            {t("reportsPanel.pdf")}
          </a>
          <a
            className="button"
            href={`${base}/report.html?questionnaireId=${encodeURIComponent(questionnaireId)}&lang=${lang}`}
            target="_blank"
            rel="noreferrer"
          >
            {t("reportsPanel.html")}
          </a>
        </div>
        {editable && (
          <>
            <label>
              {t("reportsPanel.conclusions")}
              <textarea rows={5} value={conclusions} onChange={(e) => setConclusions(e.target.value)} />
            </label>
            <label>
              {t("reportsPanel.recommendations")}
              <textarea rows={5} value={recommendations} onChange={(e) => setRecommendations(e.target.value)} />
            </label>
            <div className="actions">
              <button type="button" className="primary" onClick={saveText}>
                {t("reportsPanel.save")}
              </button>
              {message && <span role="status">{message}</span>}
            </div>
          </>
        )}
      </div>
    </details>
  );
}
