import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { householdForm } from "../fixtures/xlsform/household.ts";
import { buildXlsx } from "../helpers/xlsform.ts";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

// The questionnaires page: an XLSForm upload refused with its places, then accepted, then previewed in Russian.

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

test("upload an XLSForm, see its problems per row, then preview the stored version in each language", async () => {
  const broken = path.join(dir, "broken.xlsx");
  const header = householdForm.survey![0]!;
  fs.writeFileSync(
    broken,
    await buildXlsx({ ...householdForm, survey: [header, ["text", "a", "A", "", "", "", "", "${nowhere} = 1"]] }),
  );
  const good = path.join(dir, "household.xlsx");
  fs.writeFileSync(good, await buildXlsx(householdForm));

  const page = await browser.newPage();
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

  await page.getByLabel("Questionnaire file").setInputFiles(good);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toMatch(/household version 1/);

  await page.getByRole("link", { name: "household" }).click();
  await page.getByText("Version 1 as respondents see it").waitFor();
  await page.getByText("Your name").first().waitFor();
  await page.getByLabel("Language").selectOption("ru");
  await page.getByText("Ваше имя").first().waitFor();
  // 401: the session check before signing in; 422: the refused upload.
  expect(problems.filter((p) => !/status of (401|422)/.test(p))).toEqual([]);
  await page.close();
});
