import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { apiSession, startServer, type RunningServer } from "./helpers/server.ts";
import { chooseFromDropdown, question } from "./helpers/survey.ts";

let server: RunningServer;
let browser: Browser;
let api: Awaited<ReturnType<typeof apiSession>>;
let organizationId: number;
let evaluationId: number;

const organization = "Ministry of Internal Affairs, Naryn department";

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await apiSession(server);
  ({ id: organizationId } = await api.call("POST", "/api/organizations", {
    name: organization,
    kind: "government",
    region: "Naryn",
  }));
  ({ id: evaluationId } = await api.call("POST", "/api/evaluations", {
    name: "Government partners 2026",
    questionnaireIds: ["government-interview"],
  }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Watched {
  /** What the shared helper collects: console errors, page errors, Content-Security-Policy violations. */
  problems: string[];
  /** The console errors again, with the URL a failed load was for. */
  located: Array<{ text: string; url: string }>;
}

/** The helper's console checks, plus the URL of each failed load, so that the allowed ones are named precisely. */
function watch(page: Page): Watched {
  const located: Watched["located"] = [];
  page.on("console", (message) => {
    if (message.type() === "error") located.push({ text: message.text(), url: message.location().url });
  });
  return { problems: watchConsole(page), located };
}

/**
 * What the page reported beyond the failures a test expects: the signed-out session check (401 on /api/auth/me),
 * the API requests made while the network is cut, and `also` (a test's own expected answer, such as a 409).
 */
function unexpected(
  { problems, located }: Watched,
  origin: string,
  also: (p: { text: string; url: string }) => boolean = () => false,
): string[] {
  const allowed = located.filter((p) => {
    const signedOut = p.url === `${origin}/api/auth/me` && p.text.includes("status of 401");
    const cutOff = p.url.startsWith(`${origin}/api/`) && p.text.includes("net::ERR_INTERNET_DISCONNECTED");
    return signedOut || cutOff || also(p);
  });
  const rest = [...problems];
  for (const { text } of allowed) {
    const at = rest.indexOf(text);
    if (at >= 0) rest.splice(at, 1);
  }
  return rest;
}

async function signIn(page: Page, as = { email: server.adminEmail, password: server.adminPassword }) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("Email").fill(as.email);
  await page.getByLabel("Password").fill(as.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Interviews", exact: true }).waitFor();
}

const badge = (page: Page) => page.locator(".sync-badge");

async function waitUntilStoredOnDevice(page: Page) {
  await page.locator('[role="status"][data-state="saved"]').waitFor({ timeout: 15_000 });
}

/**
 * A dropdown answer, with its question scrolled into view first: survey-react-ui closes an open dropdown on any
 * scroll, and the scroll Playwright makes to reach it may land just after the dropdown opened.
 */
async function choose(page: Page, name: string, optionText: string) {
  await question(page, name).scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await chooseFromDropdown(page, name, optionText);
}

let context: BrowserContext;

test("an interview recorded offline survives a reload and reaches the server exactly once", async () => {
  // The offline app is served with no-cache, like index.html: a new release reaches evaluators at once.
  const sw = await fetch(`${server.url}/sw.js`);
  expect(sw.status).toBe(200);
  expect(sw.headers.get("cache-control")).toBe("no-cache");
  const runtime = /"\.\/(workbox-[\w-]+)"/.exec(await sw.text())?.[1];
  expect(runtime).toBeDefined();
  const workbox = await fetch(`${server.url}/${runtime}.js`);
  expect(workbox.status).toBe(200);
  expect(workbox.headers.get("cache-control")).toBe("no-cache");

  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watched = watch(page);
  await signIn(page);

  await page.getByRole("link", { name: "Interviews", exact: true }).click();
  await page.getByRole("button", { name: "Prepare for field work" }).click();
  await page.locator('[data-prepared="done"]').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator(".steps li").first().textContent()).toMatch(/stored \(\d+ files\)/);
  // Preparing asked the browser to protect the stored interviews (navigator.storage.persist) and says what it said.
  await expect.poll(() => page.locator("[data-storage]").getAttribute("data-storage")).toMatch(/^(granted|denied)$/);
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  expect(await page.locator("[data-storage]").getAttribute("data-storage")).toBe(persisted ? "granted" : "denied");
  expect(await page.locator("[data-storage]").textContent()).toMatch(/^Protected storage: (granted|not granted)/);
  // The service worker controls the page from now on (clientsClaim): the lazily loaded chunks come from its cache.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await page.getByRole("link", { name: "New interview" }).click();
  await page.getByLabel("Evaluation").selectOption({ label: "Government partners 2026" });
  await page
    .getByLabel("Questionnaire", { exact: true })
    .selectOption({ label: "Government agency interview guide (government-interview)" });
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: `${organization} — Naryn` });
  await page.getByLabel("Place").fill("Naryn, department office");
  await page.getByRole("button", { name: "Start interview" }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  const clientId = page.url().split("/").pop()!;
  await question(page, "agency_name").waitFor();

  // The network is cut: everything from here on happens on the device.
  await context.setOffline(true);
  await page.getByLabel("Interviewee name").fill("Aibek Sultanov");
  await page.getByLabel("Position", { exact: true }).fill("Head of the anti-trafficking unit");
  await page.getByLabel("Agency", { exact: true }).fill("Ministry of Internal Affairs");
  await question(page, "agency_name").locator("input").fill("Naryn oblast police department");
  await choose(page, "agency_type", "Police / Ministry of Internal Affairs (MVD)");
  await question(page, "agency_level").getByText("Rayon or city").click();
  await page.getByRole("button", { name: "Next" }).click();
  await question(page, "coop_ngo").getByText("Yes").click();
  await question(page, "coop_forms").getByText("Referral of cases").click();
  await question(page, "coop_forms").getByText("Information exchange").click();
  await waitUntilStoredOnDevice(page);
  await expect.poll(() => badge(page).textContent()).toBe("1 waiting to sync");

  // Reloaded without a network: the service worker serves the app, IndexedDB the draft, at the page it was on.
  await page.reload();
  await expect.poll(() => question(page, "coop_forms").locator("input:checked").count(), { timeout: 20_000 }).toBe(2);
  await expect.poll(() => page.getByLabel("Interviewee name").inputValue()).toBe("Aibek Sultanov");
  expect(await page.getByLabel("Position", { exact: true }).inputValue()).toBe("Head of the anti-trafficking unit");
  await page.getByRole("button", { name: "Previous" }).click();
  expect(await question(page, "agency_name").locator("input").inputValue()).toBe("Naryn oblast police department");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await question(page, "cases_12m").locator("input").fill("7");
  await waitUntilStoredOnDevice(page);

  // Completed offline: it waits in the queue, and the header says so.
  await page.getByRole("button", { name: "Complete interview" }).click();
  await page.waitForURL(/\/interviews$/);
  const row = page.locator(`tr[data-client-id="${clientId}"]`);
  await expect.poll(() => row.locator("[data-sync-state]").getAttribute("data-sync-state")).toBe("waiting");
  await expect.poll(() => badge(page).textContent()).toBe("1 waiting to sync");
  expect(await api.call("GET", "/api/responses?mode=interview&status=submitted")).toEqual([]);

  // The connection returns: the queue sends it, once.
  await context.setOffline(false);
  await expect.poll(() => badge(page).getAttribute("data-sync"), { timeout: 30_000 }).toBe("synced");
  await expect.poll(() => badge(page).textContent()).toBe("all synced");
  await expect.poll(() => row.locator("[data-sync-state]").getAttribute("data-sync-state")).toBe("synced");

  const responses = await api.call<Array<{ id: number; mode: string; status: string; clientId: string }>>(
    "GET",
    `/api/evaluations/${evaluationId}/responses`,
  );
  expect(responses).toHaveLength(1);
  expect(responses[0]).toMatchObject({ mode: "interview", status: "submitted", clientId });
  const detail = await api.call("GET", `/api/responses/${responses[0]!.id}`);
  expect(detail.data).toEqual({
    agency_name: "Naryn oblast police department",
    agency_type: "police",
    agency_level: "rayon_city",
    coop_ngo: true,
    coop_forms: ["referrals", "info_exchange"],
    cases_12m: 7,
  });
  expect(detail).toMatchObject({
    organizationId,
    interviewee: {
      name: "Aibek Sultanov",
      position: "Head of the anti-trafficking unit",
      agency: "Ministry of Internal Affairs",
    },
    place: "Naryn, department office",
    locale: "en",
  });
  expect(await api.call("GET", `/api/responses/${responses[0]!.id}/revisions`)).toHaveLength(1);

  // Syncing again (a replay) changes nothing on the server.
  await page.getByRole("link", { name: "Interviews", exact: true }).click();
  const again = await api.call("GET", `/api/responses/${responses[0]!.id}`);
  expect(again.revision).toBe(detail.revision);

  expect(unexpected(watched, server.url)).toEqual([]);
});

