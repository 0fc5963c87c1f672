import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { getEvaluationSummary, type EvaluationSummary } from "./api.ts";
import { BarChart } from "./bar-chart.tsx";
import { textOf } from "./bands.ts";

type Summary = EvaluationSummary;
const palette = ["#2b8cbe", "#e6550d", "#31a354", "#756bb1", "#636363", "#de2d26", "#fd8d3c", "#74c476"];

export function SummaryPage() {
  const { id } = useParams();
  const { api } = useSession();
  const [evaluation, setEvaluation] = useState<EvaluationView | null>(null);
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState("all");
  const [summary, setSummary] = useState<Summary | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<EvaluationView>("GET", `/api/evaluations/${id}`).then(
      (e) => {
        setEvaluation(e);
        setQuestionnaireId(e.questionnaireIds[0] ?? null);
      },
      (e) => setError(describeError(e)),
    );
  }, [api, id]);

  useEffect(() => {
    if (!questionnaireId) return;
    getEvaluationSummary(api, id!, questionnaireId, groupBy).then(setSummary, (e) => setError(describeError(e)));
    api<{ json: { pages?: Array<{ elements?: Array<{ name: string; title?: never }> }> } }>(
      "GET",
      `/api/questionnaires/${questionnaireId}`,
    ).then((q) => {
      const map: Record<string, string> = {};
      q.json.pages?.forEach((p) => p.elements?.forEach((e) => (map[e.name] = textOf(e.title) || e.name)));
      setTitles(map);
    });
  }, [api, id, questionnaireId, groupBy]);

  if (error) return <p className="error">{error}</p>;
  if (!evaluation || !summary) return <p className="muted">Loading…</p>;
  const first = summary.groups[0];

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">Evaluations</Link> / <Link to={`/evaluations/${id}`}>{evaluation.name}</Link> /
      </p>
      <div className="page-head">
        <h1>Answers summary</h1>
        <div className="actions">
          {evaluation.questionnaireIds.length > 1 && (
            <select
              aria-label="Questionnaire"
              value={questionnaireId ?? ""}
              onChange={(e) => setQuestionnaireId(e.target.value)}
            >
              {evaluation.questionnaireIds.map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          )}
          <label>
            Group by{" "}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
              <option value="all">all responses</option>
              <option value="region">region</option>
              <option value="orgType">organisation type</option>
            </select>
          </label>
        </div>
      </div>
      <p className="muted">
        Submitted responses only · {summary.groups.map((g) => `${g.key ?? "(none)"}: ${g.responses}`).join(" · ")}
      </p>
      {first?.questions.map((q, index) => (
        <section key={q.name} className="panel" data-question={q.name}>
          <h2>
            {q.name} <span className="muted small">{titles[q.name]}</span>
          </h2>
          {"counts" in q ? (
            <BarChart
              ariaLabel={`Answers to ${q.name}`}
              horizontal
              height={Math.max(120, Object.keys(q.counts).length * 28 * Math.min(summary.groups.length, 3))}
              labels={Object.keys(q.counts)}
              series={summary.groups.map((g, i) => {
                const same = g.questions[index] as typeof q;
                return {
                  label: String(g.key ?? "(none)"),
                  values: Object.values(same.counts),
                  color: palette[i % palette.length]!,
                };
              })}
            />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Group</th>
                  <th>n</th>
                  <th>sum</th>
                  <th>mean</th>
                  <th>median</th>
                  <th>min</th>
                  <th>max</th>
                </tr>
              </thead>
              <tbody>
                {summary.groups.map((g) => {
                  const s = g.questions[index] as Extract<typeof q, { sum: number }>;
                  const f = (v: number | null) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(2));
                  return (
                    <tr key={String(g.key)}>
                      <td>{String(g.key ?? "(none)")}</td>
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
