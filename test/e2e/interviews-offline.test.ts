import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "./helpers/browser.ts";
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

interface Problem {
  text: string;
  url: string;
}

/**
 * Console errors and page errors, with the URL a failed load was for: the allowed ones are then named precisely
 * (the signed-out session check, and the API requests made while the network is cut).
 */
function watchProblems(page: Page): Problem[] {
  const problems: Problem[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push({ text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => problems.push({ text: error.message, url: "" }));
  return problems;
}

function unexpected(problems: Problem[], origin: string): Problem[] {
  return problems.filter((p) => {
    const signedOut = p.url === `${origin}/api/auth/me` && p.text.includes("401");
    const cutOff = p.url.startsWith(`${origin}/api/`) && p.text.includes("net::ERR_INTERNET_DISCONNECTED");
    return !signedOut && !cutOff;
  });
}

async function signIn(page: Page) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("Email").fill(server.adminEmail);
  await page.getByLabel("Password").fill(server.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Interviews", exact: true }).waitFor();
}

const badge = (page: Page) => page.locator(".sync-badge");

async function waitUntilStoredOnDevice(page: Page) {
  await page.locator('[role="status"][data-state="saved"]').waitFor({ timeout: 15_000 });
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
  const problems = watchProblems(page);
  await signIn(page);

  await page.getByRole("link", { name: "Interviews", exact: true }).click();
  await page.getByRole("button", { name: "Prepare for field work" }).click();
  await page.locator('[data-prepared="done"]').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator(".steps li").first().textContent()).toMatch(/stored \(\d+ files\)/);
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
  await chooseFromDropdown(page, "agency_type", "Police / Ministry of Internal Affairs (MVD)");
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

  expect(unexpected(problems, server.url)).toEqual([]);
});

test("an evaluator corrects a response in the review with a reason, and sees the revision with its diff", async () => {
  const page = await context.newPage();
  const problems = watchProblems(page);
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

  const latest = page.locator(".revisions-table tr.revision-first").first();
  await expect.poll(() => latest.getAttribute("data-revision"), { timeout: 15_000 }).not.toBe(null);
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
  expect(revisions[1]).toMatchObject({
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
  expect(unexpected(problems, server.url)).toEqual([]);
  await context.close();
});