test("an evaluator corrects a response in the review with a reason, and sees the revision with its diff", async () => {
  const page = await context.newPage();
  const watched = watch(page);
  await page.goto(`${server.url}/responses`);
  await page.getByLabel("Mode").selectOption("interview");
  await page.getByLabel("Search").fill("Sultanov");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByText("1 response", { exact: true }).waitFor();
  await page.getByRole("link", { name: organization }).click();

  // Display mode first: the answers, who was interviewed, how and when.
  await page.getByRole("heading", { name: organization }).waitFor();
  await expect
    .poll(() => question(page, "agency_name").locator("input").inputValue())
    .toBe("Naryn oblast police department");
  expect(await question(page, "agency_name").locator("input").isEditable()).toBe(false);
  await page.getByText("Aibek Sultanov, Head of the anti-trafficking unit, Ministry of Internal Affairs").waitFor();
  expect(await page.locator("[data-mode]").textContent()).toBe("interview");

  await page.getByRole("button", { name: "Edit answers" }).click();
  await question(page, "agency_name").locator("input").fill("Naryn oblast police department, 6th division");
  await question(page, "cases_12m").locator("input").fill("9");
  // No reason, no save.
  await page.getByRole("button", { name: "Save correction" }).click();
  await page.getByText("Say why the answers change.").waitFor();
  await page.getByLabel("Reason for the change").fill("The official corrected the division and the count by phone");
  await page.getByRole("button", { name: "Save correction" }).click();

  await page
    .locator(".revisions-table")
    .getByText("The official corrected the division and the count by phone")
    .waitFor();
  // Newest first: the correction, then the submission.
  const latest = page.locator(".revisions-table tr.revision-first").first();
  expect(await page.locator(".revisions-table tr.revision-first").count()).toBe(2);
  const revisionRows = page.locator(
    `.revisions-table tr[data-revision="${await latest.getAttribute("data-revision")}"]`,
  );
  await expect.poll(() => revisionRows.count()).toBe(2);
  const text = await revisionRows.allTextContents();
  expect(text[0]).toContain("The official corrected the division and the count by phone");
  expect(text.join(" ")).toContain("agency_name");
  expect(text.join(" ")).toContain("Naryn oblast police department, 6th division");
  expect(text.join(" ")).toContain("cases_12m");

  const [response] = await api.call("GET", `/api/evaluations/${evaluationId}/responses`);
  const revisions = await api.call("GET", `/api/responses/${response.id}/revisions`);
  expect(revisions).toHaveLength(2);
  expect(revisions[0]).toMatchObject({
    reason: "The official corrected the division and the count by phone",
    diff: [
      {
        path: "agency_name",
        before: "Naryn oblast police department",
        after: "Naryn oblast police department, 6th division",
      },
      { path: "cases_12m", before: 7, after: 9 },
    ],
  });
  expect(unexpected(watched, server.url)).toEqual([]);
  await context.close();
});

