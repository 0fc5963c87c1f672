import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { Model } from "survey-core";
import { describeAnswerValue } from "../../../../server/survey-model/answer-labels.ts";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { ruleInWords, type RuleInput, type Say } from "../../../../server/scoring/rule-in-words.ts";
import { describeError, formatDateTime, percent } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import {
  getEvaluation,
  getEvaluationChange,
  getQuestionnaire,
  getResponse,
  getResponseScore,
  getVerifiedLevels,
  saveVerifiedLevel,
  type EvaluationChange,
  type QuestionnaireDetail,
  type ResponseDetail,
  type ScoreTrace,
  type VerifiedLevels,
} from "./api.ts";
import { BarChart } from "./bar-chart.tsx";
import { bandColours, bandNames } from "../../../../server/scoring/bands.ts";
import { dimensionLabel, level2, textOf } from "./bands.ts";

setupSurveyCore();

type ChoiceJson = { value: unknown; text?: unknown; level?: number };
type QuestionJson = {
  name: string;
  title?: unknown;
  choices?: ChoiceJson[];
  elements?: QuestionJson[];
  score?: RuleInput;
};

/** Question titles and rubric anchors (choice text by level) from the questionnaire JSON. */
function indexQuestions(json: { pages?: Array<{ elements?: QuestionJson[] }> } | null | undefined) {
  const index = new Map<string, QuestionJson>();
  const walk = (elements: QuestionJson[] | undefined) =>
    elements?.forEach((e) => {
      if (e.name) index.set(e.name, e);
      walk(e.elements);
    });
  json?.pages?.forEach((p) => walk(p.elements));
  return index;
}

/** A choice's level as the choice rule reads it: its `level`, else its numeric value. */
const choiceLevel = (c: ChoiceJson) => (c.level !== undefined ? c.level : Number(c.value));

function anchorFor(question: QuestionJson | undefined, level: number, lang: string): string | null {
  const choice = question?.choices?.find((c) => choiceLevel(c) === level);
  return choice ? textOf(choice.text as never, lang) || String(choice.value) : null;
}

/** The item's rule, a line per level, in the reader's language. */
function ruleLines(question: QuestionJson | undefined, lang: string, say: Say) {
  if (!question?.score) return [];
  const choices = (question.choices ?? [])
    .filter((c) => Number.isInteger(choiceLevel(c)) && choiceLevel(c) >= 1 && choiceLevel(c) <= 4)
    .map((c) => ({ label: textOf(c.text as never, lang) || String(c.value), level: choiceLevel(c) }));
  return ruleInWords(question.score, say, choices);
}

