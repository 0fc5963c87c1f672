import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Model } from "survey-core";
import { describeAnswerPath, describeAnswerValue } from "../../../../server/survey-model/answer-labels.ts";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { describeError } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import {
  getEvaluation,
  getEvaluationSummary,
  getQuestionnaire,
  type EvaluationSummary,
  type EvaluationView,
  type QuestionnaireDetail,
} from "./api.ts";
import { BarChart } from "./bar-chart.tsx";

setupSurveyCore();

type Summary = EvaluationSummary;
const palette = ["#2b8cbe", "#e6550d", "#31a354", "#756bb1", "#636363", "#de2d26", "#fd8d3c", "#74c476"];

export function SummaryPage() {
  const { id } = useParams();
  const { api } = useSession();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t("scores.summary"));
  const [evaluation, setEvaluation] = useState<EvaluationView | null>(null);
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState("all");
  const [summary, setSummary] = useState<Summary | null>(null);
  const [questionnaire, setQuestionnaire] = useState<QuestionnaireDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getEvaluation(api, id!).then(
      (e) => {
        setEvaluation(e);
        setQuestionnaireId(e.defaultQuestionnaireId ?? e.questionnaireIds[0] ?? null);
      },
      (e) => setError(describeError(e)),
    );
  }, [api, id]);

  useEffect(() => {
    if (!questionnaireId) return;
    getEvaluationSummary(api, id!, questionnaireId, groupBy).then(setSummary, (e) => setError(describeError(e)));
    getQuestionnaire(api, questionnaireId).then(setQuestionnaire, () => setQuestionnaire(null));
  }, [api, id, questionnaireId, groupBy]);

  // Question titles and choice labels in the workspace's language, from the questionnaire's translations.
  const labels = useMemo(() => {
    if (!questionnaire) return null;
    const model = new Model(questionnaire.json);
    model.locale = lang;
    return model;
  }, [questionnaire, lang]);
  const words = { row: (n: number) => t("revisions.row", { n }) };
  const title = (name: string) => (labels ? describeAnswerPath(labels, name, words) : name);
  const choice = (name: string, value: string) => (labels ? describeAnswerValue(labels, name, value, words) : value);
  const groupName = (key: unknown) =>
    key === null || key === undefined ? t("scores.noGroup") : groupBy === "all" ? t("summary.all") : String(key);

  if (error) return <p className="error">{error}</p>;
  if (!evaluation || !summary) return <p className="muted">{t("boot:loading")}</p>;
  const first = summary.groups[0];

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">{t("nav.evaluations")}</Link> / <Link to={`/evaluations/${id}`}>{evaluation.name}</Link>{" "}
        /
      </p>
      <div className="page-head">
        <h1>{t("scores.summary")}</h1>
        <div className="actions">
          {evaluation.questionnaireIds.length > 1 && (
            <select
              aria-label={t("summary.questionnaire")}
              value={questionnaireId ?? ""}
              onChange={(e) => setQuestionnaireId(e.target.value)}
            >
              {evaluation.questionnaireIds.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          )}
          <label>
            {t("scores.groupBy")}{" "}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
              <option value="all">{t("summary.all")}</option>
              <option value="region">{t("scores.groupRegion")}</option>
              <option value="orgType">{t("scores.groupOrgType")}</option>
            </select>
          </label>
        </div>
      </div>
      <p className="muted">
        {t("summary.submittedOnly")} · {summary.groups.map((g) => `${groupName(g.key)}: ${g.responses}`).join(" · ")}
      </p>
      {first?.questions.map((q, index) => (
        <section key={q.name} className="panel" data-question={q.name}>
          <h2>
            <span className="muted small">{q.name}</span> {title(q.name)}
          </h2>
          {"counts" in q ? (
            <BarChart
              ariaLabel={t("summary.answersTo", { question: title(q.name) })}
              horizontal
              integer
              height={Math.max(120, Object.keys(q.counts).length * 28 * Math.min(summary.groups.length, 3))}
              labels={Object.keys(q.counts).map((value) => choice(q.name, value))}
              series={summary.groups.map((g, i) => {
                const same = g.questions[index] as typeof q;
                return {
                  label: groupName(g.key),
                  values: Object.values(same.counts),
                  color: palette[i % palette.length]!,
                };
              })}
            />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t("summary.group")}</th>
                  <th>{t("scores.n")}</th>
                  <th>{t("summary.sum")}</th>
                  <th>{t("scores.mean")}</th>
                  <th>{t("scores.median")}</th>
                  <th>{t("summary.min")}</th>
                  <th>{t("summary.max")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.groups.map((g) => {
                  const s = g.questions[index] as Extract<typeof q, { sum: number }>;
                  const f = (v: number | null) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(2));
                  return (
                    <tr key={String(g.key)}>
                      <td>{groupName(g.key)}</td>
                      <td>{s.n}</td>
                      <td>{f(s.sum)}</td>
                      <td>{f(s.mean)}</td>
                      <td>{f(s.median)}</td>
                      <td>{f(s.min)}</td>
                      <td>{f(s.max)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </section>
  );
}
