import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium, headless, with the background traffic that this closed network refuses turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const cspMessage = /Content[ -]Security[ -]Policy/i;

/**
 * Collects console errors, failed page loads and Content-Security-Policy violations, so a test can assert the page
 * ran cleanly. Chromium logs a violation as a console error ("Refused to load ... because it violates the following
 * Content Security Policy directive"); any console message about the policy counts, whatever its level, and the
 * page's `securitypolicyviolation` events are reported too, with the directive and the blocked URL.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || cspMessage.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  // Injected by the browser driver, so the policy does not apply to this script itself.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return problems;
}
