import axe from "axe-core";
import type { Page } from "playwright-core";

/**
 * The serious and critical violations axe-core finds on the page as it is now, one line each. The page's CSP
 * refuses inline scripts: open it in a context with `bypassCSP` (axe is the test's instrument, not the page's).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 4)
          .join(" | ")}`,
    );
}
