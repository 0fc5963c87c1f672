import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { ResponseListItem } from "../../../../server/modules/responses/responses.schemas.ts";
import { describeError, describeInterviewee, formatDate, formatDateTime, formatTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { NetworkError } from "../../lib/http.ts";
import { canEdit, useSession, type Api } from "../../lib/session.tsx";
import { getInterview, listServerInterviews } from "./api.ts";
import { loadQuestionnaire } from "./field-data.ts";
import { useFieldQuery, useFieldWork, useSyncStatus } from "./field-work.tsx";
import { organizationName, syncStateOf } from "./interview-status.ts";
import { PreparePanel } from "./prepare-panel.tsx";
import type { FieldStore, LocalInterview } from "./store.ts";
import { countSync } from "./sync.ts";

const readDevice = async (store: FieldStore) => ({
  interviews: await store.listInterviews(),
  pending: await store.listPendingOrganizations(),
  organizations: await store.listOrganizations(),
  evaluations: await store.listEvaluations(),
});

export function InterviewsPage() {
  const { session, api } = useSession();
  const { store, queue, failure } = useFieldWork();
  const device = useFieldQuery(readDevice);
  const status = useSyncStatus();
  const editable = canEdit(session);
  const { t } = useTranslation();
  usePageTitle(t("interviews.title"));

  const counts = device ? countSync(device.interviews, device.pending) : null;
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>{t("interviews.title")}</h1>
          <p className="muted">{t("interviews.lead")}</p>
        </div>
        <div className="actions">
          {counts && counts.waiting > 0 && (
            <button type="button" onClick={() => queue?.syncNow()} disabled={!queue || status.phase === "syncing"}>
              {status.phase === "syncing" ? t("sync.sending") : t("interviews.syncNow")}
            </button>
          )}
          {editable && (
            <Link to="/interviews/new" className="button primary">
              {t("interviews.new")}
            </Link>
          )}
        </div>
      </div>
      {failure !== null && (
        <p className="error">{t("interviews.noStorage", { reason: failure || t("interviews.noIndexedDb") })}</p>
      )}
      {editable && <PreparePanel />}

      <h2>{t("interviews.onDevice")}</h2>
      {status.phase === "retrying" && status.retryAt && (
        <p className="notice" role="status">
          {t("interviews.retrying", { time: formatTime(status.retryAt) })}
        </p>
      )}
      {status.phase === "paused" && <p className="notice">{t("interviews.paused")}</p>}
      {device && device.interviews.length === 0 && (
        <div className="empty">
          <p>{t("interviews.noneOnDevice")}</p>
        </div>
      )}
      {device && store && device.interviews.length > 0 && <LocalInterviewsTable device={device} store={store} />}

      {session?.offline ? (
        <p className="muted">{t("interviews.serverWhenOnline")}</p>
      ) : (
        <ServerInterviews api={api} localIds={new Set(device?.interviews.map((i) => i.clientId) ?? [])} />
      )}
    </section>
  );
}

