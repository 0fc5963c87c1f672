import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readFixture } from "../helpers/scenario.ts";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { inviteToQuestionnaire, startServer, storedResponse, type RunningServer } from "./helpers/server.ts";
import { question, waitUntilSaved } from "./helpers/survey.ts";

// What a respondent types is kept even when they never leave the field: the page is closed from inside it.

let server: RunningServer;
let browser: Browser;
const questionnaire = readFixture("typing-survey.json");

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const saveState = (page: Page) => page.locator('[role="status"]').getAttribute("data-state");

test("text typed into a text and a comment field survives closing the page at once, on this device and on another", async () => {
  const { url, token } = await inviteToQuestionnaire(server, "typing-close", questionnaire, "Tomo");
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(url);

  const name = question(page, "org_name").locator("input");
  await name.click();
  await name.pressSequentially("Tomo Crisis Centre");
  const history = question(page, "history").locator("textarea");
  await history.click();
  await history.pressSequentially("Founded in 1998 by three lawyers in Karakol.");
  // Nothing acknowledged this last version yet: the badge must not say "Saved".
  expect(await saveState(page)).not.toBe("saved");
  expect(problems).toEqual([]);
  // Closed from inside the comment field, before the debounced save could run.
  await page.close();

  const typed = { org_name: "Tomo Crisis Centre", history: "Founded in 1998 by three lawyers in Karakol." };
  await expect.poll(() => storedResponse(server, token), { timeout: 10_000 }).toMatchObject({ data: typed });

  // The same browser profile.
  const again = await context.newPage();
  await again.goto(url);
  await expect.poll(() => question(again, "org_name").locator("input").inputValue()).toBe(typed.org_name);
  expect(await question(again, "history").locator("textarea").inputValue()).toBe(typed.history);
  await context.close();

  // A fresh profile: nothing on this device, everything from the server.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect.poll(() => question(other, "org_name").locator("input").inputValue()).toBe(typed.org_name);
  expect(await question(other, "history").locator("textarea").inputValue()).toBe(typed.history);
  await fresh.close();
});

test("number, multiple-text and other fields are sent while the respondent is still in them; 'Saved' means on the server", async () => {
  const { url, token } = await inviteToQuestionnaire(server, "typing-kinds", questionnaire, "Ak Zhol");
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(url);

  const staff = question(page, "staff").locator("input");
  await staff.click();
  await staff.pressSequentially("41");
  await waitUntilSaved(page);
  // Still in the field, and the server has the number: no waiting, "Saved" is only shown once it does.
  expect((await storedResponse(server, token))?.data).toMatchObject({ staff: 41 });

  const phone = question(page, "contact").locator("input").nth(1);
  await phone.click();
  await phone.pressSequentially("+996 555 123 456");
  await waitUntilSaved(page);
  expect((await storedResponse(server, token))?.data).toMatchObject({ contact: { phone: "+996 555 123 456" } });

  await question(page, "legal_form").getByText("Other (describe)").click();
  const other = question(page, "legal_form").locator("textarea");
  await other.click();
  await other.pressSequentially("Cooperative");
  await waitUntilSaved(page);
  expect((await storedResponse(server, token))?.data).toMatchObject({
    legal_form: "other",
    "legal_form-Comment": "Cooperative",
  });

  // survey-core takes a rating's comment only when the field loses the focus, even when typing updates the
  // rest: closing the page from inside it must still keep it.
  await question(page, "confidence").getByText("4", { exact: true }).click();
  const why = question(page, "confidence").locator("textarea");
  await why.click();
  await why.pressSequentially("Two new donors this year");
  expect(problems).toEqual([]);
  await page.close();
  await expect
    .poll(() => storedResponse(server, token), { timeout: 10_000 })
    .toMatchObject({ data: { confidence: 4, "confidence-Comment": "Two new donors this year" } });
  await context.close();
});

test("leaving with changes the server has not acknowledged asks first; once saved, it does not", async () => {
  const { url, token } = await inviteToQuestionnaire(server, "typing-leave", questionnaire, "Sezim");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const name = question(page, "org_name").locator("input");
  await name.click();
  await name.pressSequentially("Sezim");

  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  // Staying: the page is still there, and what was typed reaches the server.
  expect(page.isClosed()).toBe(false);
  await waitUntilSaved(page);
  expect((await storedResponse(server, token))?.data).toEqual({ org_name: "Sezim" });

  const closed = new Promise((resolve) => page.once("close", resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual(["beforeunload"]);
  await context.close();
});
