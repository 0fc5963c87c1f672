/// <reference lib="webworker" />

// The respondent's service worker, /r/sw.js (scope /r/; the evaluator's, /sw.js, has scope / and leaves /r/ alone).
// It downloads nothing of its own: at install it copies this release's files and the page from the HTTP cache,
// where the first visit has just put them, and afterwards keeps each file it serves. The hashed files then come
// from its cache; the page from the network, or from its cache when there is none, so that a respondent who lost the
// connection can reload and go on (the questionnaire and the unsent answers are in localStorage); the API always
// from the network. vite/respondent-service-worker.ts replaces RELEASE with this release's file names.

// The project compiles with the DOM library, where `self` is a window.
const worker = self as unknown as ServiceWorkerGlobalScope;

const release = "__SAPAT_RESPONDENT_RELEASE__" as unknown as { version: string; entry: string; files: string[] };
const cacheName = `sapat-respondent-${release.version}`;
const files = new Set(release.files);
// Every link shows the same page (it reads its token from the address), so one copy serves them all.
const pageKey = "/r/";
const pagePath = /^\/r\/[^/]+\/?$/;

/** The page of this release only: an older or newer one would ask for files this worker does not keep. */
async function storePage(cache: Cache, response: Response): Promise<void> {
  if (response.ok && (await response.clone().text()).includes(release.entry)) await cache.put(pageKey, response);
}

async function copyFromHttpCache(): Promise<void> {
  const cache = await caches.open(cacheName);
  const pages = (await worker.clients.matchAll({ type: "window", includeUncontrolled: true }))
    .map((client) => client.url)
    .filter((url) => pagePath.test(new URL(url).pathname));
  // "only-if-cached" never goes to the network: what is not in the HTTP cache is stored when next fetched.
  const copy = (url: string) => fetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(() => null);
  await Promise.all([
    ...release.files.map(async (file) => {
      const response = await copy(file);
      if (response?.ok) await cache.put(file, response);
    }),
    ...pages.slice(0, 1).map(async (url) => {
      const response = await copy(url);
      if (response) await storePage(cache, response);
    }),
  ]);
}

async function pageFromNetwork(event: FetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request);
    event.waitUntil(caches.open(cacheName).then((cache) => storePage(cache, response.clone())));
    return response;
  } catch (error) {
    const cached = await caches.match(pageKey, { cacheName });
    if (cached) return cached;
    throw error;
  }
}

async function fileFromCache(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(path);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

worker.addEventListener("install", (event) => {
  // A new release takes over at once: its files are hashed, so an open page of the old one only loses the cache.
  event.waitUntil(copyFromHttpCache().then(() => worker.skipWaiting()));
});

worker.addEventListener("activate", (event) => {
  const stale = (name: string) => name.startsWith("sapat-respondent-") && name !== cacheName;
  event.waitUntil(caches.keys().then((names) => Promise.all(names.filter(stale).map((name) => caches.delete(name)))));
});

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== worker.location.origin) return;
  if (request.mode === "navigate" && pagePath.test(url.pathname)) event.respondWith(pageFromNetwork(event));
  else if (files.has(url.pathname)) event.respondWith(fileFromCache(request, url.pathname));
  // Anything else, the API above all, goes to the network as if there were no worker.
});
