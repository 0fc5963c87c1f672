import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { describeError, formatDateTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import { listQuestionnaires, type QuestionnaireSummary } from "./api.ts";
import { PublisherName } from "./publisher-name.tsx";
import { UploadPanel } from "./upload-panel.tsx";

/** Every questionnaire with its versions (the newest described here, all of them on its page), and the upload. */
export function QuestionnairesPage() {
  const { api, session } = useSession();
  const { t } = useTranslation("questionnaires");
  usePageTitle(t("title"));
  const [list, setList] = useState<QuestionnaireSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    listQuestionnaires(api).then(setList, (e) => setError(describeError(e)));
  }, [api]);
  useEffect(load, [load]);

  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      {error && <p className="error">{error}</p>}
      {list && list.length === 0 && <p>{t("empty")}</p>}
      {list && list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t("id")}</th>
              <th>{t("name")}</th>
              <th>{t("latest")}</th>
              <th>{t("published")}</th>
              <th>{t("publishedBy")}</th>
              <th>{t("questions")}</th>
              <th>{t("scoring")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((q) => (
              <tr key={q.id}>
                <td>
                  <Link to={`/questionnaires/${encodeURIComponent(q.id)}`}>{q.id}</Link>
                </td>
                <td>{q.title}</td>
                <td>
                  {q.version} <span className="muted">({t("versionsCount", { count: q.version })})</span>
                </td>
                <td>{formatDateTime(q.publishedAt)}</td>
                <td>
                  <PublisherName publisher={q.publishedBy} />
                </td>
                <td>{q.questionCount}</td>
                <td>{q.scoring ? t("scoringValue", q.scoring) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit(session) && <UploadPanel onDone={load} />}
    </section>
  );
}
