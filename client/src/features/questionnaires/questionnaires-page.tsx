import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import type { QuestionnaireSummary } from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import { describeError } from "../../lib/format.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import { UploadPanel } from "./upload-panel.tsx";

/** Every questionnaire (its newest version), and the upload of a new one or a new version. */
export function QuestionnairesPage() {
  const { api, session } = useSession();
  const [list, setList] = useState<QuestionnaireSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api<QuestionnaireSummary[]>("GET", "/api/questionnaires").then(setList, (e) => setError(describeError(e)));
  }, [api]);
  useEffect(load, [load]);

  return (
    <section>
      <h1>Questionnaires</h1>
      {error && <p className="error">{error}</p>}
      {list && (
        <table>
          <thead>
            <tr>
              <th>Id</th>
              <th>Title</th>
              <th>Latest version</th>
              <th>Questions</th>
              <th>Scoring</th>
            </tr>
          </thead>
          <tbody>
            {list.map((q) => (
              <tr key={q.id}>
                <td>
                  <Link to={`/questionnaires/${q.id}`}>{q.id}</Link>
                </td>
                <td>{q.title}</td>
                <td>{q.version}</td>
                <td>{q.questionCount}</td>
                <td>{q.scoring ? `${q.scoring.id} v${q.scoring.version}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit(session) && <UploadPanel onDone={load} />}
    </section>
  );
}