export function OrganizationProfilePage() {
  const { id: evaluationId, responseId } = useParams();
  const { session, api } = useSession();
  const [info, setInfo] = useState<ResponseDetail | null>(null);
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(info?.organizationName ?? t("scores.title"));
  const [verified, setVerified] = useState<ScoreTrace | null>(null);
  const [self, setSelf] = useState<ScoreTrace | null>(null);
  const [questionnaire, setQuestionnaire] = useState<QuestionnaireDetail | null>(null);
  const [audit, setAudit] = useState<VerifiedLevels | null>(null);
  const [change, setChange] = useState<EvaluationChange["organizations"][number] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    Promise.all([
      getResponse(api, responseId!),
      getResponseScore(api, responseId!, "verified"),
      getResponseScore(api, responseId!, "self"),
      getVerifiedLevels(api, responseId!),
    ]).then(
      async ([i, v, s, a]) => {
        setInfo(i);
        setVerified(v);
        setSelf(s);
        setAudit(a);
        setQuestionnaire(await getQuestionnaire(api, i.questionnaireId, i.questionnaireVersion));
        // Change since baseline only when there is a baseline (else the API rightly answers 409).
        const evaluation = await getEvaluation(api, evaluationId!);
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

  const questions = useMemo(
    () => indexQuestions(questionnaire?.json as Parameters<typeof indexQuestions>[0]),
    [questionnaire],
  );
  // Answers in words: the questionnaire's own choice labels in the workspace's language.
  const labels = useMemo(() => {
    if (!questionnaire) return null;
    const model = new Model(questionnaire.json);
    model.locale = lang;
    return model;
  }, [questionnaire, lang]);

  // Dimension names, the code as a small prefix.
  const dimensionName = (id: string) => dimensionLabel(verified?.dimensions ?? [], id, lang);

  const chart = useMemo(() => {
    if (!verified || !self) return null;
    return {
      labels: verified.dimensions.map((d) => dimensionLabel(verified.dimensions, d.id, lang)),
      series: [
        { label: t("profile.self"), values: self.dimensions.map((d) => d.level), color: "#9ecae1" },
        { label: t("profile.verified"), values: verified.dimensions.map((d) => d.level), color: "#08519c" },
      ],
    };
  }, [verified, self, t, lang]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  if (error) return <p className="error">{error}</p>;
  if (!info || !verified || !self || !chart) return <p className="muted">{t("boot:loading")}</p>;
  const o = verified.overall;
  const band = (name: string | null) => (name ? t(`bands.${name}`, { ns: "reports" }) : "");
  const status = (name: string) => t(`statuses.${name}`, { ns: "reports", defaultValue: name.replaceAll("_", " ") });
  const coverage = (share: number | null) => (share === null ? "—" : percent(share));
  const signed = (delta: number | null) => (delta === null ? "" : `, ${delta >= 0 ? "+" : ""}${delta.toFixed(2)}`);
  const words = { row: (n: number) => t("revisions.row", { n }) };
  const answer = (question: string, value: unknown) =>
    labels ? describeAnswerValue(labels, question, value, words) : JSON.stringify(value ?? null);

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">{t("nav.evaluations")}</Link> /{" "}
        <Link to={`/evaluations/${evaluationId}`}>{t("profile.evaluation")}</Link> /{" "}
        <Link to={`/evaluations/${evaluationId}/scores`}>{t("profile.scores")}</Link> /
      </p>
      <h1>{info.organizationName}</h1>
      <p className="muted">
        {t("profile.meta", {
          questionnaire: info.questionnaireId,
          version: info.questionnaireVersion,
          date: formatDateTime(info.submittedAt),
          scoring: verified.scoringId,
          scoringVersion: verified.scoringVersion,
        })}{" "}
        · <a href={`/api/responses/${responseId}/report.pdf`}>{t("profile.pdf")}</a>
      </p>
      <div className="profile-head">
        <div
          className="overall-box"
          style={{ borderColor: o.band ? bandColours[o.band] : "#ccc" }}
          data-overall={level2(o.level)}
        >
          <div className="big">{level2(o.level)}</div>
          {/* One scale: the level 1-4 with its band (0-100 is for the reports that ask for it). */}
          <div>
            {o.band
              ? t("scores.levelTitle", { level: bandNames.indexOf(o.band) + 1, band: band(o.band) })
              : status(o.status)}
          </div>
          <div className="muted small">{t("profile.overall", { coverage: coverage(o.coverage) })}</div>
          <div>
            {t("profile.weakest")} <strong>{o.weakest ? dimensionName(o.weakest) : "—"}</strong>
            {o.criticalGaps.length > 0 && (
              <span className="error">
                {" "}
                · {t("profile.criticalGaps", { list: o.criticalGaps.map(dimensionName).join(", ") })}
              </span>
            )}
          </div>
        </div>
        <div className="chart-box">
          <BarChart
            ariaLabel={t("profile.chart")}
            labels={chart.labels}
            series={chart.series}
            min={1}
            max={4}
            integer
          />
        </div>
      </div>

      {change && (
        <section className="panel">
          <h2>{t("profile.change")}</h2>
          <p>
            {t("profile.changeOverall", {
              base: level2(change.overall.base),
              end: level2(change.overall.end),
              status: status(change.overall.status),
              delta: signed(change.overall.delta),
            })}
          </p>
          <p className="small">
            {Object.entries(change.dimensions)
              .map(([d, c]) => `${dimensionName(d)}: ${status(c.status)}${signed(c.delta)}`)
              .join(" · ")}
          </p>
        </section>
      )}

      {verified.dimensions.map((d, index) => {
        const selfDim = self.dimensions[index]!;
        return (
          <section key={d.id} className="panel dimension" data-dimension={d.id}>
            <h2>
              {d.id} · {textOf(d.title, lang)}:{" "}
              <span className="badge" style={{ background: d.band ? bandColours[d.band] : "#eee" }}>
                {d.level === null ? status(d.status) : `${level2(d.level)} ${band(d.band)}`}
              </span>{" "}
              <span className="muted small">
                {t("profile.dimensionMeta", {
                  self: level2(selfDim.level),
                  answered: d.answered,
                  applicable: d.applicable,
                  coverage: coverage(d.coverage),
                })}
              </span>
            </h2>
            <table className="table trace">
              <thead>
                <tr>
                  <th>{t("profile.item")}</th>
                  <th>{t("profile.answer")}</th>
                  <th>{t("profile.rule")}</th>
                  <th>{t("profile.level")}</th>
                  <th>{t("profile.weight")}</th>
                  <th>{t("profile.contribution")}</th>
                  <th>{t("profile.nextLevel")}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((item) => {
                  const q = questions.get(item.question);
                  const isRubric = item.rule.startsWith("choice");
                  const next =
                    isRubric && item.level !== null && item.level < 4
                      ? anchorFor(q, Math.floor(item.level) + 1, lang)
                      : null;
                  const rule = ruleLines(q, lang, (key, values) => t(key, values ?? {}));
                  return (
                    <tr
                      key={item.question}
                      className={item.status === "answered" ? "" : "excluded"}
                      data-item={item.question}
                    >
                      <td title={textOf(q?.title as never, lang)}>
                        <span className="small muted">{item.question}</span>{" "}
                        {textOf(q?.title as never, lang).slice(0, 90)}
                      </td>
                      <td>{answer(item.question, item.value)}</td>
                      <td className="small" title={item.rule}>
                        {rule.length > 0 ? rule.map((line) => <div key={line}>{line}</div>) : item.rule}
                      </td>
                      <td>
                        {item.level === null ? (
                          <span className="muted">
                            {item.reason
                              ? t(`reasons.${item.reason}`, { ns: "reports", defaultValue: item.reason })
                              : status(item.status)}
                          </span>
                        ) : (
                          level2(item.level)
                        )}
                        {item.verified && (
                          <span className="badge"> {t("profile.verifiedBadge", { level: item.verified.level })}</span>
                        )}
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
          <h2>{t("profile.history")}</h2>
          <ul>
            {audit.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at)} · {h.by ?? "?"} · {h.question}: {h.previousLevel ?? "—"} →{" "}
                {h.level ?? t("profile.removed")} · “{h.note}”
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
  const { t } = useTranslation();
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
      setMessage(t("profile.savedFor", { question }));
      setNote("");
      onSaved();
    } catch (e) {
      setMessage(describeError(e));
    }
  }

  return (
    <form className="panel form narrow" onSubmit={submit}>
      <h2>{t("profile.verifyTitle")}</h2>
      <p className="muted small">{t("profile.verifyLead")}</p>
      <label>
        {t("profile.item")}
        <select value={question} onChange={(e) => setQuestion(e.target.value)}>
          {items.map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
      </label>
      <label>
        {t("profile.level")}
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          {bandNames.map((name, i) => (
            <option key={name} value={i + 1}>
              {t("profile.levelOption", { level: i + 1, band: t(`bands.${name}`, { ns: "reports" }) })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("profile.note")}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} required rows={3} />
      </label>
      <button type="submit" className="primary">
        {t("profile.saveVerified")}
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
