import { describe, expect, it } from "vitest";
import { createPdf, sizeForWords, table, type Pdf } from "../../../server/reports/pdf/layout.ts";

// The PDF table: headers never broken mid-word, no lone row on a page, a table kept on its page by setting it
// a little smaller when asked.

async function pagesOf(doc: Pdf): Promise<string[][]> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on("end", resolve));
  doc.end();
  await done;
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((item) => ("str" in item && item.str.trim() ? [item.str.trim()] : [])));
  }
  await pdf.destroy();
  return pages;
}

const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;
const rows = (n: number, prefix = "row") => Array.from({ length: n }, (_, i) => [`${prefix} ${i + 1}`, String(i)]);
const columns = [
  { header: "Name", width: 0.7 },
  { header: "Value", width: 0.3 },
];

describe("sizeForWords", () => {
  it("keeps the size when every word fits, and shrinks it until the widest word does", () => {
    const doc = createPdf({ title: "t" });
    expect(sizeForWords(doc, "Общий уровень", 200, 9)).toBe(9);
    const size = sizeForWords(doc, "Общий уровень", 30, 9);
    expect(size).toBeLessThan(9);
    expect(doc.fontSize(size).widthOfString("уровень")).toBeLessThanOrEqual(30);
  });
});

describe("table", () => {
  it("sets a narrow column's header smaller rather than breaking a word", async () => {
    const doc = createPdf({ title: "t" });
    table(
      doc,
      [
        { header: "Организация", width: 0.9 },
        { header: "Общий уровень", width: 0.1 },
      ],
      [["Тендеш", "3.11"]],
    );
    const [page] = await pagesOf(doc);
    expect(page).toContain("уровень");
    expect(page).not.toContain("нь");
  });

  it("never leaves the last row alone on a page", async () => {
    const doc = createPdf({ title: "t" });
    // Room for the header and all rows but the last: without care, row 10 would be alone on the next page.
    doc.fontSize(9);
    const rowHeight = doc.heightOfString("row 1", { width: 100 }) + 6;
    doc.y = bottomOf(doc) - rowHeight * 11 + 1;
    table(doc, columns, rows(10));
    const pages = await pagesOf(doc);
    expect(pages).toHaveLength(2);
    expect(pages[1]!.filter((s) => s.startsWith("row "))).toEqual(["row 9", "row 10"]);
    expect(pages[1]!.slice(0, 2)).toEqual(["Name", "Value"]);
  });

  it("starts on the next page when only its first row would fit on this one", async () => {
    const doc = createPdf({ title: "t" });
    doc.text("before", 50, bottomOf(doc) - 40);
    table(doc, columns, rows(5));
    const pages = await pagesOf(doc);
    expect(pages[0]).toEqual(["before"]);
    expect(pages[1]!.filter((s) => s.startsWith("row "))).toHaveLength(5);
  });

  it("shrinks to stay on its page when asked, and repeats what it is when it cannot", async () => {
    const kept = createPdf({ title: "t" });
    kept.y = bottomOf(kept) - 200;
    table(kept, columns, rows(12), { fontSize: 9, header: false, shrinkToFit: 6 });
    expect(await pagesOf(kept)).toHaveLength(1);

    const long = createPdf({ title: "t" });
    long.y = bottomOf(long) - 200;
    table(long, columns, rows(40), { fontSize: 9, header: false, shrinkToFit: 6, continued: "Key figures (cont.)" });
    const pages = await pagesOf(long);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]![0]).toBe("Key figures (cont.)");
  });
});
