import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, watchConsole } from "./helpers/browser.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

// The other browser tests fail on any console problem, a policy violation included; this one checks that the policy
// is really in force on the pages they visit, and that a violation does show up as a problem.

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

test("pages are served under the policy, and what it blocks is reported as a problem", async () => {
  const page = await browser.newPage();
  const problems = watchConsole(page);
  const response = await page.goto(`${server.url}/r/not-a-real-link`);
  const policy = response!.headers()["content-security-policy"];
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain("upgrade-insecure-requests");
  // The app itself started without a violation (the unknown link is a 404 from the API, which the page shows).
  await page.getByText(/not valid/i).waitFor();
  expect(problems.filter((p) => !p.includes("404"))).toEqual([]);

  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "document.title = 'injected'";
    document.body.append(script);
    const image = document.createElement("img");
    image.src = "https://example.org/pixel.png";
    document.body.append(image);
  });
  await expect.poll(() => problems.filter((p) => /Content Security Policy/i.test(p)).length).toBeGreaterThanOrEqual(2);
  expect(await page.title()).not.toBe("injected");
  expect(problems.join("\n")).toMatch(/script-src/);
  expect(problems.join("\n")).toMatch(/img-src/);
  await page.close();
});
