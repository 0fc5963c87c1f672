import { test } from "vitest";
import { launchBrowser } from "../helpers/browser.ts";
import { apiSession, startServer } from "../helpers/server.ts";
import { question } from "../helpers/survey.ts";

test("debug", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const api = await apiSession(server);
    await api.call("POST", "/api/organizations", { name: "Min", kind: "government", region: "Naryn" });
    await api.call("POST", "/api/evaluations", { name: "Gov 2026", questionnaireIds: ["government-interview"] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("console", (m) => console.log("CONSOLE", m.type(), m.text(), m.location().url));
    await page.goto(`${server.url}/`);
    await page.getByLabel("Email").fill(server.adminEmail);
    await page.getByLabel("Password").fill(server.adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Interviews", exact: true }).click();
    await page.getByRole("link", { name: "New interview" }).click();
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Min — Naryn" });
    await page.getByRole("button", { name: "Start interview" }).click();
    await question(page, "agency_name").waitFor();
    if (process.env.DEBUG_OFFLINE) await context.setOffline(true);
    await question(page, "agency_name").locator("input").fill("Naryn");
    await question(page, "agency_type").locator(".sd-dropdown").click();
    for (const ms of [100, 300, 1000, 2500]) {
      await page.waitForTimeout(ms);
      console.log("options visible after", ms, await page.getByRole("option", { name: "Border service" }).isVisible());
    }
    await page.screenshot({ path: ".scratch/dd.png" });
  } finally {
    await browser.close();
    await server.stop();
  }
}, 120000);
