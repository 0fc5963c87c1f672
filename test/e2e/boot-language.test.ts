import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { resources } from "../../server/i18n/catalogue.ts";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

// The workspace's first paint, before its chunk (and the catalogue in it) has loaded: the wait is said in the
// user's remembered language, else the browser's, and <html lang> says which; the static pages have no words.

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the workspace with its chunk held back: the page stays at the router's fallback until `release()`. */
async function openHeldBack(context: BrowserContext): Promise<{ page: Page; problems: string[]; release(): void }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.route(/\/assets\/workspace-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/evaluations`);
  await page.locator("p.boot").filter({ hasText: /\S/ }).waitFor();
  return { page, problems, release };
}

const bootOf = (page: Page) =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    text: document.querySelector("p.boot")?.textContent ?? null,
  }));

test("the wait for the workspace is said in the browser's language", async () => {
  const context = await browser.newContext({ locale: "ru-RU" });
  const { page, problems, release } = await openHeldBack(context);
  expect(await bootOf(page)).toEqual({ lang: "ru", text: resources.ru.boot.loading });
  expect(resources.ru.boot.loading).toBe("Загрузка…");

  release();
  await page.getByRole("button", { name: "Войти" }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");
  expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
  await context.close();
});

test("the language a user chose is said from the first paint, before the server has answered", async () => {
  const context = await browser.newContext({ locale: "ru-RU" });
  // The user last signed in on this device chose Kyrgyz (the workspace remembers them for field work).
  await context.addInitScript(() => {
    localStorage.setItem(
      "sapat:last-user",
      JSON.stringify({ id: 1, email: "a@example.org", name: "Aida", role: "evaluator", uiLanguage: "ky" }),
    );
  });
  const { page, release } = await openHeldBack(context);
  expect(await bootOf(page)).toEqual({ lang: "ky", text: resources.ky.boot.loading });

  // A browser in a language Sapat does not speak, with nobody remembered: English.
  const german = await browser.newContext({ locale: "de-DE" });
  const other = await openHeldBack(german);
  expect(await bootOf(other.page)).toEqual({ lang: "en", text: resources.en.boot.loading });
  release();
  other.release();
  await context.close();
  await german.close();
});

test("the workspace asks the server for its own language, not the browser's", async () => {
  // An English browser; the user chose Russian on their account.
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  const login = await page.request.post(`${server.url}/api/auth/login`, {
    data: { email: server.adminEmail, password: server.adminPassword },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  await page.request.put(`${server.url}/api/auth/me/language`, {
    data: { uiLanguage: "ru" },
    headers: { "x-csrf-token": csrfToken },
  });
  const asked: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/") && url.pathname !== "/api/auth/me") {
      asked.push(`${url.pathname} ${request.headers()["accept-language"]}`);
    }
  });
  await page.goto(`${server.url}/evaluations`);
  await page.getByRole("heading", { name: "Оценки" }).waitFor();
  await page.goto(`${server.url}/organizations`);
  await page.getByRole("heading", { name: "Организации" }).waitFor();
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.filter((line) => !line.endsWith(" ru"))).toEqual([]);
  await context.close();
});

test("the static pages say nothing in any one language before their script runs", async () => {
  for (const url of ["/evaluations", "/r/some-token"]) {
    const html = await (await fetch(`${server.url}${url}`)).text();
    expect(html, url).toContain('<p class="boot"></p>');
    expect(html, url).not.toMatch(/Loading/);
  }
});

test("the respondent page names the language it speaks: the browser's until the link is read", async () => {
  const context = await browser.newContext({ locale: "ky-KG" });
  const page = await context.newPage();
  await page.goto(`${server.url}/r/not-a-real-link`);
  await page.locator("h1").first().waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("ky");
  await context.close();
});
