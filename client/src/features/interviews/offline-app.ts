import { Workbox } from "workbox-window";

// The offline app shell: the Workbox service worker that vite-plugin-pwa generates (dist/client/sw.js), registered
// from the evaluator workspace only. Its install step precaches index.html and every hashed JS/CSS file, so a
// page reloaded without a connection still opens the workspace and the survey engine.

export interface OfflineAppState {
  /** False in development builds and in browsers without service workers. */
  supported: boolean;
  /** A new release is installed and waits for a reload. */
  updateReady: boolean;
}

let workbox: Workbox | null = null;
let registration: Promise<ServiceWorkerRegistration | undefined> | null = null;
let state: OfflineAppState = {
  supported: import.meta.env.PROD && typeof navigator !== "undefined" && "serviceWorker" in navigator,
  updateReady: false,
};
const listeners = new Set<() => void>();

function setState(next: Partial<OfflineAppState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export const subscribeOfflineApp = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
export const getOfflineAppState = () => state;

/** Registers the service worker once per page; the workspace calls it for signed-in users. */
export function registerOfflineApp(): void {
  if (!state.supported || workbox) return;
  workbox = new Workbox("/sw.js", { scope: "/" });
  workbox.addEventListener("waiting", () => setState({ updateReady: true }));
  registration = workbox.register({ immediate: true });
  // A failed registration is reported by "Prepare for field work"; until then it is no page error.
  registration.catch(() => undefined);
}

/** Switches to the release that waits, then reloads the page on it. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener("controlling", () => window.location.reload());
  workbox.messageSkipWaiting();
}

async function precacheEntries(): Promise<Request[]> {
  const names = (await caches.keys()).filter((name) => name.startsWith("workbox-precache"));
  const entries: Request[] = [];
  for (const name of names) entries.push(...(await (await caches.open(name)).keys()));
  return entries;
}

function whenActive(reg: ServiceWorkerRegistration): Promise<void> {
  if (reg.active) return Promise.resolve();
  const worker = reg.installing ?? reg.waiting;
  if (!worker) return navigator.serviceWorker.ready.then(() => undefined);
  return new Promise((resolve, reject) => {
    const check = () => {
      if (worker.state === "activated") resolve();
      else if (worker.state === "redundant") reject(new Error("The offline app could not be installed."));
    };
    worker.addEventListener("statechange", check);
    check();
  });
}

export interface OfflineAppReady {
  files: number;
  /** The scripts of the page that runs now are among them (false: a newer release waits for a reload). */
  thisVersion: boolean;
}

/**
 * Waits until the service worker is active, which means its install step stored every file of the app shell;
 * `onProgress` hears how many files are stored so far.
 */
export async function prepareOfflineApp(onProgress: (files: number) => void): Promise<OfflineAppReady> {
  registerOfflineApp();
  if (!registration) throw new Error("This browser cannot keep the app for offline use.");
  let live = true;
  const poll = async () => {
    while (live) {
      const stored = (await precacheEntries()).length;
      // Checked again after the wait: a count read before the end must not overwrite the final one.
      if (live) onProgress(stored);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  };
  void poll();
  try {
    const reg = await registration;
    if (!reg) throw new Error("The offline app could not be registered.");
    await whenActive(reg);
  } finally {
    live = false;
  }
  const entries = await precacheEntries();
  const cached = new Set(entries.map((request) => new URL(request.url).pathname));
  const scripts = [...document.querySelectorAll<HTMLScriptElement>("script[type=module][src]")].map(
    (s) => new URL(s.src).pathname,
  );
  onProgress(entries.length);
  return { files: entries.length, thisVersion: scripts.every((path) => cached.has(path)) };
}
