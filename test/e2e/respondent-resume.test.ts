import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { chooseFromDropdown, completeAndConfirm, goToLastPage, question, waitUntilSaved } from "./helpers/survey.ts";
import { apiSession, startServer, type RunningServer } from "./helpers/server.ts";

let server: RunningServer;
let browser: Browser;
let link: string;
let token: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await apiSession(server);
  const { id: organizationId } = await api.call("POST", "/api/organizations", {
    name: "Tomo",
    kind: "ngo",
    region: "Issyk-Kul",
  });
  const { id: evaluationId } = await api.call("POST", "/api/evaluations", {
    name: "PHT final evaluation",
    questionnaireIds: ["ngo-capacity"],
  });
  const [invitation] = await api.call("POST", `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "ngo-capacity",
  });
  link = invitation.url;
  token = invitation.token;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function storedResponse() {
  const res = await fetch(`${server.url}/api/respond/${token}`);
  return ((await res.json()) as { response: { status: string; data: Record<string, unknown>; currentPage: number } })
    .response;
}

test("a respondent fills part of the questionnaire, resumes after a reload and on another device, and submits", async () => {
  // A phone-sized screen: partner NGOs often answer on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  const problems = watchConsole(page);
  await page.goto(link);

  await question(page, "P1").locator("input").fill("Tomo");
  await question(page, "P1_reg").locator("input").fill("KG-1998-042");
  await chooseFromDropdown(page, "P2", "Issyk-Kul oblast");
  await question(page, "P3").getByText("Women's NGO").click();
  await question(page, "P7").getByText("Prevention and outreach").click();
  await question(page, "P7").getByText("Hotline").click();
  await question(page, "months_in_period").locator("input").fill("12");
  await waitUntilSaved(page);
  expect((await storedResponse()).data).toMatchObject({ P1: "Tomo", P2: "issyk_kul" });

  await page.getByRole("button", { name: "Next" }).click();
  await question(page, "OUT1").locator("input").fill("9");
  await question(page, "OUT4").getByText("Rural women").click();
  await waitUntilSaved(page);

  // Reload: the page comes back where the respondent stopped, with the answers.
  await page.reload();
  await expect.poll(() => question(page, "OUT1").locator("input").inputValue()).toBe("9");
  await page.getByRole("button", { name: "Previous" }).click();
  expect(await question(page, "P1").locator("input").inputValue()).toBe("Tomo");
  await page.getByRole("button", { name: "Next" }).click();

  // Another device (no local copy) resumes from the server at the same page.
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await other.goto(link);
  await expect.poll(() => question(other, "OUT1").locator("input").inputValue()).toBe("9");
  await laptop.close();

  await question(page, "OUT5").getByText("We record the events and attendance").click();
  await waitUntilSaved(page);
  await goToLastPage(page);
  // On a phone-sized screen a 1-5 rating is rendered as a dropdown.
  await chooseFromDropdown(page, "CON4", "4");
  await completeAndConfirm(page);
  await page.getByRole("heading", { name: "Thank you!" }).waitFor();

  const stored = await storedResponse();
  expect(stored.status).toBe("submitted");
  expect(stored.data).toEqual({
    P1: "Tomo",
    P1_reg: "KG-1998-042",
    P2: "issyk_kul",
    P3: "women",
    P7: ["outreach", "hotline"],
    months_in_period: 12,
    OUT1: 9,
    OUT4: ["rural_women"],
    OUT5: 2,
    CON4: 4,
  });
  // Reopening the link after submission shows the thank-you page, not an empty form.
  await page.reload();
  await page.getByRole("heading", { name: "Thank you!" }).waitFor();
  expect(problems).toEqual([]);
  await phone.close();
});

test("a respondent switches the questionnaire to Russian, and it stays so after a reload", async () => {
  const api = await apiSession(server);
  const { id: organizationId } = await api.call("POST", "/api/organizations", {
    name: "Ak Zhol",
    kind: "ngo",
    region: "Osh",
  });
  const { id: evaluationId } = await api.call("POST", "/api/evaluations", {
    name: "Language switch",
    questionnaireIds: ["ngo-capacity"],
  });
  const [invitation] = await api.call("POST", `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "ngo-capacity",
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(invitation.url);
  await question(page, "P1").getByText("Name of the organisation").waitFor();

  // The page's own words and survey-core's change together.
  await page.getByLabel("Language").selectOption({ label: "Русский" });
  await question(page, "P1").getByText("Название организации").waitFor();
  await page.getByRole("button", { name: "Далее" }).waitFor();
  await page.getByLabel("Язык").waitFor();
  // A text answer is committed when the field loses the focus.
  await question(page, "P1").locator("input").fill("Ак Жол");
  await question(page, "P1").locator("input").press("Tab");
  const saved = async () => {
    const res = await fetch(`${server.url}/api/respond/${invitation.token}`);
    return ((await res.json()) as { response: { locale: string; data: Record<string, unknown> } | null }).response;
  };
  await expect.poll(saved, { timeout: 15_000 }).toMatchObject({ locale: "ru", data: { P1: "Ак Жол" } });
  await waitUntilSaved(page);

  await page.reload();
  await question(page, "P1").getByText("Название организации").waitFor();
  expect(await question(page, "P1").locator("input").inputValue()).toBe("Ак Жол");
  expect(await page.getByLabel("Язык").inputValue()).toBe("ru");
  expect(problems).toEqual([]);
  await context.close();
});
