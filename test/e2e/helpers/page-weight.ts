import type { BrowserContext, Page, Request } from "playwright-core";

// What a page costs over the network, as Chromium's own accounting gives it (DevTools Protocol Network events): the
// bytes received for each request, headers included, compressed as they came over the wire (`encodedDataLength` of
// Network.loadingFinished). A response served from the memory or disk cache without a request counts 0; a 304
// counts its headers. What a service worker fetches (its own script, and whatever it fetches to answer the page)
// is counted too, from Playwright's network events for service workers (the same `encodedDataLength`); the page's
// request that the worker answered then counts 0, as Chromium reports it.

export interface RequestWeight {
  url: string;
  status: number;
  /** Bytes received, headers included. */
  bytes: number;
  encoding: string | null;
  /** Served from the HTTP cache or a service worker without a network round trip. */
  cached: boolean;
  /** Fetched by a service worker (its script, or a request of the page that it answered from the network). */
  worker: boolean;
}

export interface PageWeight {
  bytes: number;
  requests: RequestWeight[];
}

/**
 * Opens `url` in a new page of `context` and adds up what every request of the page received until `ready` resolves
 * and the network has then been quiet for `quietMs`. Keeps the context (its cache, localStorage and service workers)
 * for the next visit; closes the page.
 */
export async function measurePageLoad(
  context: BrowserContext,
  url: string,
  ready: (page: Page) => Promise<void>,
  options: { quietMs?: number; timeoutMs?: number } = {},
): Promise<PageWeight> {
  const quietMs = options.quietMs ?? 750;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const requests = new Map<string, RequestWeight>();
  let inFlight = 0;
  let lastActivity = Date.now();
  cdp.on("Network.requestWillBeSent", (event) => {
    // data: URLs (survey-core's inline icons) never touch the network.
    if (!/^https?:/.test(event.request.url)) return;
    if (!requests.has(event.requestId)) inFlight++;
    requests.set(event.requestId, {
      url: event.request.url,
      status: 0,
      bytes: 0,
      encoding: null,
      cached: false,
      worker: false,
    });
    lastActivity = Date.now();
  });
  cdp.on("Network.responseReceived", (event) => {
    const entry = requests.get(event.requestId);
    if (!entry) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    entry.status = event.response.status;
    entry.encoding = (headers["content-encoding"] as string | undefined) ?? null;
    entry.cached = Boolean(
      event.response.fromDiskCache || event.response.fromServiceWorker || event.response.fromPrefetchCache,
    );
  });
  cdp.on("Network.requestServedFromCache", (event) => {
    const entry = requests.get(event.requestId);
    if (entry) entry.cached = true;
  });
  const finish = (requestId: string, bytes: number) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.bytes = bytes;
    inFlight--;
    lastActivity = Date.now();
  };
  cdp.on("Network.loadingFinished", (event) => finish(event.requestId, event.encodedDataLength));
  cdp.on("Network.loadingFailed", (event) => finish(event.requestId, 0));

  const workerRequests = new Map<Request, RequestWeight>();
  const workerStarted = (request: Request) => {
    if (!request.serviceWorker() || !/^https?:/.test(request.url())) return;
    inFlight++;
    lastActivity = Date.now();
    workerRequests.set(request, {
      url: request.url(),
      status: 0,
      bytes: 0,
      encoding: null,
      cached: false,
      worker: true,
    });
  };
  const workerEnded = async (request: Request) => {
    const entry = workerRequests.get(request);
    if (!entry) return;
    const response = await request.response().catch(() => null);
    if (response) {
      const sizes = await request.sizes().catch(() => null);
      entry.status = response.status();
      entry.encoding = (await response.headerValue("content-encoding").catch(() => null)) ?? null;
      entry.cached = response.fromServiceWorker();
      entry.bytes = sizes ? sizes.responseHeadersSize + sizes.responseBodySize : 0;
    }
    inFlight--;
    lastActivity = Date.now();
  };
  context.on("request", workerStarted);
  context.on("requestfinished", workerEnded);
  context.on("requestfailed", workerEnded);

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  await page.goto(url);
  await ready(page);
  while (inFlight > 0 || Date.now() - lastActivity < quietMs) {
    if (Date.now() > deadline) throw new Error(`the page did not settle: ${inFlight} request(s) still open`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  context.off("request", workerStarted);
  context.off("requestfinished", workerEnded);
  context.off("requestfailed", workerEnded);
  await cdp.detach();
  await page.close();
  const list = [...requests.values(), ...workerRequests.values()];
  return { bytes: list.reduce((sum, r) => sum + r.bytes, 0), requests: list };
}