test("an organisation added on the spot is created once, and a conflict is merged field by field", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const watched = watch(page);
  await signIn(page);
  await page.getByRole("link", { name: "Interviews", exact: true }).click();
  await page.getByRole("link", { name: "New interview" }).click();
  await page.getByRole("button", { name: "Add an organisation on the spot" }).click();
  await page.getByLabel("Organisation name").fill("Akimiat of At-Bashy district");
  await page.getByLabel("Region").fill("Naryn");
  await page.getByLabel("District").fill("At-Bashy");
  await page.getByRole("button", { name: "Add organisation" }).click();
  await page.getByLabel("Position", { exact: true }).fill("Deputy akim");
  await page.getByRole("button", { name: "Start interview" }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  const clientId = page.url().split("/").pop()!;
  await question(page, "agency_name").locator("input").fill("At-Bashy district akimiat");
  await waitUntilStoredOnDevice(page);
  await expect.poll(() => badge(page).getAttribute("data-sync"), { timeout: 20_000 }).toBe("synced");

  const organizations = await api.call<Array<{ id: number; name: string; district: string | null }>>(
    "GET",
    "/api/organizations",
  );
  const created = organizations.filter((o) => o.name === "Akimiat of At-Bashy district");
  expect(created).toHaveLength(1);
  expect(created[0]!.district).toBe("At-Bashy");

  // Meanwhile another device changes the same interview on the server.
  const server1 = await api.call("GET", `/api/interviews/${clientId}`);
  expect(server1).toMatchObject({ organizationId: created[0]!.id, status: "draft" });
  await api.call("PUT", `/api/interviews/${clientId}`, {
    evaluationId,
    organizationId: created[0]!.id,
    questionnaireId: "government-interview",
    questionnaireVersion: server1.questionnaireVersion,
    data: { agency_name: "Akimiat (local state administration)", agency_level: "rayon_city" },
    status: "draft",
    interviewee: { name: "", position: "Deputy akim", agency: "" },
    conductedAt: server1.conductedAt,
    baseRevision: server1.revision,
  });

  // This device changes it too, from the revision it knew: the server answers 409 with its copy.
  await page.getByLabel("Place").fill("At-Bashy, akimiat building");
  await question(page, "agency_name").locator("input").fill("At-Bashy district akimiat, social department");
  await waitUntilStoredOnDevice(page);
  await expect.poll(() => badge(page).textContent(), { timeout: 20_000 }).toBe("1 waiting to sync · 1 conflict");
  await page.getByRole("link", { name: "Compare and choose, field by field" }).click();

  const rows = page.locator("table.merge tbody tr");
  await expect
    .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-field"))))
    .toEqual(["$place", "agency_name", "agency_level"]);
  // Answers in words: the choice's label, not its stored value.
  const level = await page.locator('tr[data-field="agency_level"]').textContent();
  expect(level).toContain("Rayon or city");
  expect(level).not.toContain("rayon_city");
  const save = page.getByRole("button", { name: "Save the merged interview" });
  expect(await save.isDisabled()).toBe(true);
  await page.locator('tr[data-field="$place"]').getByLabel("keep mine").check();
  await page.locator('tr[data-field="agency_name"]').getByLabel("take server's").check();
  expect(await save.isDisabled()).toBe(true);
  await page.locator('tr[data-field="agency_level"]').getByLabel("take server's").check();
  await save.click();
  await page.waitForURL(/\/interviews$/);
  await expect.poll(() => badge(page).getAttribute("data-sync"), { timeout: 20_000 }).toBe("synced");

  const merged = await api.call("GET", `/api/interviews/${clientId}`);
  expect(merged).toMatchObject({
    revision: server1.revision + 2,
    place: "At-Bashy, akimiat building",
    data: { agency_name: "Akimiat (local state administration)", agency_level: "rayon_city" },
  });
  expect(Object.keys(merged.data).sort()).toEqual(["agency_level", "agency_name"]);
  expect(
    (await api.call<Array<{ name: string }>>("GET", "/api/organizations")).filter(
      (o) => o.name === "Akimiat of At-Bashy district",
    ),
  ).toHaveLength(1);
  // The 409 of the conflict is an expected answer.
  const conflictAnswer = (p: { text: string; url: string }) =>
    p.url === `${server.url}/api/interviews/${clientId}` && p.text.includes("status of 409");
  expect(unexpected(watched, server.url, conflictAnswer)).toEqual([]);
  await page.close();
});

