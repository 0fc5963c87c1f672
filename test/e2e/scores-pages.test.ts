import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { apiSession, loadDemo, startServer, type RunningServer } from "./helpers/server.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  loadDemo(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const two = (level: number | null) => (level === null ? "—" : level.toFixed(2));

test("the scores page and an organisation's profile show the numbers the API returns", async () => {
  const api = await apiSession(server);
  const evaluations = await api.call<Array<{ id: number; name: string }>>("GET", "/api/evaluations");
  const demo = evaluations.find((e) => e.name === "PHT final evaluation 2005")!;
  const scores = await api.call<{
    organizations: Array<{
      name: string;
      responseId: number;
      overall: { level: number | null };
      dimensions: Record<string, { level: number | null }>;
    }>;
  }>("GET", `/api/evaluations/${demo.id}/scores`);
  expect(scores.organizations).toHaveLength(18);

  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${server.url}/evaluations/${demo.id}/scores`);
  await page.getByLabel("Email").fill(server.adminEmail);
  await page.getByLabel("Password").fill(server.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Capacity scores" }).waitFor();

  // Columns read "OUT Outreach ...": the dimension's code, then its name.
  const header = await page
    .locator("table.heatmap thead th")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-dimension")));
  expect(await page.locator("table.heatmap thead th").allTextContents()).not.toContain("OUT");
  for (const organization of scores.organizations) {
    const row = page.locator(`tr[data-response="${organization.responseId}"]`);
    for (const [dimension, cell] of Object.entries(organization.dimensions)) {
      if (cell.level === null) continue;
      const column = header.indexOf(dimension);
      expect(await row.locator("td").nth(column).getAttribute("data-level"), `${organization.name} ${dimension}`).toBe(
        two(cell.level),
      );
    }
  }
  await page.screenshot({ path: path.join(root, "docs", "screenshots", "scores.png"), fullPage: false });

  const tomo = scores.organizations.find((o) => o.name === "Tomo")!;
  const trace = await api.call<{
    overall: { level: number | null; weakest: string | null };
    dimensions: Array<{ id: string; level: number | null; items: Array<{ question: string; level: number | null }> }>;
  }>("GET", `/api/responses/${tomo.responseId}/score`);
  await page.getByRole("link", { name: "Tomo", exact: true }).click();
  await page.getByRole("heading", { name: "Tomo" }).waitFor();
  expect(await page.locator("[data-overall]").getAttribute("data-overall")).toBe(two(trace.overall.level));
  for (const dimension of trace.dimensions) {
    const section = page.locator(`[data-dimension="${dimension.id}"]`);
    await expect
      .poll(() => section.locator("h2").textContent())
      .toContain(dimension.level === null ? "" : two(dimension.level));
    for (const item of dimension.items.filter((i) => i.level !== null)) {
      await expect
        .poll(() => section.locator(`tr[data-item="${item.question}"] td`).nth(3).textContent())
        .toContain(two(item.level));
    }
  }
  // The weakest dimension in words, its code as a prefix.
  expect(trace.overall.weakest).not.toBeNull();
  await expect
    .poll(() => page.locator("strong", { hasText: new RegExp(`^${trace.overall.weakest} \\p{L}`, "u") }).count())
    .toBe(1);
  await page.screenshot({ path: path.join(root, "docs", "screenshots", "profile.png"), fullPage: false });
  expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
  await context.close();
});
