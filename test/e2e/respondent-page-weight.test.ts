import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { measurePageLoad } from "./helpers/page-weight.ts";
import { apiSession, startServer, type RunningServer } from "./helpers/server.ts";

// What a respondent downloads (docs/benchmarks.md has the figures): hashed assets precompressed and cached for
// good, the questionnaire compressed, and on a second visit neither again.

let server: RunningServer;
let browser: Browser;
let link: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await apiSession(server);
  const { id: organizationId } = await api.call("POST", "/api/organizations", {
    name: "Weighed NGO",
    kind: "ngo",
    region: "Naryn",
  });
  const { id: evaluationId } = await api.call("POST", "/api/evaluations", {
    name: "Page weight",
    questionnaireIds: ["ngo-capacity"],
  });
  const [invitation] = await api.call("POST", `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "ngo-capacity",
  });
  link = invitation.url;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("a respondent's first visit downloads compressed files, and a second one almost nothing", async () => {
  const context = await browser.newContext();
  const problems: string[][] = [];
  context.on("page", (page) => problems.push(watchConsole(page)));
  const ready = (page: Page) => page.locator('[data-name="P1"]').waitFor({ timeout: 60_000 });

  const first = await measurePageLoad(context, link, ready);
  const large = first.requests.filter((r) => r.bytes > 5_000);
  expect(large.length).toBeGreaterThan(0);
  for (const request of large) expect(request.encoding, request.url).toBe("br");
  // ~394 kB today, most of it survey-core (see docs/benchmarks.md): this only catches a large regression.
  expect(first.bytes).toBeLessThan(430_000);

  const repeat = await measurePageLoad(context, link, ready);
  expect(repeat.bytes).toBeLessThan(10_000);
  const assets = repeat.requests.filter((r) => new URL(r.url).pathname.startsWith("/assets/"));
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) expect(asset.cached, asset.url).toBe(true);
  const api = repeat.requests.find((r) => new URL(r.url).pathname.startsWith("/api/respond/"));
  expect(new URL(api!.url).searchParams.get("have")).toMatch(/^ngo-capacity@\d+$/);
  expect(problems.flat()).toEqual([]);
  await context.close();
});
