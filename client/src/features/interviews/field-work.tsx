import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { putInterview, putOrganization } from "./api.ts";
import { formatTime } from "../../lib/format.ts";
import { refreshFieldData } from "./field-data.ts";
import { registerOfflineApp } from "./offline-app.ts";
import { FieldStore } from "./store.ts";
import { countSync, SyncQueue, type SyncStatus } from "./sync.ts";

interface FieldWork {
  store: FieldStore | null;
  queue: SyncQueue | null;
  /** IndexedDB could not be opened (private mode in some browsers, storage disabled). */
  failure: string | null;
}

const noFieldWork: FieldWork = { store: null, queue: null, failure: null };
const FieldWorkContext = createContext<FieldWork>(noFieldWork);

/** Time to wait after a change before sending: a burst of typing goes out as one request. */
const changeDelayMs = 2_000;
/** Field data is refreshed in the background at most this often. */
const refreshEveryMs = 5 * 60_000;

/**
 * The device side of field work, for the whole workspace: the IndexedDB store, the sync queue (which runs on every
 * page, so that interviews leave as soon as a connection returns) and the service worker registration.
 */
export function FieldWorkProvider({ children }: { children: ReactNode }) {
  const { session, api } = useSession();
  // Each user of the device has a store of their own (see store.ts); none while nobody is signed in.
  const userId = session?.user.id ?? null;
  const [opened, setOpened] = useState<FieldWork & { userId: number | null }>({ ...noFieldWork, userId: null });
  // The store of the user signed in now, never one left open for the previous user.
  const fieldWork = opened.userId === userId ? opened : noFieldWork;
  // The queue outlives renders; it reads the current session through these.
  const apiRef = useRef(api);
  const offlineRef = useRef(session?.offline === true);
  useEffect(() => {
    apiRef.current = api;
    offlineRef.current = session?.offline === true;
  });

  useEffect(() => registerOfflineApp(), []);

  useEffect(() => {
    if (userId === null) return;
    let live = true;
    let cleanup: () => void = () => undefined;
    FieldStore.openFor(userId).then(
      (store) => {
        if (!live) return store.close();
        const queue = new SyncQueue({
          store,
          transport: {
            putInterview: (clientId, body) => putInterview(apiRef.current, clientId, body),
            putOrganization: (clientId, body) => putOrganization(apiRef.current, clientId, body),
          },
          canSend: () => !offlineRef.current,
          withLock: navigator.locks ? (run) => navigator.locks.request("sapat-interview-sync", run) : undefined,
        });
        const unsubscribe = store.subscribe(() => queue.kick(changeDelayMs));
        window.addEventListener("online", queue.online);
        cleanup = () => {
          window.removeEventListener("online", queue.online);
          unsubscribe();
          queue.stop();
          store.close();
          // A closed store is never handed out again (signed out, then in again as the same user).
          setOpened((current) => (current.store === store ? { ...noFieldWork, userId: null } : current));
        };
        setOpened({ store, queue, failure: null, userId });
      },
      (error: unknown) => {
        if (live) setOpened({ ...noFieldWork, failure: error instanceof Error ? error.message : "", userId });
      },
    );
    return () => {
      live = false;
      cleanup();
    };
  }, [userId]);

  // A confirmed session (after sign-in, or when the connection returns) sends what waits.
  const confirmed = session !== null && session.offline !== true;
  const { store, queue } = fieldWork;
  useEffect(() => {
    if (queue && confirmed) queue.syncNow();
  }, [queue, confirmed]);

  // The cached evaluations, questionnaires and organisations follow the server whenever it can be reached.
  useEffect(() => {
    if (!store || !confirmed) return;
    let last = 0;
    const refresh = () => {
      if (Date.now() - last < refreshEveryMs) return;
      last = Date.now();
      // A failed background refresh changes nothing: the previous copy stays, and the next one tries again.
      refreshFieldData(store, apiRef.current).catch(() => (last = 0));
    };
    refresh();
    window.addEventListener("online", refresh);
    return () => window.removeEventListener("online", refresh);
  }, [store, confirmed]);

  return <FieldWorkContext.Provider value={fieldWork}>{children}</FieldWorkContext.Provider>;
}

export function useFieldWork(): FieldWork {
  return useContext(FieldWorkContext);
}

/** Reads from the device store, and again whenever it changes (in this tab or another). */
export function useFieldQuery<T>(read: (store: FieldStore) => Promise<T>): T | undefined {
  const { store } = useFieldWork();
  const [result, setResult] = useState<{ read: typeof read; value: T }>();
  useEffect(() => {
    if (!store) return;
    let live = true;
    const load = () =>
      void read(store).then((value) => {
        if (live) setResult({ read, value });
      });
    load();
    const unsubscribe = store.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, read]);
  // A result of an earlier query (another interview's) is not this one's.
  return result?.read === read ? result.value : undefined;
}

const idleStatus: SyncStatus = { phase: "idle", failures: 0, retryAt: null };
const noSubscription = () => () => undefined;

export function useSyncStatus(): SyncStatus {
  const { queue } = useFieldWork();
  return useSyncExternalStore(queue?.subscribe ?? noSubscription, queue?.getStatus ?? (() => idleStatus));
}

const listEverything = async (store: FieldStore) => ({
  interviews: await store.listInterviews(),
  organizations: await store.listPendingOrganizations(),
});

/** The topbar's summary of the device's interviews: what waits, what conflicts, or that all is synced. */
export function SyncBadge() {
  const everything = useFieldQuery(listEverything);
  const status = useSyncStatus();
  const { failure } = useFieldWork();
  const { t } = useTranslation();
  if (failure !== null) {
    return (
      <Link to="/interviews" className="sync-badge sync-error" data-sync="unavailable">
        {t("sync.unavailable")}
      </Link>
    );
  }
  if (!everything) return null;
  const counts = countSync(everything.interviews, everything.organizations);
  const parts: string[] = [];
  if (counts.waiting > 0) parts.push(t("sync.waiting", { count: counts.waiting }));
  if (counts.conflicts > 0) parts.push(t("sync.conflicts", { count: counts.conflicts }));
  if (counts.errors > 0) parts.push(t("sync.refused", { count: counts.errors }));
  const state = counts.conflicts + counts.errors > 0 ? "attention" : counts.waiting > 0 ? "waiting" : "synced";
  const title =
    status.phase === "retrying" && status.retryAt
      ? t("sync.retryAt", { time: formatTime(status.retryAt) })
      : status.phase === "paused"
        ? t("sync.paused")
        : status.phase === "syncing"
          ? t("sync.sending")
          : undefined;
  return (
    <Link
      to="/interviews"
      className={`sync-badge sync-${state}`}
      data-sync={state}
      data-waiting={counts.waiting}
      title={title}
      aria-live="polite"
    >
      {parts.length > 0 ? parts.join(" · ") : t("sync.allSynced")}
      {status.phase === "syncing" && <span aria-hidden="true"> ⟳</span>}
    </Link>
  );
}
