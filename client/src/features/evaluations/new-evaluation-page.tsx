import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { evaluationRounds } from "../../../../server/value-lists.ts";
import { describeError } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import {
  createEvaluation,
  listEvaluations,
  listQuestionnaires,
  type EvaluationView,
  type QuestionnaireSummary,
} from "./api.ts";

export function NewEvaluationPage() {
  const { api } = useSession();
  const { t } = useTranslation();
  usePageTitle(t("newEvaluation.title"));
  const navigate = useNavigate();
  const [questionnaires, setQuestionnaires] = useState<QuestionnaireSummary[]>([]);
  const [evaluations, setEvaluations] = useState<EvaluationView[]>([]);
  const [name, setName] = useState("");
  const [round, setRound] = useState<string>(evaluationRounds[0]);
  const [otherRound, setOtherRound] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [closesAt, setClosesAt] = useState("");
  const [baseline, setBaseline] = useState("");
  const [reminderDays, setReminderDays] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listQuestionnaires(api).then(setQuestionnaires, (e) => setError(describeError(e)));
    listEvaluations(api).then(setEvaluations, () => undefined);
  }, [api]);

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { id } = await createEvaluation(api, {
        name,
        questionnaireIds: chosen,
        round: round === "other" ? otherRound || null : round,
        closesAt: closesAt || null,
        baselineEvaluationId: baseline ? Number(baseline) : null,
        ...(reminderDays ? { reminderDaysBefore: Number(reminderDays) } : {}),
      });
      navigate(`/evaluations/${id}`);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section className="narrow">
      <h1>{t("newEvaluation.title")}</h1>
      <form className="form" onSubmit={submit}>
        <label>
          {t("newEvaluation.name")}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            placeholder={t("newEvaluation.namePlaceholder")}
          />
        </label>
        <fieldset>
          <legend>{t("newEvaluation.round")}</legend>
          <select value={round} onChange={(e) => setRound(e.target.value)} aria-label={t("newEvaluation.round")}>
            {evaluationRounds.map((r) => (
              <option key={r} value={r}>
                {t(`evaluations.roundValue.${r}`)}
              </option>
            ))}
            <option value="other">{t("newEvaluation.otherRound")}</option>
          </select>
          {round === "other" && (
            <input
              aria-label={t("newEvaluation.roundName")}
              value={otherRound}
              onChange={(e) => setOtherRound(e.target.value)}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t("newEvaluation.questionnaires")}</legend>
          {questionnaires.map((q) => (
            <label key={q.id} className="check">
              <input type="checkbox" checked={chosen.includes(q.id)} onChange={() => toggle(q.id)} />
              {q.title}{" "}
              <span className="muted">
                ({q.id}, {t("newEvaluation.questionCount", { count: q.questionCount })}
                {q.scoring ? `, ${t("newEvaluation.scored")}` : ""})
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          {t("newEvaluation.closing")} <span className="muted">{t("newEvaluation.closingHint")}</span>
          <input type="date" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </label>
        <label>
          {t("newEvaluation.reminder")} <span className="muted">{t("newEvaluation.reminderHint")}</span>
          <input
            type="number"
            min={1}
            max={60}
            value={reminderDays}
            onChange={(e) => setReminderDays(e.target.value)}
          />
        </label>
        <label>
          {t("newEvaluation.baseline")} <span className="muted">{t("newEvaluation.baselineHint")}</span>
          <select value={baseline} onChange={(e) => setBaseline(e.target.value)}>
            <option value="">{t("newEvaluation.none")}</option>
            {evaluations.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={chosen.length === 0}>
          {t("newEvaluation.create")}
        </button>
      </form>
    </section>
  );
}
