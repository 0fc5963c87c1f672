import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { apiSession, startServer, type RunningServer } from "./helpers/server.ts";

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

async function signIn(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel("Email").fill(server.adminEmail);
  await page.getByLabel("Password").fill(server.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the API tokens page makes a token that works as a Bearer header once, and revokes it", async () => {
  const page = await (await browser.newContext()).newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, "/tokens");
  // Watched once signed in: the session probe before signing in answers 401 by design.
  const problems = watchConsole(page);
  await page.getByRole("heading", { name: "Personal API tokens" }).waitFor();
  expect(await page.title()).toBe("Personal API tokens · Sapat");

  await page.getByLabel("Name").fill("R scripts");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!.trim();
  expect(secret).toMatch(/^sapat_/);
  const read = () =>
    fetch(`${server.url}/api/evaluations`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.status);
  expect(await read()).toBe(200);

  const row = page.getByRole("row", { name: /R scripts/ });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByText("Token “R scripts” revoked.").waitFor();
  await row.getByText("revoked").waitFor();
  expect(await read()).toBe(401);
  expect(problems).toEqual([]);
});

test("the members panel adds a colleague to an evaluation and changes their role", async () => {
  const api = await apiSession(server);
  const { id } = await api.call<{ id: number }>("POST", "/api/evaluations", {
    name: "Team evaluation",
    questionnaireIds: ["ngo-capacity"],
  });
  await api.call("POST", "/api/users", {
    email: "aigul@example.org",
    name: "Aigul",
    role: "evaluator",
    password: "a long password 1",
  });

  const page = await (await browser.newContext()).newPage();
  await signIn(page, `/evaluations/${id}`);
  const problems = watchConsole(page);
  const panel = page.locator('section[aria-labelledby="members-title"]');
  await panel.getByRole("heading", { name: "Members" }).waitFor();
  await panel.getByLabel("Person").selectOption({ label: "Aigul (aigul@example.org)" });
  await panel.locator("form").getByLabel("Role").selectOption("viewer");
  await panel.getByRole("button", { name: "Add member" }).click();
  await panel.getByText("Aigul added.").waitFor();
  const members = () => api.call<Array<{ email: string; role: string }>>("GET", `/api/evaluations/${id}/members`);
  expect((await members()).find((m) => m.email === "aigul@example.org")?.role).toBe("viewer");

  await panel.getByLabel("Role of Aigul").selectOption("evaluator");
  await panel.getByText("Role of Aigul changed.").waitFor();
  expect((await members()).find((m) => m.email === "aigul@example.org")?.role).toBe("evaluator");
  expect(problems).toEqual([]);
});