test("on a shared device, a colleague who signs in neither sees nor sends another evaluator's interviews", async () => {
  const colleague = { email: "colleague@example.org", password: "colleague password 1" };
  await api.call("POST", "/api/users", { ...colleague, name: "Colleague", role: "evaluator" });
  const shared = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await shared.newPage();
  const watched = watch(page);
  await signIn(page);
  await page.getByRole("link", { name: "Interviews", exact: true }).click();
  await page.getByRole("button", { name: "Prepare for field work" }).click();
  await page.locator('[data-prepared="done"]').waitFor({ timeout: 60_000 });
  await page.getByRole("link", { name: "New interview" }).click();
  await page.getByLabel("Evaluation").selectOption({ label: "Government partners 2026" });
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: `${organization} — Naryn` });
  await page.getByLabel("Place").fill("Naryn, second visit");
  // Recorded without a network, and still waiting when the laptop is handed over.
  await shared.setOffline(true);
  await page.getByRole("button", { name: "Start interview" }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
  const clientId = page.url().split("/").pop()!;
  await question(page, "agency_name").locator("input").fill("Naryn oblast migration service");
  await waitUntilStoredOnDevice(page);
  await expect.poll(() => badge(page).textContent()).toBe("1 waiting to sync");
  await page.close();
  await shared.setOffline(false);
  await shared.clearCookies();
  // The server's answer for this interview: 200, or the status api.call reports in its error.
  const onServer = () =>
    api.call("GET", `/api/interviews/${clientId}`).then(
      () => 200,
      (error: Error) => Number(/-> (\d+)/.exec(error.message)?.[1]),
    );

  // The colleague signs in on the same browser: no trace of it, and nothing is sent under their name.
  const second = await shared.newPage();
  const watchedSecond = watch(second);
  await signIn(second, colleague);
  await second.getByRole("link", { name: "Interviews", exact: true }).click();
  await second.locator("table, .empty").first().waitFor();
  expect(await second.locator(`tr[data-client-id="${clientId}"]`).count()).toBe(0);
  expect(await badge(second).textContent()).not.toMatch(/waiting/);
  await second.waitForTimeout(3_000);
  expect(await onServer()).toBe(404);
  await second.getByRole("button", { name: "Colleague (evaluator)" }).click();
  await second.getByRole("button", { name: "Sign out" }).click();

  // Its author signs in again: it is there, and it leaves under the author's name.
  await signIn(second);
  await second.getByRole("link", { name: "Interviews", exact: true }).click();
  await second.locator(`tr[data-client-id="${clientId}"]`).waitFor();
  await expect.poll(() => badge(second).getAttribute("data-sync"), { timeout: 30_000 }).toBe("synced");
  expect(await onServer()).toBe(200);
  const interview = await api.call("GET", `/api/interviews/${clientId}`);
  const author = await api.call("GET", "/api/auth/me");
  expect(interview).toMatchObject({
    interviewerId: author.user.id,
    data: { agency_name: "Naryn oblast migration service" },
  });

  // A device that still holds the shared database of earlier releases: the first user to sign in takes over what
  // it holds, unsent interviews included, and it is deleted.
  const legacyId = crypto.randomUUID();
  await second.evaluate(
    async ({ userDatabase, clientId, legacyId }) => {
      const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name, 1);
          request.onupgradeneeded = () => upgrade?.(request.result);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const done = (request: IDBRequest | IDBTransaction) =>
        new Promise((resolve) => {
          if ("oncomplete" in request) request.oncomplete = () => resolve(undefined);
          else request.onsuccess = () => resolve(request.result);
        });
      const own = await open(userDatabase);
      const record = await done(own.transaction("interviews").objectStore("interviews").get(clientId));
      own.close();
      const legacy = await open("sapat-field", (db) => {
        for (const name of ["interviews", "pendingOrganizations"]) db.createObjectStore(name, { keyPath: "clientId" });
        for (const name of ["evaluations", "organizations"]) db.createObjectStore(name, { keyPath: "id" });
        db.createObjectStore("questionnaires", { keyPath: ["id", "version"] }).createIndex("by-id", "id");
        db.createObjectStore("meta", { keyPath: "key" });
      });
      const tx = legacy.transaction("interviews", "readwrite");
      tx.objectStore("interviews").put({
        ...(record as object),
        clientId: legacyId,
        serverRevision: null,
        responseId: null,
        dirty: true,
        changeCount: 1,
        sending: null,
        syncedAt: null,
      });
      await done(tx);
      legacy.close();
    },
    { userDatabase: `sapat-field-user-${author.user.id}`, clientId, legacyId },
  );
  await second.reload();
  await second.locator(`tr[data-client-id="${legacyId}"]`).waitFor();
  await expect.poll(() => badge(second).getAttribute("data-sync"), { timeout: 30_000 }).toBe("synced");
  expect(await api.call("GET", `/api/interviews/${legacyId}`)).toMatchObject({ interviewerId: author.user.id });
  expect(await second.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain(
    "sapat-field",
  );

  expect(unexpected(watched, server.url)).toEqual([]);
  expect(unexpected(watchedSecond, server.url)).toEqual([]);
  await shared.close();
});
