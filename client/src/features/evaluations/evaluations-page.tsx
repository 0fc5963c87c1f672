import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import { describeError, formatDate } from "../../lib/format.ts";
import { canEdit, useSession } from "../../lib/session.tsx";

export function EvaluationsPage() {
  const { session, api } = useSession();
  const [evaluations, setEvaluations] = useState<EvaluationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<EvaluationView[]>("GET", "/api/evaluations").then(setEvaluations, (e) => setError(describeError(e)));
  }, [api]);

  return (
    <section>
      <div className="page-head">
        <h1>Evaluations</h1>
        {canEdit(session) && (
          <Link to="/evaluations/new" className="button primary">
            New evaluation
          </Link>
        )}
      </div>
      {error && <p className="error">{error}</p>}
      {evaluations?.length === 0 && (
        <div className="empty">
          <h2>No evaluation yet</h2>
          <p>
            An evaluation groups the organisations you assess with the questionnaires they answer. Start by{" "}
            <Link to="/organizations">adding your partner organisations</Link> (or importing them from a spreadsheet),
            then create an evaluation and invite them.
          </p>
        </div>
      )}
      {evaluations && evaluations.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Evaluation</th>
              <th>Round</th>
              <th>Status</th>
              <th>Closes</th>
              <th>Submitted / invited</th>
            </tr>
          </thead>
          <tbody>
            {evaluations.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/evaluations/${e.id}`}>{e.name}</Link>
                </td>
                <td>{e.round ?? "—"}</td>
                <td>
                  <span className={`badge badge-${e.status}`}>{e.status}</span>
                </td>
                <td>{formatDate(e.closesAt)}</td>
                <td>
                  <ProgressBar done={e.progress.submitted} total={e.progress.invited} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ProgressBar({ done, total }: { done: number; total: number }) {
  const share = total === 0 ? 0 : done / total;
  return (
    <div className="progress" title={`${done} of ${total}`}>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span>
        {done} / {total}
      </span>
    </div>
  );
}
