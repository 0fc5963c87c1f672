import { useEffect, useState } from "react";
import { Trans } from "react-i18next";
import { Link } from "react-router";
import { describeError, formatDate } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import { listEvaluations, type EvaluationView } from "./api.ts";

export function EvaluationsPage() {
  const { session, api } = useSession();
  const [evaluations, setEvaluations] = useState<EvaluationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  usePageTitle(t("evaluations.title"));

  useEffect(() => {
    listEvaluations(api).then(setEvaluations, (e) => setError(describeError(e)));
  }, [api]);

  return (
    <section>
      <div className="page-head">
        <h1>{t("evaluations.title")}</h1>
        {canEdit(session) && (
          <Link to="/evaluations/new" className="button primary">
            {t("evaluations.new")}
          </Link>
        )}
      </div>
      {error && <p className="error">{error}</p>}
      {evaluations?.length === 0 && (
        <div className="empty">
          <h2>{t("evaluations.emptyTitle")}</h2>
          <p>
            <Trans i18nKey="evaluations.emptyLead" components={{ link: <Link to="/organizations" /> }} />
          </p>
        </div>
      )}
      {evaluations && evaluations.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t("evaluations.name")}</th>
              <th>{t("evaluations.round")}</th>
              <th>{t("evaluations.status")}</th>
              <th>{t("evaluations.closes")}</th>
              <th>{t("evaluations.progress")}</th>
            </tr>
          </thead>
          <tbody>
            {evaluations.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/evaluations/${e.id}`}>{e.name}</Link>
                </td>
                <td>{e.round ? t(`evaluations.roundValue.${e.round}`, { defaultValue: e.round }) : "—"}</td>
                <td>
                  <span className={`badge badge-${e.status}`}>{t(`evaluations.statusValue.${e.status}`)}</span>
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
  const { t } = useTranslation();
  return (
    <div className="progress" title={t("evaluations.progressOf", { done, total })}>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${share * 100}%` }} />
      </div>
      <span>
        {done} / {total}
      </span>
    </div>
  );
}
