import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { describeError, formatDateTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import {
  getEvaluationChange,
  getResponseScore,
  getVerifiedLevels,
  saveVerifiedLevel,
  type EvaluationChange,
  type ScoreTrace,
  type VerifiedLevels,
} from "./api.ts";
import { BarChart } from "./bar-chart.tsx";
import { bandColours } from "../../../../server/scoring/bands.ts";
import { level2, score1, statusLabel, textOf } from "./bands.ts";

interface ResponseInfo {
  id: number;
  organizationName: string;
  organizationId: number;
  questionnaireId: string;
  questionnaireVersion: number;
  submittedAt: string | null;
}

type ChoiceJson = { value: unknown; text?: unknown; level?: number };
type QuestionJson = { name: string; title?: unknown; choices?: ChoiceJson[]; elements?: QuestionJson[] };

/** Question titles and rubric anchors (choice text by level) from the questionnaire JSON. */
function indexQuestions(json: { pages?: Array<{ elements?: QuestionJson[] }> } | null) {
  const index = new Map<string, QuestionJson>();
  const walk = (elements: QuestionJson[] | undefined) =>
    elements?.forEach((e) => {
      if (e.name) index.set(e.name, e);
      walk(e.elements);
    });
  json?.pages?.forEach((p) => walk(p.elements));
  return index;
}

function anchorFor(question: QuestionJson | undefined, level: number): string | null {
  const choice = question?.choices?.find(
    (c) => c.level === level || (c.level === undefined && Number(c.value) === level),
  );
  return choice ? textOf(choice.text as never) || String(choice.value) : null;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

export function OrganizationProfilePage() {
  const { id: evaluationId, responseId } = useParams();
  const { session, api } = useSession();
  const [info, setInfo] = useState<ResponseInfo | null>(null);
  const { t } = useTranslation();
  usePageTitle(info?.organizationName ?? t("scores.title"));
  const [verified, setVerified] = useState<ScoreTrace | null>(null);
  const [self, setSelf] = useState<ScoreTrace | null>(null);
  const [questions, setQuestions] = useState<Map<string, QuestionJson>>(new Map());
  const [audit, setAudit] = useState<VerifiedLevels | null>(null);
  const [change, setChange] = useState<EvaluationChange["organizations"][number] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    Promise.all([
      api<ResponseInfo>("GET", `/api/responses/${responseId}`),
      getResponseScore(api, responseId!, "verified"),
      getResponseScore(api, responseId!, "self"),
      getVerifiedLevels(api, responseId!),
    ]).then(
      async ([i, v, s, a]) => {
        setInfo(i);
        setVerified(v);
        setSelf(s);
        setAudit(a);
        const q = await api<{ json: never }>(
          "GET",
          `/api/questionnaires/${i.questionnaireId}?version=${i.questionnaireVersion}`,
        );
        setQuestions(indexQuestions(q.json));
        // Change since baseline only when there is a baseline (else the API rightly answers 409).
        const evaluation = await api<{ baselineEvaluationId: number | null }>(
          "GET",
          `/api/evaluations/${evaluationId}`,
        );
        if (evaluation.baselineEvaluationId) {
          getEvaluationChange(api, evaluationId!).then(
            (c) =>
              setChange(c.organizations.find((o) => String(o.organizationId) === String(i.organizationId)) ?? null),
            () => setChange(null),
          );
        }
      },
      (e) => setError(describeError(e)),
    );
  }, [api, responseId, evaluationId, version]);

  const chart = useMemo(() => {
    if (!verified || !self) return null;
    return {
      labels: verified.dimensions.map((d) => d.id),
      series: [
        { label: "Self-reported", values: self.dimensions.map((d) => d.level), color: "#9ecae1" },
        { label: "Verified", values: verified.dimensions.map((d) => d.level), color: "#08519c" },
      ],
    };
  }, [verified, self]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  if (error) return <p className="error">{error}</p>;
  if (!info || !verified || !self || !chart) return <p className="muted">Loading…</p>;
  const o = verified.overall;

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">Evaluations</Link> / <Link to={`/evaluations/${evaluationId}`}>evaluation</Link> /{" "}
        <Link to={`/evaluations/${evaluationId}/scores`}>scores</Link> /
      </p>
      <h1>{info.organizationName}</h1>
      <p className="muted">
        {info.questionnaireId} v{info.questionnaireVersion} · submitted {formatDateTime(info.submittedAt)} · scoring{" "}
        {verified.scoringId} v{verified.scoringVersion} ·{" "}
        <a href={`/api/responses/${responseId}/report.pdf`}>PDF of this response</a>
      </p>
      <div className="profile-head">
        <div
          className="overall-box"
          style={{ borderColor: o.band ? bandColours[o.band] : "#ccc" }}
          data-overall={level2(o.level)}
        >
          <div className="big">{level2(o.level)}</div>
          <div>
            {o.band ?? statusLabel[o.status] ?? o.status} · {score1(o.level)}/100
          </div>
          <div className="muted small">
            overall (verified basis) · coverage {o.coverage === null ? "—" : `${Math.round(o.coverage * 100)}%`}
          </div>
          <div>
            Weakest: <strong>{o.weakest ?? "—"}</strong>
            {o.criticalGaps.length > 0 && <span className="error"> · critical gaps: {o.criticalGaps.join(", ")}</span>}
          </div>
        </div>
        <div className="chart-box">
          <BarChart
            ariaLabel="Dimensions: self-reported and verified"
            labels={chart.labels}
            series={chart.series}
            min={1}
            max={4}
          />
        </div>
      </div>

      {change && (
        <section className="panel">
          <h2>Change since baseline</h2>
          <p>
            Overall: {level2(change.overall.base)} → {level2(change.overall.end)} (
            {change.overall.status.replace("_", " ")}
            {change.overall.delta !== null
              ? `, ${change.overall.delta >= 0 ? "+" : ""}${change.overall.delta.toFixed(2)}`
              : ""}
            )
          </p>
          <p className="small">
            {Object.entries(change.dimensions)
              .map(
                ([d, c]) =>
                  `${d}: ${c.status.replace("_", " ")}${c.delta !== null ? ` (${c.delta >= 0 ? "+" : ""}${c.delta.toFixed(2)})` : ""}`,
              )
              .join(" · ")}
          </p>
        </section>
      )}

      {verified.dimensions.map((d, index) => {
        const selfDim = self.dimensions[index]!;
        return (
          <section key={d.id} className="panel dimension" data-dimension={d.id}>
            <h2>
              {d.id} · {textOf(d.title)}:{" "}
              <span className="badge" style={{ background: d.band ? bandColours[d.band] : "#eee" }}>
                {d.level === null ? (statusLabel[d.status] ?? d.status) : `${level2(d.level)} ${d.band}`}
              </span>{" "}
              <span className="muted small">
                self {level2(selfDim.level)} · answered {d.answered}/{d.applicable} · coverage{" "}
                {d.coverage === null ? "—" : `${Math.round(d.coverage * 100)}%`}
              </span>
            </h2>
            <table className="table trace">
              <thead>
                <tr>
                  <th>Item</th>
                  <th>Answer</th>
                  <th>Rule</th>
                  <th>Level</th>
                  <th>Weight</th>
                  <th>Contribution</th>
                  <th>Next level</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((item) => {
                  const q = questions.get(item.question);
                  const isRubric = item.rule.startsWith("choice");
                  const next =
                    isRubric && item.level !== null && item.level < 4 ? anchorFor(q, Math.floor(item.level) + 1) : null;
                  return (
                    <tr
                      key={item.question}
                      className={item.status === "answered" ? "" : "excluded"}
                      data-item={item.question}
                    >
                      <td title={textOf(q?.title as never)}>
                        <strong>{item.question}</strong>{" "}
                        <span className="small muted">{textOf(q?.title as never).slice(0, 90)}</span>
                      </td>
                      <td>{formatValue(item.value)}</td>
                      <td className="small">{item.rule}</td>
                      <td>
                        {item.level === null ? (
                          <span className="muted">{item.reason ?? item.status}</span>
                        ) : (
                          level2(item.level)
                        )}
                        {item.verified && <span className="badge"> verified {item.verified.level}</span>}
                      </td>
                      <td>{item.weight}</td>
                      <td>{item.contribution === null ? "—" : item.contribution.toFixed(3)}</td>
                      <td className="small">{next ?? ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}

      {canEdit(session) && <VerifyForm responseId={Number(responseId)} trace={verified} onSaved={reload} />}
      {audit && audit.history.length > 0 && (
        <section className="panel">
          <h2>Verification history</h2>
          <ul>
            {audit.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at)} · {h.by ?? "?"} · {h.question}: {h.previousLevel ?? "—"} → {h.level ?? "removed"}{" "}
                · “{h.note}”
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function VerifyForm({ responseId, trace, onSaved }: { responseId: number; trace: ScoreTrace; onSaved: () => void }) {
  const { api } = useSession();
  const items = trace.dimensions.flatMap((d) =>
    d.items.filter((i) => i.status !== "not_applicable").map((i) => i.question),
  );
  const [question, setQuestion] = useState(items[0] ?? "");
  const [level, setLevel] = useState("3");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await saveVerifiedLevel(api, responseId, question, { level: Number(level), note });
      setMessage(`Verified level saved for ${question}.`);
      setNote("");
      onSaved();
    } catch (e) {
      setMessage(describeError(e));
    }
  }

  return (
    <form className="panel form narrow" onSubmit={submit}>
      <h2>Set a verified level</h2>
      <p className="muted small">
        After a site visit or an interview: the verified level replaces the self-reported one in the verified basis.
      </p>
      <label>
        Item
        <select value={question} onChange={(e) => setQuestion(e.target.value)}>
          {items.map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
      </label>
      <label>
        Level
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="1">1 Nascent</option>
          <option value="2">2 Emerging</option>
          <option value="3">3 Expanding</option>
          <option value="4">4 Mature</option>
        </select>
      </label>
      <label>
        Note (required: what did you see?)
        <textarea value={note} onChange={(e) => setNote(e.target.value)} required rows={3} />
      </label>
      <button type="submit" className="primary">
        Save verified level
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
