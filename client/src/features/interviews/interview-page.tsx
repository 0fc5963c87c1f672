import "survey-core/survey-core.fontless.css";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Trans } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { describeError, formatDate, formatDateTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { watchPageLeave } from "../../lib/watch-page-leave.ts";
import { loadQuestionnaire } from "./field-data.ts";
import { useFieldQuery, useFieldWork } from "./field-work.tsx";
import { organizationName, syncStateOf } from "./interview-status.ts";
import type { CachedQuestionnaire, EditableFields, FieldStore, LocalInterview } from "./store.ts";

setupSurveyCore();

/**
 * The survey apart from the page around it: the page re-renders on every save, and re-rendering survey-react-ui
 * from outside closes its open dropdowns. The model is its own store and re-renders what changes.
 */
const SurveyView = memo(function SurveyView({ model }: { model: Model }) {
  return <Survey model={model} />;
});

type Loaded =
  | { kind: "loading" }
  | { kind: "missing"; message: string }
  | { kind: "ready"; interview: LocalInterview; questionnaire: { json: Record<string, unknown>; title: string } };

/** The interview form: the questionnaire, written to the device on every change; sent by the sync queue. */
export default function InterviewPage() {
  const { clientId = "" } = useParams();
  const { store } = useFieldWork();
  const { api } = useSession();
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });

  useEffect(() => {
    if (!store) return;
    let live = true;
    (async (): Promise<Loaded> => {
      const interview = await store.getInterview(clientId);
      if (!interview) return { kind: "missing", message: t("interview.notHere") };
      let questionnaire: CachedQuestionnaire | Awaited<ReturnType<typeof loadQuestionnaire>>;
      try {
        questionnaire = await loadQuestionnaire(store, api, interview.questionnaireId, interview.questionnaireVersion);
      } catch (error) {
        return { kind: "missing", message: t("interview.questionnaireNotHere", { error: describeError(error) }) };
      }
      return { kind: "ready", interview, questionnaire };
    })().then((next) => live && setLoaded(next));
    return () => {
      live = false;
    };
    // The page loads once per interview; later changes come from the form itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, clientId]);

  if (loaded.kind === "loading") return <p className="muted">{t("interview.loading")}</p>;
  if (loaded.kind === "missing") {
    return (
      <section>
        <p className="error">{loaded.message}</p>
        <Link to="/interviews">{t("interviews.title")}</Link>
      </section>
    );
  }
  return (
    <InterviewForm key={clientId} store={store!} initial={loaded.interview} questionnaire={loaded.questionnaire} />
  );
}

type SaveState = "saved" | "saving" | "failed";

function InterviewForm(props: {
  store: FieldStore;
  initial: LocalInterview;
  questionnaire: { json: Record<string, unknown>; title: string };
}) {
  const { store, initial, questionnaire } = props;
  const navigate = useNavigate();
  const { t } = useTranslation();
  const readThis = useCallback((s: FieldStore) => s.getInterview(initial.clientId), [initial.clientId]);
  const live = useFieldQuery(readThis) ?? initial;
  const readNames = useCallback(
    async (s: FieldStore) => ({
      organizations: await s.listOrganizations(),
      pending: await s.listPendingOrganizations(),
    }),
    [],
  );
  const names = useFieldQuery(readNames);
  const [details, setDetails] = useState({
    interviewee: initial.interviewee,
    conductedAt: initial.conductedAt,
    place: initial.place,
  });
  const [reason, setReason] = useState(initial.reason ?? "");
  const [save, setSave] = useState<{ state: SaveState; at: string | null; error?: string }>({
    state: "saved",
    at: initial.updatedAt,
  });
  const [message, setMessage] = useState<string | null>(null);
  const pendingWrites = useRef(0);

  /** Every change goes to IndexedDB at once; the indicator says when the device holds it. */
  const write = useCallback(
    (fields: EditableFields) => {
      pendingWrites.current++;
      setSave((s) => ({ ...s, state: "saving" }));
      store.changeInterview(initial.clientId, fields).then(
        (record) => {
          if (--pendingWrites.current === 0) setSave({ state: "saved", at: record?.updatedAt ?? null });
        },
        (error: unknown) => {
          pendingWrites.current--;
          setSave({ state: "failed", at: null, error: describeError(error) });
        },
      );
    },
    [store, initial.clientId],
  );

  const model = useMemo(() => {
    const model = new Model(questionnaire.json);
    model.locale = initial.locale ?? "";
    model.data = initial.data;
    // Every keystroke is a change worth keeping: the battery may die mid-sentence.
    model.textUpdateMode = "onTyping";
    model.showCompleteButton = false;
    model.showCompletePage = false;
    if (initial.currentPage > 0 && initial.currentPage < model.visiblePages.length) {
      model.currentPageNo = initial.currentPage;
    }
    const wasRefused = initial.dirty && initial.lastError?.change === initial.changeCount;
    if (initial.status === "submitted" && !wasRefused) model.mode = "display";
    return model;
  }, [questionnaire, initial]);
  const editable = model.mode !== "display";
  const refused = live.lastError !== null && live.lastError.change === live.changeCount && live.dirty;

  // The text of a field that takes it only on blur reaches IndexedDB (onValueChanged) before the page goes away.
  useEffect(() => watchPageLeave(), []);

  useEffect(() => {
    const onValue = () => write({ data: model.data });
    const onPage = () => write({ data: model.data, currentPage: model.currentPageNo });
    model.onValueChanged.add(onValue);
    model.onCurrentPageChanged.add(onPage);
    return () => {
      model.onValueChanged.remove(onValue);
      model.onCurrentPageChanged.remove(onPage);
    };
  }, [model, write]);

  // What the server refused, shown on the questions it names.
  const error = refused ? live.lastError : null;
  useEffect(() => {
    for (const detail of error?.details ?? []) {
      const name = detail.question?.split(/[.[]/)[0];
      if (name) model.getQuestionByName(name)?.addError(detail.message);
    }
  }, [model, error]);

  const title = names ? organizationName(live, names.organizations, names.pending, t) : t("interview.title");
  usePageTitle(title);

  const changeDetails = (next: typeof details) => {
    setDetails(next);
    write(next);
  };
  const who = (field: "name" | "position" | "agency") => (e: { target: { value: string } }) =>
    changeDetails({ ...details, interviewee: { ...details.interviewee, [field]: e.target.value } });

  function complete() {
    setMessage(null);
    const { position, agency } = details.interviewee;
    if (!position.trim() && !agency.trim()) {
      setMessage(t("interview.needWho"));
      return;
    }
    if (!details.conductedAt) {
      setMessage(t("interview.needDate"));
      return;
    }
    // survey-core's own validation (required answers, validators) must pass on the device first.
    if (!model.validate(true, true)) {
      setMessage(t("interview.needsAttention"));
      return;
    }
    model.doComplete();
    // doComplete dropped the answers to questions that are not visible, as the server would.
    write({ data: model.data, status: "submitted", ...details, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    navigate("/interviews");
  }

  const state = syncStateOf(live);
  const needsReason = error?.details.some((d) => d.field === "reason") ?? false;
  return (
    <section className="interview">
      {/* One line of fixed height whatever the state: nothing above the survey moves while the evaluator types
          (survey-react-ui closes an open dropdown when its question moves). */}
      <div className="interview-bar">
        <Link to="/interviews">{t("interviews.title")}</Link>
        <span className="interview-state">
          <span
            className={`save-state save-${save.state}`}
            role="status"
            data-state={save.state}
            title={save.error ?? (save.at ? t("interview.savedAt", { date: formatDateTime(save.at) }) : undefined)}
          >
            {save.state === "saved"
              ? t("interview.saved")
              : save.state === "saving"
                ? t("interview.saving")
                : t("interview.notSaved", { error: save.error })}
          </span>
          <span className={`badge sync-${state}`} data-sync-state={state}>
            {t(`sync.state.${state}`)}
          </span>
        </span>
      </div>
      <h1>{title}</h1>
      <p className="muted">
        {questionnaire.title} · {formatDate(details.conductedAt)}
        {details.place ? ` · ${details.place}` : ""}
      </p>

      {live.conflict && (
        <p className="notice">
          <Trans
            i18nKey="interview.conflict"
            components={{ link: <Link to={`/interviews/${live.clientId}/conflict`} /> }}
          />
        </p>
      )}
      {error && (
        <div className="notice error" role="alert">
          <strong>{t("interview.refused")}</strong> {error.message}
          <ul>
            {error.details.map((d, i) => (
              <li key={i}>
                {d.question ?? d.field ?? ""} {d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!editable && (
        <p className="notice">
          {live.dirty ? t("interview.completedWaiting") : t("interview.completed")}{" "}
          {live.responseId !== null && !live.dirty && (
            <Trans
              i18nKey="interview.corrections"
              components={{ link: <Link to={`/responses/${live.responseId}`} /> }}
            />
          )}
        </p>
      )}

      <fieldset className="panel form interview-details" disabled={!editable}>
        <legend>{t("interview.details")}</legend>
        <div className="grid">
          <label>
            {t("interview.intervieweeName")}
            <input value={details.interviewee.name} onChange={who("name")} maxLength={300} />
          </label>
          <label>
            {t("interview.position")}
            <input value={details.interviewee.position} onChange={who("position")} maxLength={300} />
          </label>
          <label>
            {t("interview.agency")}
            <input value={details.interviewee.agency} onChange={who("agency")} maxLength={300} />
          </label>
          <label>
            {t("interview.date")}
            <input
              type="date"
              value={details.conductedAt}
              onChange={(e) => changeDetails({ ...details, conductedAt: e.target.value })}
              required
            />
          </label>
          <label>
            {t("interview.place")}
            <input
              value={details.place}
              onChange={(e) => changeDetails({ ...details, place: e.target.value })}
              maxLength={300}
            />
          </label>
        </div>
        {needsReason && (
          <label>
            {t("interview.reason")}
            <textarea
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                write({ reason: e.target.value.trim() || null });
              }}
              maxLength={2000}
            />
          </label>
        )}
      </fieldset>

      <SurveyView model={model} />

      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="actions interview-actions">
        <button type="button" onClick={() => navigate("/interviews")}>
          {editable ? t("interview.saveLeave") : t("interview.back")}
        </button>
        {editable && (
          <button type="button" className="primary" onClick={complete}>
            {t("interview.complete")}
          </button>
        )}
      </div>
    </section>
  );
}
