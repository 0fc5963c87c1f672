import { useCallback, useState, useSyncExternalStore } from "react";
import { describeError, formatDateTime } from "../../lib/format.ts";
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
      setApp({ state: "running", note: "Installing…" });
      appDone = prepareOfflineApp((files) => setApp({ state: "running", note: `${files} files stored…` })).then(
        (result) => setApp({ state: "done", result }),
        (error: unknown) => setApp({ state: "failed", error: describeError(error) }),
      );
    } else {
      setApp({ state: "failed", error: "This browser (or a development build) cannot keep the app for offline use." });
    }
    setData({ state: "running", note: "Evaluations and organisations…" });
    const dataDone = refreshFieldData(store, api, (p) =>
      setData({
        state: "running",
        note:
          p.step === "questionnaires" ? `Questionnaires ${p.done} of ${p.total}…` : "Evaluations and organisations…",
      }),
    ).then(
      (result) => setData({ state: "done", result }),
      (error: unknown) => setData({ state: "failed", error: describeError(error) }),
    );
    await Promise.all([appDone, dataDone, storageDone]);
    setBusy(false);
  }, [store, api, offlineApp.supported]);

  const allDone = app.state === "done" && app.result.thisVersion && data.state === "done";
  return (
    <section className="panel prepare" aria-labelledby="prepare-title">
      <div className="page-head">
        <div>
          <h2 id="prepare-title">Field work on this device</h2>
          <p className="muted small">
            Before a trip without connection, store the app and the data to start interviews. Interviews are kept on
            this device until the server has confirmed them.{" "}
            {preparedAt ? `Data last stored ${formatDateTime(preparedAt)}.` : "Nothing stored yet."}
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => void prepare()}
          disabled={busy || !store || session?.offline === true}
          title={session?.offline ? "Needs a connection" : undefined}
        >
          {busy ? "Preparing…" : "Prepare for field work"}
        </button>
      </div>
      {app.state !== "waiting" && (
        <ul className="steps">
          <li data-step-state={app.state}>
            The app:{" "}
            {app.state === "running"
              ? app.note
              : app.state === "failed"
                ? app.error
                : app.result.thisVersion
                  ? `stored (${app.result.files} files)`
                  : "a newer version was stored; reload the page to use it"}
          </li>
          <li data-step-state={data.state}>
            Evaluations, questionnaires and organisations:{" "}
            {data.state === "running"
              ? data.note
              : data.state === "failed"
                ? data.error
                : data.state === "done"
                  ? `stored (${data.result.evaluations} evaluations, ${data.result.questionnaires} questionnaires, ${data.result.organizations} organisations)`
                  : "waiting"}
          </li>
          <li
            data-step-state={storage === "granted" ? "done" : storage === "asking" ? "running" : "failed"}
            data-storage={storage ?? ""}
          >
            Protected storage:{" "}
            {storage === "asking"
              ? "asking the browser…"
              : storage === "granted"
                ? "granted: the browser will not delete interviews kept on this device to free space"
                : storage === "denied"
                  ? "not granted: the browser may delete data kept on this device when disk space runs low; send interviews as soon as you can"
                  : "this browser cannot protect stored data; send interviews as soon as you can"}
          </li>
        </ul>
      )}
      {allDone && (
        <p className="notice" role="status" data-prepared="done">
          Ready for field work: this device can open Sapat and record interviews without a connection.
        </p>
      )}
      {offlineApp.updateReady && (
        <p className="notice">
          A new version of Sapat is ready.{" "}
          <button type="button" onClick={applyUpdate}>
            Reload to use it
          </button>
        </p>
      )}
    </section>
  );
}
