import { useCallback, useState, useSyncExternalStore } from "react";
import { describeError, formatDateTime } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { refreshFieldData, type FieldDataSummary } from "./field-data.ts";
import { useFieldQuery, useFieldWork } from "./field-work.tsx";
import {
  applyUpdate,
  getOfflineAppState,
  prepareOfflineApp,
  subscribeOfflineApp,
  type OfflineAppReady,
} from "./offline-app.ts";
import { requestPersistentStorage, type PersistentStorage } from "./persistent-storage.ts";
import type { FieldStore } from "./store.ts";

type Step<T> =
  | { state: "waiting" }
  | { state: "running"; note: string }
  | { state: "done"; result: T }
  | { state: "failed"; error: string };

const readPreparedAt = (store: FieldStore) => store.fieldDataAt();

/**
 * "Prepare for field work": stores the app itself (service worker precache) and the data to start interviews
 * (evaluations, questionnaires, organisations) on this device, and says when both are complete.
 */
export function PreparePanel() {
  const { api, session } = useSession();
  const { store } = useFieldWork();
  const { t } = useTranslation();
  const offlineApp = useSyncExternalStore(subscribeOfflineApp, getOfflineAppState);
  const preparedAt = useFieldQuery(readPreparedAt);
  const [app, setApp] = useState<Step<OfflineAppReady>>({ state: "waiting" });
  const [data, setData] = useState<Step<FieldDataSummary>>({ state: "waiting" });
  const [busy, setBusy] = useState(false);
  const [storage, setStorage] = useState<PersistentStorage | "asking" | null>(null);

  const prepare = useCallback(async () => {
    if (!store) return;
    setBusy(true);
    setStorage("asking");
    const storageDone = requestPersistentStorage().then(setStorage, () => setStorage("unsupported"));
    let appDone = Promise.resolve();
    if (offlineApp.supported) {
      setApp({ state: "running", note: t("prepare.installing") });
      appDone = prepareOfflineApp((files) =>
        setApp({ state: "running", note: t("prepare.files", { count: files }) }),
      ).then(
        (result) => setApp({ state: "done", result }),
        (error: unknown) => setApp({ state: "failed", error: describeError(error) }),
      );
    } else {
      setApp({ state: "failed", error: t("prepare.unsupported") });
    }
    setData({ state: "running", note: t("prepare.lists") });
    const dataDone = refreshFieldData(store, api, (p) =>
      setData({
        state: "running",
        note:
          p.step === "questionnaires"
            ? t("prepare.questionnaires", { done: p.done, total: p.total })
            : t("prepare.lists"),
      }),
    ).then(
      (result) => setData({ state: "done", result }),
      (error: unknown) => setData({ state: "failed", error: describeError(error) }),
    );
    await Promise.all([appDone, dataDone, storageDone]);
    setBusy(false);
  }, [store, api, offlineApp.supported, t]);

  const allDone = app.state === "done" && app.result.thisVersion && data.state === "done";
  return (
    <section className="panel prepare" aria-labelledby="prepare-title">
      <div className="page-head">
        <div>
          <h2 id="prepare-title">{t("prepare.title")}</h2>
          <p className="muted small">
            {t("prepare.lead")}{" "}
            {preparedAt ? t("prepare.storedAt", { date: formatDateTime(preparedAt) }) : t("prepare.nothingStored")}
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => void prepare()}
          disabled={busy || !store || session?.offline === true}
          title={session?.offline ? t("prepare.needsConnection") : undefined}
        >
          {busy ? t("prepare.preparing") : t("prepare.prepare")}
        </button>
      </div>
      {app.state !== "waiting" && (
        <ul className="steps">
          <li data-step-state={app.state}>
            {t("prepare.app")}
            {app.state === "running"
              ? app.note
              : app.state === "failed"
                ? app.error
                : app.result.thisVersion
                  ? t("prepare.appStored", { count: app.result.files })
                  : t("prepare.appNewer")}
          </li>
          <li data-step-state={data.state}>
            {t("prepare.data")}
            {data.state === "running"
              ? data.note
              : data.state === "failed"
                ? data.error
                : data.state === "done"
                  ? t("prepare.dataStored", {
                      evaluations: data.result.evaluations,
                      questionnaires: data.result.questionnaires,
                      organisations: data.result.organizations,
                    })
                  : t("prepare.waiting")}
          </li>
          <li
            data-step-state={storage === "granted" ? "done" : storage === "asking" ? "running" : "failed"}
            data-storage={storage ?? ""}
          >
            {t("prepare.storage")}
            {storage === "asking"
              ? t("prepare.asking")
              : storage === "granted"
                ? t("prepare.granted")
                : storage === "denied"
                  ? t("prepare.denied")
                  : t("prepare.noProtection")}
          </li>
        </ul>
      )}
      {allDone && (
        <p className="notice" role="status" data-prepared="done">
          {t("prepare.ready")}
        </p>
      )}
      {offlineApp.updateReady && (
        <p className="notice">
          {t("prepare.update")}{" "}
          <button type="button" onClick={applyUpdate}>
            {t("prepare.reload")}
          </button>
        </p>
      )}
    </section>
  );
}