function LocalInterviewsTable({
  device,
  store,
}: {
  device: Awaited<ReturnType<typeof readDevice>>;
  store: FieldStore;
}) {
  const { t } = useTranslation();
  const title = (i: LocalInterview) => {
    const evaluation = device.evaluations.find((e) => e.id === i.evaluationId);
    const name = evaluation?.name ?? t("interviews.evaluationNumber", { id: i.evaluationId });
    return `${name} · ${i.questionnaireId} v${i.questionnaireVersion}`;
  };
  return (
    <table className="table local-interviews">
      <thead>
        <tr>
          <th>{t("interviews.organisation")}</th>
          <th>{t("interviews.interviewee")}</th>
          <th>{t("interviews.date")}</th>
          <th>{t("interviews.interview")}</th>
          <th>{t("interviews.sync")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {device.interviews.map((i) => {
          const state = syncStateOf(i);
          return (
            <tr key={i.clientId} data-client-id={i.clientId} className={state === "refused" ? "row-error" : undefined}>
              <td>
                <Link to={`/interviews/${i.clientId}`}>
                  {organizationName(i, device.organizations, device.pending, t)}
                </Link>
                <div className="muted small">{title(i)}</div>
              </td>
              <td>{describeInterviewee(i.interviewee)}</td>
              <td>{formatDate(i.conductedAt)}</td>
              <td>
                <span className={`badge badge-${i.status}`}>
                  {i.status === "submitted" ? t("interviews.completed") : t("interviews.inProgress")}
                </span>
              </td>
              <td>
                <span className={`badge sync-${state}`} data-sync-state={state}>
                  {t(`sync.state.${state}`)}
                </span>
                {state === "refused" && i.lastError && <div className="error small">{i.lastError.message}</div>}
                {state === "synced" && i.syncedAt && (
                  <div className="muted small">
                    {t("interviews.revisionAt", { revision: i.serverRevision, date: formatDateTime(i.syncedAt) })}
                  </div>
                )}
              </td>
              <td className="row-actions">
                {state === "conflict" ? (
                  <Link className="button" to={`/interviews/${i.clientId}/conflict`}>
                    {t("interviews.resolve")}
                  </Link>
                ) : (
                  <Link className="button" to={`/interviews/${i.clientId}`}>
                    {i.status === "draft" ? t("interviews.continue") : t("interviews.open")}
                  </Link>
                )}
                {state === "synced" && i.responseId !== null && (
                  <Link className="button" to={`/responses/${i.responseId}`}>
                    {t("interviews.review")}
                  </Link>
                )}
                {state === "synced" && (
                  <button
                    type="button"
                    onClick={() =>
                      window.confirm(t("interviews.removeConfirm")) && void store.forgetInterview(i.clientId)
                    }
                  >
                    {t("interviews.remove")}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ServerInterviews({ api, localIds }: { api: Api; localIds: Set<string> }) {
  const { store } = useFieldWork();
  const navigate = useNavigate();
  const [items, setItems] = useState<ResponseListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read again whenever a sync pass ends: what this device just sent shows up here.
  const settled = useSyncStatus().phase !== "syncing";
  const { t } = useTranslation();

  useEffect(() => {
    if (!settled) return;
    listServerInterviews(api).then(
      (list) => {
        setItems(list);
        setError(null);
      },
      (e) => setError(e instanceof NetworkError ? t("interviews.serverUnreachable") : describeError(e)),
    );
  }, [api, settled, t]);

  /** Takes up on this device a draft begun on another one. */
  async function continueHere(item: ResponseListItem) {
    if (!store || !item.clientId) return;
    try {
      const detail = await getInterview(api, item.clientId);
      await loadQuestionnaire(store, api, detail.questionnaireId, detail.questionnaireVersion);
      const at = new Date().toISOString();
      await store.adoptInterview({
        clientId: item.clientId,
        evaluationId: detail.evaluationId,
        organizationId: detail.organizationId,
        pendingOrganizationId: null,
        questionnaireId: detail.questionnaireId,
        questionnaireVersion: detail.questionnaireVersion,
        data: detail.data,
        currentPage: 0,
        status: detail.status,
        interviewee: detail.interviewee ?? { name: "", position: "", agency: "" },
        conductedAt: detail.conductedAt?.slice(0, 10) ?? "",
        place: detail.place ?? "",
        locale: detail.locale,
        serverRevision: detail.revision,
        responseId: detail.id,
        dirty: false,
        changeCount: 0,
        sending: null,
        reason: null,
        lastError: null,
        conflict: null,
        createdAt: at,
        updatedAt: at,
        syncedAt: at,
      });
      navigate(`/interviews/${item.clientId}`);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <>
      <h2>{t("interviews.onServer")}</h2>
      {error && <p className="muted">{error}</p>}
      {items?.length === 0 && <p className="muted">{t("interviews.noneOnServer")}</p>}
      {items && items.length > 0 && (
        <table className="table server-interviews">
          <thead>
            <tr>
              <th>{t("interviews.organisation")}</th>
              <th>{t("interviews.questionnaire")}</th>
              <th>{t("interviews.interviewee")}</th>
              <th>{t("interviews.conducted")}</th>
              <th>{t("interviews.status")}</th>
              <th>{t("interviews.interviewer")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/responses/${item.id}`}>{item.organizationName}</Link>
                </td>
                <td>
                  {item.questionnaireId} v{item.questionnaireVersion}
                </td>
                <td>{describeInterviewee(item.interviewee)}</td>
                <td>{formatDate(item.conductedAt)}</td>
                <td>
                  <span className={`badge badge-${item.status}`}>{t(`responses.statusValue.${item.status}`)}</span>
                </td>
                <td>{item.interviewerName ?? "—"}</td>
                <td className="row-actions">
                  {item.status === "draft" && item.clientId && !localIds.has(item.clientId) && (
                    <button type="button" onClick={() => void continueHere(item)}>
                      {t("interviews.continueHere")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
