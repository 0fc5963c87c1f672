import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readFixture } from "../helpers/scenario.ts";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { inviteToQuestionnaire, startServer, storedResponse, type RunningServer } from "./helpers/server.ts";
import { goToLastPage, question } from "./helpers/survey.ts";

// Submitting cannot be undone: Complete says what is still unanswered, links to it, and asks first.

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

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG A/AA rules on one element: the ids of the rules it breaks. */
async function accessibilityViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not restrict.
  await page.evaluate(axeSource);
  return page.evaluate(async (target) => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(target, { runOnly: ["wcag2a", "wcag2aa"] });
    return result.violations.map((v) => v.id);
  }, selector);
}

/** The name of the question holding the focus. */
const focusedQuestion = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest("[data-name]")?.getAttribute("data-name") ?? null);

test("Complete blocks on required answers, then counts the unanswered ones with links to them and asks", async () => {
  const { url, token } = await inviteToQuestionnaire(server, "typing-complete", readFixture("typing-survey.json"));
  // A respondent who stopped on the second page, with the required name on the first still empty.
  const put = await fetch(`${server.url}/api/respond/${token}/draft`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data: {}, currentPage: 1 }),
  });
  expect(put.status).toBe(200);

  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(url);
  await question(page, "director").locator("input").fill("Aida Bekova");
  await page.getByRole("button", { name: "Complete" }).click();

  // The required answer on the first page blocks, shown and focused there; nothing is asked.
  await expect.poll(() => focusedQuestion(page)).toBe("org_name");
  await question(page, "org_name").getByText("Response required.").waitFor();
  expect(await page.getByRole("dialog").count()).toBe(0);

  await question(page, "org_name").locator("input").fill("Tomo");
  await goToLastPage(page);
  await page.getByRole("button", { name: "Complete" }).click();
  const dialog = page.getByRole("dialog", { name: "Submit your answers?" });
  await dialog.waitFor();
  await dialog.getByText("7 questions are not answered:").waitFor();
  const links = dialog.getByRole("link");
  expect(await links.allTextContents()).toEqual([
    "Paid staff",
    "Contact person",
    "Legal form",
    "Confidence",
    "History of the organisation",
    "Plans for next year",
    "Registered with the Ministry of Justice?",
  ]);
  await dialog.getByText("(page 2)").first().waitFor();
  // The safe choice holds the focus: Enter on a dialog not read yet does not submit.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Back to the questionnaire");
  expect(await accessibilityViolations(page, ".complete-dialog")).toEqual([]);

  // By keyboard to a question on the first page: the dialog closes, that page shows, the question has the focus.
  await links.filter({ hasText: "History of the organisation" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => focusedQuestion(page)).toBe("history");
  expect(await page.getByRole("dialog").count()).toBe(0);
  await page.keyboard.type("Founded in 1998.");

  await goToLastPage(page);
  // An answer that shows one more question: that one is unanswered now.
  await question(page, "registered").locator("label").first().click();
  await question(page, "partner_count").waitFor();
  await page.getByRole("button", { name: "Complete" }).click();
  await dialog.getByText("6 questions are not answered:").waitFor();
  expect(await links.allTextContents()).toContain("Number of partners");

  // Escape goes back to the questionnaire; nothing was submitted.
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  expect((await storedResponse(server, token))?.status).toBe("draft");

  await page.getByRole("button", { name: "Complete" }).click();
  await dialog.getByRole("button", { name: "Submit anyway" }).click();
  await page.getByRole("heading", { name: "Thank you!" }).waitFor();
  const stored = await storedResponse(server, token);
  expect(stored?.status).toBe("submitted");
  expect(stored?.data).toMatchObject({
    org_name: "Tomo",
    director: "Aida Bekova",
    history: "Founded in 1998.",
    registered: true,
  });
  expect(problems).toEqual([]);
  await context.close();
});

test("with every question answered, Complete still asks, in the respondent's language", async () => {
  const { url, token } = await inviteToQuestionnaire(
    server,
    "small-complete",
    {
      pages: [
        {
          name: "only",
          elements: [{ type: "text", name: "name", title: { default: "Name", ru: "Название" } }],
        },
      ],
    },
    "Ak Zhol",
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(url);
  await page.getByLabel("Language").selectOption({ label: "Русский" });
  await question(page, "name").locator("input").fill("Ак Жол");
  await page.getByRole("button", { name: "Готово" }).click();
  const dialog = page.getByRole("dialog", { name: "Отправить ответы?" });
  await dialog.getByText("Ответ дан на все вопросы.").waitFor();
  expect(await dialog.getByRole("link").count()).toBe(0);
  await dialog.getByRole("button", { name: "Отправить", exact: true }).click();
  await page.getByRole("heading", { name: "Спасибо!" }).waitFor();
  expect((await storedResponse(server, token))?.status).toBe("submitted");
  expect(problems).toEqual([]);
  await context.close();
});
