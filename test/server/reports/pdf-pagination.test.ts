import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../../server/demo/load-demo.ts";
import { reportWords } from "../../../server/reports/report-labels.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";

// The aggregate report of the demo evaluation (18 organisations) lays out alike in every language: about as many
// pages in Russian and Kyrgyz as in English, and no page holding a lone table row cut from its organisation.

let t: TestApp;
let evaluator: Session;
let evaluationId: number;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "admin");
  const demo = await loadDemo(t.database.db, t.app.catalogue, { publicUrl: t.config.publicUrl });
  if (demo.status !== "loaded") throw new Error(`expected the demo to load, got ${JSON.stringify(demo)}`);
  evaluationId = demo.evaluationId;
}, 120_000);
afterAll(() => t.close());

const words = (lang: string) => reportWords(lang).t;

/** Each page's text lines, top to bottom (pdf.js; items on one baseline make one line). */
async function pdfPages(bytes: Buffer): Promise<string[][]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false })
    .promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const lines = new Map<number, string[]>();
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const y = Math.round(item.transform[5] as number);
      lines.set(y, [...(lines.get(y) ?? []), item.str]);
    }
    pages.push([...lines.entries()].sort((a, b) => b[0] - a[0]).map(([, parts]) => parts.join(" ")));
  }
  await doc.destroy();
  return pages;
}

async function reportPages(lang: string) {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/evaluations/${evaluationId}/report.pdf?questionnaireId=ngo-capacity&lang=${lang}`,
    headers: evaluator.headers,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  // The last line of each page is its footer ("... · n / N").
  return (await pdfPages(res.rawPayload)).map((lines) => lines.slice(0, -1));
}

describe("the aggregate report's pages", () => {
  const languages = ["en", "ru", "ky"] as const;
  let pages: Record<(typeof languages)[number], string[][]>;
  let organisations: string[];

  beforeAll(async () => {
    pages = { en: await reportPages("en"), ru: await reportPages("ru"), ky: await reportPages("ky") };
    organisations = (
      await t.database.db.selectFrom("organizations").select("name").where("kind", "=", "ngo").execute()
    ).map((o) => o.name);
  }, 120_000);

  it("are about as many in Russian and Kyrgyz as in English", () => {
    expect(pages.en.length).toBeGreaterThan(18);
    for (const lang of ["ru", "ky"] as const)
      expect(Math.abs(pages[lang].length - pages.en.length)).toBeLessThanOrEqual(2);
  });

  it.each(languages)("hold no lone row in %s: every page past the cover has some lines of its own", (lang) => {
    const thin = pages[lang].slice(1).flatMap((lines, i) => (lines.length < 3 ? [{ page: i + 2, lines }] : []));
    expect(thin).toEqual([]);
  });

  it.each(languages)("give each organisation one page in %s, key figures included", (lang) => {
    for (const name of organisations) {
      const starts = pages[lang].findIndex((lines) => lines[0] === name);
      expect(starts, name).toBeGreaterThan(0);
      // The page after it begins with the next organisation (or the change section), never with its leftovers.
      const next = pages[lang][starts + 1]![0]!;
      expect(organisations.includes(next) || next === words(lang).change, `${name}: ${next}`).toBe(true);
    }
  });
});
