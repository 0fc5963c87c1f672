import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seriousViolations } from "./helpers/axe.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { apiSession, loadDemo, startServer, type RunningServer } from "./helpers/server.ts";

// axe-core, injected into the real pages, finds no serious or critical violation on the pages an evaluator and
// a respondent use most; and the workspace speaks the language the user chose, <html lang> and titles included.

const root = path.resolve(import.meta.dirname, "..", "..");
let server: RunningServer;
let browser: Browser;
let evaluationId: number;
let profilePath: string;
let respondentLink: string;
let openEvaluationId: number;

beforeAll(async () => {
  server = await startServer();
  loadDemo(server);
  const api = await apiSession(server);
  const evaluations = await api.call<Array<{ id: number; name: string }>>("GET", "/api/evaluations");
  evaluationId = evaluations.find((e) => e.name === "PHT final evaluation 2005")!.id;
  const scores = await api.call<{ organizations: Array<{ name: string; responseId: number }> }>(
    "GET",
    `/api/evaluations/${evaluationId}/scores`,
  );
  const tomo = scores.organizations.find((o) => o.name === "Tomo")!;
  profilePath = `/evaluations/${evaluationId}/responses/${tomo.responseId}/profile`;

  const { id: organizationId } = await api.call("POST", "/api/organizations", {
    name: "Ak Jol",
    kind: "ngo",
    region: "Naryn",
  });
  const { id: openEvaluation } = await api.call("POST", "/api/evaluations", {
    name: "Baseline 2027",
    questionnaireIds: ["ngo-capacity"],
  });
  const [invitation] = await api.call("POST", `/api/evaluations/${openEvaluation}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "ngo-capacity",
  });
  respondentLink = invitation.url;
  openEvaluationId = openEvaluation;
  // No SMTP_URL: "sending" puts the invitation in the outbox, to be delivered by hand.
  await api.call("POST", `/api/invitations/${invitation.id}/send`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page) {
  await page.getByLabel("Email").fill(server.adminEmail);
  await page.getByLabel("Password").fill(server.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("header.topbar nav").waitFor();
}

test("no serious or critical axe-core violation on the pages people use most", async () => {
  // The page's own CSP refuses inline scripts; axe is the test's instrument, not part of the page.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  const found: Record<string, string[]> = {};
  const titles = new Set<string>();

  await page.goto(`${server.url}/evaluations`);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  found.login = await seriousViolations(page);
  titles.add(await page.title());
  await signIn(page);

  const pages: Array<[string, string, string]> = [
    ["evaluations", "/evaluations", "Evaluations"],
    ["evaluation", `/evaluations/${evaluationId}`, "PHT final evaluation 2005"],
    ["scores", `/evaluations/${evaluationId}/scores`, "Capacity scores"],
    ["profile", profilePath, "Tomo"],
    ["summary", `/evaluations/${evaluationId}/summary`, ""],
  ];
  for (const [name, url, heading] of pages) {
    await page.goto(`${server.url}${url}`);
    if (heading) await page.getByRole("heading", { name: heading, exact: true }).first().waitFor();
    await page.locator("h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    found[name] = await seriousViolations(page);
    titles.add(await page.title());
  }

  // Outbox mode is said at the top of the evaluation, never "queued for sending".
  await page.goto(`${server.url}/evaluations/${openEvaluationId}`);
  const banner = page.locator("[data-outbox]");
  await banner.waitFor();
  expect(await banner.textContent()).toContain("1 invitation to deliver by hand");
  expect(await page.locator("body").textContent()).not.toMatch(/queued for sending/i);
  await page.locator("#outbox").getByRole("button", { name: "Copy message" }).waitFor();
  found.outbox = await seriousViolations(page);

  await page.goto(respondentLink);
  await page.locator(".sd-question").first().waitFor();
  found.respondent = await seriousViolations(page);

  expect(found).toEqual({
    login: [],
    evaluations: [],
    evaluation: [],
    scores: [],
    profile: [],
    summary: [],
    outbox: [],
    respondent: [],
  });
  // Every workspace page has a title of its own.
  expect(titles.size).toBe(pages.length + 1);
  await context.close();
});

test("the workspace follows the browser's language, then the user's choice, remembered on the account", async () => {
  const context = await browser.newContext({ locale: "ru-RU", viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/evaluations`);
  await page.getByRole("button", { name: "Войти" }).waitFor();
  expect(await page.getAttribute("html", "lang")).toBe("ru");
  await page.getByLabel("Эл. почта").fill(server.adminEmail);
  await page.getByLabel("Пароль").fill(server.adminPassword);
  await page.getByRole("button", { name: "Войти" }).click();
  await page.getByRole("heading", { name: "Оценки" }).waitFor();
  expect(await page.title()).toContain("Оценки");

  await page.goto(`${server.url}/evaluations/${evaluationId}/scores`);
  await page.getByRole("heading", { name: "Оценки потенциала" }).waitFor();
  // Dimension columns carry their names in the UI language, the code only as a prefix.
  const outreach = await page.locator('th[data-dimension="OUT"]').textContent();
  expect(outreach).toMatch(/^OUT\s+\S/);
  expect(outreach!.trim()).not.toBe("OUT");
  await page.screenshot({ path: path.join(root, "docs", "screenshots", "scores-ru.png"), fullPage: false });
  await page.goto(`${server.url}${profilePath}`);
  await page.getByRole("heading", { name: "Tomo" }).waitFor();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(root, "docs", "screenshots", "profile-ru.png"), fullPage: false });
  // The profile speaks in words: each rule a line per level, in Russian.
  await page
    .getByText(/ → уровень \d$/)
    .first()
    .waitFor();

  // Every area of the workspace speaks Russian, each page with its own title.
  for (const [address, heading] of [
    ["/organizations", "Организации"],
    ["/responses", "Ответы"],
    ["/interviews", "Интервью"],
  ] as const) {
    await page.goto(`${server.url}${address}`);
    await page.getByRole("heading", { name: heading, exact: true }).waitFor();
    expect(await page.title()).toContain(heading);
  }
  await page.goto(`${server.url}/evaluations/${evaluationId}`);
  await page.getByText("Отчёты и данные").waitFor();
  await page.goto(`${server.url}/evaluations/new`);
  await page.getByRole("heading", { name: "Новая оценка" }).waitFor();
  expect(await page.getByLabel("Этап", { exact: true }).locator("option").first().textContent()).toBe("базовый");

  // Choosing Kyrgyz is kept on the account: a browser set to English shows Kyrgyz after signing in.
  await page.getByLabel("Язык").first().selectOption("ky");
  await expect.poll(() => page.getAttribute("html", "lang")).toBe("ky");
  const api = await apiSession(server);
  await expect.poll(async () => (await api.call("GET", "/api/auth/me")).user.uiLanguage).toBe("ky");
  await context.close();

  const english = await browser.newContext({ locale: "en-US" });
  const again = await english.newPage();
  await again.goto(`${server.url}/evaluations`);
  await signIn(again);
  await again.getByRole("heading", { name: "Баалоолор" }).waitFor();
  expect(await again.getAttribute("html", "lang")).toBe("ky");
  await english.close();
});
