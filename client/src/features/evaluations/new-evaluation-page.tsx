import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import {
  createEvaluation,
  listEvaluations,
  listQuestionnaires,
  type EvaluationView,
  type QuestionnaireSummary,
} from "./api.ts";

const rounds = ["baseline", "midline", "endline"];

export function NewEvaluationPage() {
  const { api } = useSession();
  const navigate = useNavigate();
  const [questionnaires, setQuestionnaires] = useState<QuestionnaireSummary[]>([]);
  const [evaluations, setEvaluations] = useState<EvaluationView[]>([]);
  const [name, setName] = useState("");
  const [round, setRound] = useState("baseline");
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
      <h1>New evaluation</h1>
      <form className="form" onSubmit={submit}>
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            placeholder="PHT final evaluation 2005"
          />
        </label>
        <fieldset>
          <legend>Round</legend>
          <select value={round} onChange={(e) => setRound(e.target.value)} aria-label="Round">
            {rounds.map((r) => (
              <option key={r}>{r}</option>
            ))}
            <option value="other">other…</option>
          </select>
          {round === "other" && (
            <input aria-label="Round name" value={otherRound} onChange={(e) => setOtherRound(e.target.value)} />
          )}
        </fieldset>
        <fieldset>
          <legend>Questionnaires</legend>
          {questionnaires.map((q) => (
            <label key={q.id} className="check">
              <input type="checkbox" checked={chosen.includes(q.id)} onChange={() => toggle(q.id)} />
              {q.title}{" "}
              <span className="muted">
                ({q.id}, {q.questionCount} questions{q.scoring ? ", scored" : ""})
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          Closing date <span className="muted">(links stop accepting answers after this day)</span>
          <input type="date" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </label>
        <label>
          Automatic reminder, days before the closing date <span className="muted">(empty: none)</span>
          <input
            type="number"
            min={1}
            max={60}
            value={reminderDays}
            onChange={(e) => setReminderDays(e.target.value)}
          />
        </label>
        <label>
          Baseline evaluation <span className="muted">(to measure change since)</span>
          <select value={baseline} onChange={(e) => setBaseline(e.target.value)}>
            <option value="">none</option>
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
          Create evaluation
        </button>
      </form>
    </section>
  );
}
