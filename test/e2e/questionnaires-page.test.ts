import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { householdForm } from "../fixtures/xlsform/household.ts";
import { buildXlsx } from "../helpers/xlsform.ts";
import { seriousViolations } from "./helpers/axe.ts";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

// The questionnaires page: an XLSForm upload refused with its places, then accepted, then previewed in Russian;
// a second version with its publisher, what is pinned to it and the diff in words; a scored questionnaire's
// preview with each question's dimension beside it, in the preview's language.

let server: RunningServer;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-xlsform-"));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("upload an XLSForm, see its problems per row, preview it in each language, diff two versions, see the scoring", async () => {
  const broken = path.join(dir, "broken.xlsx");
  const header = householdForm.survey![0]!;
  fs.writeFileSync(
    broken,
    await buildXlsx({ ...householdForm, survey: [header, ["text", "a", "A", "", "", "", "", "${nowhere} = 1"]] }),
  );
  const good = path.join(dir, "household.xlsx");
  fs.writeFileSync(good, await buildXlsx(householdForm));
  // Version 2: one question more, one choice fewer, a label reworded.
  const survey = householdForm.survey!.map((row) =>
    row[1] === "employer" ? ["text", "employer", "Employer's name", ...row.slice(3)] : row,
  );
  const second = path.join(dir, "household-2.xlsx");
  fs.writeFileSync(
    second,
    await buildXlsx({
      ...householdForm,
      survey: [...survey.slice(0, 4), ["text", "phone", "Phone number", "Телефон"], ...survey.slice(4)],
      choices: householdForm.choices!.filter((row) => row[1] !== "farm"),
    }),
  );

  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${server.url}/questionnaires`);
  await page.getByLabel("Email").fill(server.adminEmail);
  await page.getByLabel("Password").fill(server.adminPassword);
  await page.getByRole("button", { name: /sign in|log in/i }).click();
  await page.getByRole("heading", { name: "Questionnaires" }).waitFor();

  await page.getByLabel("Id").fill("household");
  await page.getByLabel("Questionnaire file").setInputFiles(broken);
  await page.getByRole("button", { name: "Upload" }).click();
  const alert = page.getByRole("alert");
  await expect.poll(() => alert.textContent()).toMatch(/survey, row 2, column relevant.*nowhere/);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Questionnaire file").setInputFiles(good);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toMatch(/household version 1/);

  await page.getByRole("link", { name: "household" }).click();
  await page.getByText("Version 1 as respondents see it").waitFor();
  await page.getByText("Your name").first().waitFor();
  await page.getByLabel("Preview language").selectOption("ru");
  await page.getByText("Ваше имя").first().waitFor();

  // A second version: who published it and when, the diff between the two in words.
  await page.getByRole("navigation").getByRole("link", { name: "Questionnaires" }).click();
  await page.getByLabel("Id").fill("household");
  await page.getByLabel("Questionnaire file").setInputFiles(second);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toMatch(/household version 2/);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "household" }) });
  await expect.poll(() => row.textContent()).toMatch(/2 \(2 versions\).*Administrator/);
  await page.getByRole("link", { name: "household" }).click();
  const versions = page.getByRole("table", { name: "Versions of household" });
  await versions.waitFor();
  expect(await versions.getByRole("row").allTextContents()).toEqual([
    expect.stringMatching(/^Version/),
    expect.stringMatching(/^2.*Administrator.*upload00—/),
    expect.stringMatching(/^1.*Administrator.*upload00—/),
  ]);
  await page.getByRole("button", { name: "with version 2" }).click();
  const diff = page.getByRole("region", { name: "From version 1 to version 2" });
  await expect
    .poll(() => diff.getByRole("listitem").allTextContents())
    .toEqual([
      "“Phone number” (phone) added",
      "“Employer's name” (employer): the question text changed",
      "“Income sources” (sources): choices removed: Farm",
    ]);

  // A questionnaire shipped with Sapat and scored: no publisher, the dimension beside each question it feeds.
  await page.goto(`${server.url}/questionnaires/ngo-capacity`);
  await page.getByRole("table", { name: "Versions of ngo-capacity" }).getByText("Sapat (file in surveys/)").waitFor();
  await page.getByLabel("Every page at once").check();
  const chip = page.locator(".sd-question .scoring-chip").first();
  await expect.poll(() => chip.textContent()).toBe("OUT · Prevention & outreach campaigns");
  await page.getByRole("table", { name: "Questions that feed the scoring model" }).waitFor();
  await page.getByLabel("Preview language").selectOption("ru");
  await expect.poll(() => chip.textContent()).toBe("OUT · Профилактические и информационные кампании");
  expect(await seriousViolations(page)).toEqual([]);
  // 401: the session check before signing in; 422: the refused upload.
  expect(problems.filter((p) => !/status of (401|422)/.test(p))).toEqual([]);
  await context.close();
});
