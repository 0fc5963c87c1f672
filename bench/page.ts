import { launchBrowser } from "../test/e2e/helpers/browser.ts";
import { measurePageLoad, type PageWeight } from "../test/e2e/helpers/page-weight.ts";
import { apiSession, startServer } from "../test/e2e/helpers/server.ts";

// The respondent page's weight over the network, in Debian's Chromium against Sapat's real server (`npm start`'s
// server/start.ts, which builds the client first when its sources changed) on 127.0.0.1:
//   page-first-kb   a respondent opens a ngo-capacity link with an empty cache: every byte received (headers
//                   included, as compressed on the wire) until the questionnaire shows and the network is quiet.
//   page-repeat-kb  the same respondent opens the link again later in the same browser (cache, localStorage and
//                   service workers kept), with a new tab rather than a reload.
// What the respondent's service worker fetches (its script, the page it fetches from the network) is counted too.
// kB = 1,000 bytes.

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

function describe(weight: PageWeight): string {
  return weight.requests
    .map((r) => {
      const path = new URL(r.url).pathname
        .replace(/^\/api\/respond\/[^/?]+/, "/api/respond/<token>")
        .replace(/^\/r\/(?!sw\.js$)[^/]+/, "/r/<token>");
      const via = r.worker ? "worker " : r.cached ? "cache  " : "       ";
      return `  ${String(r.status).padStart(3)} ${kB(r.bytes).padStart(7)} kB ${(r.encoding ?? "-").padEnd(4)} ${via}${path}`;
    })
    .join("\n");
}

export async function runPageBench(): Promise<Array<[string, string]>> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const api = await apiSession(server);
    const { id: organizationId } = await api.call("POST", "/api/organizations", {
      name: "Page weight NGO",
      kind: "ngo",
      region: "Chui",
    });
    const { id: evaluationId } = await api.call("POST", "/api/evaluations", {
      name: "Page weight",
      questionnaireIds: ["ngo-capacity"],
    });
    const [invitation] = await api.call("POST", `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId: "ngo-capacity",
    });
    const context = await browser.newContext();
    const ready = async (page: import("playwright-core").Page) => {
      await page.locator('[data-name="P1"]').waitFor({ timeout: 60_000 });
    };
    const first = await measurePageLoad(context, invitation.url, ready);
    const repeat = await measurePageLoad(context, invitation.url, ready);
    console.error(`(page, first visit:\n${describe(first)}\n page, repeat visit:\n${describe(repeat)})`);
    await context.close();
    return [
      ["page-first-kb", kB(first.bytes)],
      ["page-repeat-kb", kB(repeat.bytes)],
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
