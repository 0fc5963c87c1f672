import "survey-core/survey-core.fontless.css";
import { memo, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { describeError, describeInterviewee, formatDate, formatDateTime } from "../../lib/format.ts";
import { ApiError } from "../../lib/http.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import {
  correctResponse,
  getQuestionnaire,
  getResponse,
  listRevisions,
  type QuestionnaireDetail,
  type ResponseDetail,
  type RevisionView,
} from "./api.ts";

setupSurveyCore();

/**
 * The survey apart from the page around it: the page re-renders on every save, and re-rendering survey-react-ui
 * from outside closes its open dropdowns. The model is its own store and re-renders what changes.
 */
const SurveyView = memo(function SurveyView({ model }: { model: Model }) {
  return <Survey model={model} />;
});

interface Loaded {
  detail: ResponseDetail;
  questionnaire: QuestionnaireDetail;
  revisions: RevisionView[];
}

/** One response: its answers in SurveyJS display mode, who and when, corrections with a reason, the revisions. */
export default function ResponsePage() {
  const { id = "" } = useParams();
  const { api } = useSession();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    (async () => {
      const detail = await getResponse(api, id);
      const [questionnaire, revisions] = await Promise.all([
        getQuestionnaire(api, detail.questionnaireId, detail.questionnaireVersion),
        listRevisions(api, id),
      ]);
      return { detail, questionnaire, revisions };
    })().then(
      (next) => live && setLoaded(next),
      (e) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [api, id, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  if (error && !loaded) return <p className="error">{error}</p>;
  if (!loaded) return <p className="muted">Loading…</p>;
  return <ResponseView key={`${loaded.detail.id}@${loaded.detail.revision}`} loaded={loaded} onSaved={reload} />;
}

function ResponseView({ loaded, onSaved }: { loaded: Loaded; onSaved: () => void }) {
  const { detail, questionnaire, revisions } = loaded;
  const { api, session } = useSession();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<{ message: string; reason?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const model = useMemo(() => {
    const model = new Model(questionnaire.json);
    if (detail.locale) model.locale = detail.locale;
    model.data = detail.data;
    model.mode = "display";
    // The whole response at a glance, rather than page by page.
    model.questionsOnPageMode = "singlePage";
    model.showCompleteButton = false;
    model.showCompletePage = false;
    return model;
  }, [questionnaire, detail]);

  function startEditing() {
    switchMode(model, "edit");
    setEditing(true);
    setProblem(null);
  }

  function cancel() {
    switchMode(model, "display", detail.data);
    setEditing(false);
    setReason("");
    setProblem(null);
  }

  async function save() {
    setProblem(null);
    if (!reason.trim()) return setProblem({ message: "Say why the answers change.", reason: "is required" });
    if (!model.validate(true, true)) return setProblem({ message: "Some answers need attention." });
    setBusy(true);
    try {
      const result = await correctResponse(api, detail.id, {
        data: model.data,
        reason: reason.trim(),
        baseRevision: detail.revision,
      });
      if (!result.changed) {
        setProblem({ message: "Nothing changed: the answers are the ones already stored." });
        return;
      }
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const details = error.body.details ?? [];
        for (const d of details) {
          const name = d.question?.split(/[.[]/)[0];
          if (name) model.getQuestionByName(name)?.addError(d.message);
        }
        const first = details.find((d) => d.question)?.question?.split(/[.[]/)[0];
        if (first) model.focusQuestion(first);
        setProblem({ message: error.body.message, reason: details.find((d) => d.field === "reason")?.message });
      } else if (error instanceof ApiError && error.status === 409) {
        setProblem({
          message: `${error.body.message}. Copy your changes aside, then reload the page to see the current answers.`,
        });
      } else {
        setProblem({ message: describeError(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  const editable = canEdit(session) && detail.status === "submitted";
  return (
    <section className="response">
      <p className="crumbs">
        <Link to="/responses">Responses</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1>{detail.organizationName}</h1>
          <p className="muted">
            {detail.questionnaireTitle} (v{detail.questionnaireVersion}) ·{" "}
            <Link to={`/evaluations/${detail.evaluationId}`}>evaluation</Link> ·{" "}
            <a href={`/api/responses/${detail.id}/report.pdf`}>PDF</a>
          </p>
        </div>
        {editable && !editing && (
          <button type="button" className="primary" onClick={startEditing}>
            Edit answers
          </button>
        )}
      </div>

      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${detail.status}`} data-status={detail.status}>
            {detail.status}
          </span>
        </dd>
        <dt>Mode</dt>
        <dd data-mode={detail.mode}>{detail.mode === "interview" ? "interview" : "link (self-completed)"}</dd>
        <dt>Revision</dt>
        <dd data-revision={detail.revision}>{detail.revision}</dd>
        {detail.mode === "interview" && (
          <>
            <dt>Interviewee</dt>
            <dd>{describeInterviewee(detail.interviewee)}</dd>
            <dt>Interviewer</dt>
            <dd>{detail.interviewerName ?? "—"}</dd>
            <dt>Conducted</dt>
            <dd>
              {formatDate(detail.conductedAt)}
              {detail.place ? ` · ${detail.place}` : ""}
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatDateTime(detail.createdAt)}</dd>
        <dt>Submitted</dt>
        <dd>{formatDateTime(detail.submittedAt)}</dd>
        <dt>Last change</dt>
        <dd>
          {formatDateTime(detail.updatedAt)}
          {detail.updatedBy ? ` by ${detail.updatedBy.name}` : ""}
        </dd>
      </dl>

      {detail.status === "draft" && (
        <p className="notice">
          A draft: its answers belong to whoever is filling it in; it can be corrected once submitted.
        </p>
      )}
      {editing && (
        <p className="notice">
          Editing. Saving makes revision {detail.revision + 1}, with your name and reason; the earlier answers stay in
          the history below.
        </p>
      )}

      <SurveyView model={model} />

      {editing && (
        <div className="panel form correction">
          <label>
            Reason for the change
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required />
          </label>
          {problem?.reason && <p className="error">Reason: {problem.reason}</p>}
          {problem && (
            <p className="error" role="alert">
              {problem.message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
              {busy ? "Saving…" : "Save correction"}
            </button>
            <button type="button" onClick={cancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {!editing && problem && <p className="error">{problem.message}</p>}

      <Revisions revisions={revisions} />
    </section>
  );
}

/** survey-core's model is its own mutable store: display and edit are modes of the same answers. */
function switchMode(model: Model, mode: "display" | "edit", data?: Record<string, unknown>): void {
  if (data) model.data = data;
  model.mode = mode;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return value.join(", ");
  return JSON.stringify(value);
}

/** Every revision with its field-level diff: who, when, why, and each path's value before and after. */
function Revisions({ revisions }: { revisions: RevisionView[] }) {
  return (
    <section className="revisions">
      <h2>Revisions</h2>
      {revisions.length === 0 ? (
        <p className="muted">None yet: revisions start with the submission.</p>
      ) : (
        <table className="table revisions-table">
          <thead>
            <tr>
              <th>Revision</th>
              <th>When</th>
              <th>Who</th>
              <th>Why</th>
              <th>Path</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {[...revisions]
              .sort((a, b) => b.revision - a.revision)
              .flatMap((r) => {
                const changes = r.diff.length > 0 ? r.diff : [null];
                return changes.map((change, i) => (
                  <tr
                    key={`${r.revision}-${i}`}
                    data-revision={r.revision}
                    className={i === 0 ? "revision-first" : undefined}
                  >
                    {i === 0 && (
                      <>
                        <td rowSpan={changes.length}>{r.revision}</td>
                        <td rowSpan={changes.length}>{formatDateTime(r.createdAt)}</td>
                        <td rowSpan={changes.length}>{r.user?.name ?? "respondent"}</td>
                        <td rowSpan={changes.length}>
                          {r.reason ?? (r.user ? "submission" : "submitted by the respondent")}
                        </td>
                      </>
                    )}
                    <td>
                      <code>{change?.path ?? "—"}</code>
                    </td>
                    <td>{change ? show(change.before) : ""}</td>
                    <td>{change ? show(change.after) : ""}</td>
                  </tr>
                ));
              })}
          </tbody>
        </table>
      )}
    </section>
  );
}
