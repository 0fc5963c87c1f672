import "survey-core/survey-core.fontless.css";
import { memo, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { describeAnswerPath, describeAnswerValue } from "../../../../server/survey-model/answer-labels.ts";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { describeError, describeInterviewee, formatDate, formatDateTime } from "../../lib/format.ts";
import { ApiError } from "../../lib/http.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
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
  const { t } = useTranslation();
  usePageTitle(loaded?.detail.organizationName ?? t("responses.title"));

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
  if (!loaded) return <p className="muted">{t("boot:loading")}</p>;
  return <ResponseView key={`${loaded.detail.id}@${loaded.detail.revision}`} loaded={loaded} onSaved={reload} />;
}

function ResponseView({ loaded, onSaved }: { loaded: Loaded; onSaved: () => void }) {
  const { detail, questionnaire, revisions } = loaded;
  const { api, session } = useSession();
  const { t } = useTranslation();
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
    if (!reason.trim()) return setProblem({ message: t("response.sayWhy"), reason: t("response.reasonRequired") });
    if (!model.validate(true, true)) return setProblem({ message: t("response.needsAttention") });
    setBusy(true);
    try {
      const result = await correctResponse(api, detail.id, {
        data: model.data,
        reason: reason.trim(),
        baseRevision: detail.revision,
      });
      if (!result.changed) {
        setProblem({ message: t("response.unchanged") });
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
          message: t("response.conflict", { message: error.body.message }),
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
        <Link to="/responses">{t("responses.title")}</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1>{detail.organizationName}</h1>
          <p className="muted">
            {detail.questionnaireTitle} (v{detail.questionnaireVersion}) ·{" "}
            <Link to={`/evaluations/${detail.evaluationId}`}>{t("response.evaluation")}</Link> ·{" "}
            <a href={`/api/responses/${detail.id}/report.pdf`}>PDF</a>
          </p>
        </div>
        {editable && !editing && (
          <button type="button" className="primary" onClick={startEditing}>
            {t("response.edit")}
          </button>
        )}
      </div>

      <dl className="facts">
        <dt>{t("response.status")}</dt>
        <dd>
          <span className={`badge badge-${detail.status}`} data-status={detail.status}>
            {t(`responses.statusValue.${detail.status}`)}
          </span>
        </dd>
        <dt>{t("response.mode")}</dt>
        <dd data-mode={detail.mode}>{t(`responses.modeValue.${detail.mode}`)}</dd>
        <dt>{t("response.revision")}</dt>
        <dd data-revision={detail.revision}>{detail.revision}</dd>
        {detail.mode === "interview" && (
          <>
            <dt>{t("response.interviewee")}</dt>
            <dd>{describeInterviewee(detail.interviewee)}</dd>
            <dt>{t("response.interviewer")}</dt>
            <dd>{detail.interviewerName ?? "—"}</dd>
            <dt>{t("response.conducted")}</dt>
            <dd>
              {formatDate(detail.conductedAt)}
              {detail.place ? ` · ${detail.place}` : ""}
            </dd>
          </>
        )}
        <dt>{t("response.created")}</dt>
        <dd>{formatDateTime(detail.createdAt)}</dd>
        <dt>{t("response.submitted")}</dt>
        <dd>{formatDateTime(detail.submittedAt)}</dd>
        <dt>{t("response.lastChange")}</dt>
        <dd>
          {formatDateTime(detail.updatedAt)}
          {detail.updatedBy ? t("response.by", { name: detail.updatedBy.name }) : ""}
        </dd>
      </dl>

      {detail.status === "draft" && <p className="notice">{t("response.draftNote")}</p>}
      {editing && <p className="notice">{t("response.editingNote", { next: detail.revision + 1 })}</p>}

      <SurveyView model={model} />

      {editing && (
        <div className="panel form correction">
          <label>
            {t("response.reason")}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required />
          </label>
          {problem?.reason && <p className="error">{t("response.reasonProblem", { problem: problem.reason })}</p>}
          {problem && (
            <p className="error" role="alert">
              {problem.message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
              {busy ? t("response.saving") : t("response.save")}
            </button>
            <button type="button" onClick={cancel} disabled={busy}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {!editing && problem && <p className="error">{problem.message}</p>}

      <Revisions revisions={revisions} questionnaire={questionnaire} />
    </section>
  );
}

/** survey-core's model is its own mutable store: display and edit are modes of the same answers. */
function switchMode(model: Model, mode: "display" | "edit", data?: Record<string, unknown>): void {
  if (data) model.data = data;
  model.mode = mode;
}

/**
 * Every revision with its field-level diff: who, when, why, and each answer before and after, in words (question
 * titles and choice labels in the workspace's language, from the questionnaire's translations), the path kept as
 * a small code beside the question.
 */
function Revisions({ revisions, questionnaire }: { revisions: RevisionView[]; questionnaire: QuestionnaireDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language; // the workspace's language, not the response's
  const labels = useMemo(() => {
    const model = new Model(questionnaire.json);
    model.locale = lang;
    return model;
  }, [questionnaire, lang]);
  const words = { row: (n: number) => t("revisions.row", { n }) };
  return (
    <section className="revisions">
      <h2>{t("revisions.title")}</h2>
      {revisions.length === 0 ? (
        <p className="muted">{t("revisions.none")}</p>
      ) : (
        <table className="table revisions-table">
          <thead>
            <tr>
              <th>{t("revisions.revision")}</th>
              <th>{t("revisions.when")}</th>
              <th>{t("revisions.who")}</th>
              <th>{t("revisions.why")}</th>
              <th>{t("revisions.question")}</th>
              <th>{t("revisions.before")}</th>
              <th>{t("revisions.after")}</th>
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
                        <td rowSpan={changes.length}>{r.user?.name ?? t("revisions.respondent")}</td>
                        <td rowSpan={changes.length}>
                          {r.reason ?? (r.user ? t("revisions.submission") : t("revisions.byRespondent"))}
                        </td>
                      </>
                    )}
                    <td>
                      {change ? (
                        <>
                          {describeAnswerPath(labels, change.path, words)}{" "}
                          <code className="muted small">{change.path}</code>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>{change ? describeAnswerValue(labels, change.path, change.before, words) : ""}</td>
                    <td>{change ? describeAnswerValue(labels, change.path, change.after, words) : ""}</td>
                  </tr>
                ));
              })}
          </tbody>
        </table>
      )}
    </section>
  );
}
