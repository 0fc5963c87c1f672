import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { answerNgoProfileAndSubmit } from "./helpers/survey.ts";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(); // no SMTP_URL: outbox mode
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const csv = [
  "name;kind;region;district;org type;contact;email;language",
  "Tomo;ngo;Issyk-Kul;Karakol;women's NGO;Gulnara;tomo@example.org;ru",
  "Sezim;ngo;Bishkek;;crisis centre;Aida;sezim@example.org;en",
  "Rural Children's Rights Protection;ngo;Jalal-Abad;Suzak;human rights;;;ky",
].join("\n");

test("an evaluator imports organisations, invites them through the outbox, and sees a submission arrive", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const page = await context.newPage();
  const problems = watchConsole(page);

  await page.goto(`${server.url}/`);
  await page.getByLabel("Email").fill(server.adminEmail);
  await page.getByLabel("Password").fill(server.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "No evaluation yet" }).waitFor();

  // Import: a preview first, nothing written until "Import".
  await page.getByRole("navigation").getByRole("link", { name: "Organisations" }).click();
  await page.getByRole("button", { name: "Import from CSV" }).click();
  await page.getByLabel("CSV text").fill(csv);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByText("3 to create · 0 to update · 0 unchanged").waitFor();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("cell", { name: "Rural Children's Rights Protection" }).waitFor();

  // The evaluation.
  await page.getByRole("navigation").getByRole("link", { name: "Evaluations" }).click();
  await page.getByRole("link", { name: "New evaluation" }).click();
  await page.getByLabel("Name").fill("PHT final evaluation 2005");
  await page.getByRole("checkbox", { name: /Partner NGO capacity questionnaire/ }).check();
  await page.getByRole("button", { name: "Create evaluation" }).click();
  await page.getByRole("heading", { name: "PHT final evaluation 2005" }).waitFor();

  // Personal links for everyone, then "send": with no mail server they wait in the outbox.
  await page.getByText("Select all (3)").click();
  await page.getByRole("button", { name: "Create 3 personal links" }).click();
  await page.getByRole("row", { name: /Tomo/ }).waitFor();
  await page.getByRole("checkbox", { name: "Select all" }).check();
  // Without a mail server the button says what it does: it prepares the messages, and the page says who waits.
  await page.getByRole("button", { name: "Prepare message" }).click();
  await page.getByRole("heading", { name: "Outbox" }).waitFor();
  await expect.poll(() => page.locator("[data-outbox]").textContent()).toContain("to deliver by hand");
  await expect.poll(() => page.locator(".mail-log tbody tr").count()).toBeGreaterThanOrEqual(2);

  // Copy Sezim's link and hand it to the respondent.
  // The invitations table comes first; the outbox row below has its own copy buttons.
  await page.getByRole("row", { name: /Sezim/ }).first().getByRole("button", { name: "Copy link" }).click();
  await page.getByText("Link copied.").waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${server.url}/r/[A-Za-z0-9_-]{22,}$`));

  const respondent = await browser.newContext();
  const form = await respondent.newPage();
  await form.goto(link);
  await answerNgoProfileAndSubmit(form, "Sezim");
  await respondent.close();

  await page.reload();
  const row = page.getByRole("row", { name: /Sezim/ });
  await expect.poll(() => row.locator("[data-status]").getAttribute("data-status")).toBe("submitted");
  await expect
    .poll(() => page.getByRole("row", { name: /Tomo/ }).locator("[data-status]").textContent())
    .not.toBe("submitted");
  // The only console error allowed is the 401 of the signed-out session check before logging in.
  expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
  await context.close();
});
