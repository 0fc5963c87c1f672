import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { bandColours, notScoredColour } from "../../scoring/bands.ts";
import type { ReportWords } from "../report-labels.ts";

// pdfkit primitives the reports share: fonts with Cyrillic, headings, key-value facts, tables that break across
// pages, the horizontal bar chart of a capacity profile, and page numbers.

const require = createRequire(import.meta.url);

// DejaVu Sans (dejavu-fonts-ttf; Bitstream Vera licence, embedding allowed) covers Latin, Cyrillic and the
// Kyrgyz letters ң ө ү; pdfkit embeds only the glyphs a document uses.
const fontFiles = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};

export type Pdf = PDFKit.PDFDocument;

export function createPdf(info: { title: string }): Pdf {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 50, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: info.title, Creator: "Sapat", Producer: "Sapat" },
  });
  doc.registerFont("regular", fontFiles.regular);
  doc.registerFont("bold", fontFiles.bold);
  doc.font("regular").fontSize(10);
  return doc;
}

export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;
const left = (doc: Pdf) => doc.page.margins.left;

/** Starts a new page unless `height` still fits on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: Pdf, text: string, level: 1 | 2 | 3 = 2): void {
  const size = level === 1 ? 18 : level === 2 ? 14 : 11;
  ensureSpace(doc, size * 3);
  if (doc.y > doc.page.margins.top + 1) doc.moveDown(level === 1 ? 0.2 : 0.6);
  doc
    .font("bold")
    .fontSize(size)
    .fillColor("#111111")
    .text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc.font("regular").fontSize(10).fillColor("black");
}

export function paragraph(doc: Pdf, text: string, options: { size?: number; colour?: string } = {}): void {
  doc
    .font("regular")
    .fontSize(options.size ?? 10)
    .fillColor(options.colour ?? "black");
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.fillColor("black").fontSize(10);
}

/** A banner across the page (the "draft" mark). */
export function banner(doc: Pdf, text: string, colour = "#b30000"): void {
  const height = 22;
  ensureSpace(doc, height + 10);
  const y = doc.y;
  doc.rect(left(doc), y, contentWidth(doc), height).fill(colour);
  doc
    .font("bold")
    .fontSize(11)
    .fillColor("white")
    .text(text, left(doc) + 8, y + 5, { width: contentWidth(doc) - 16, lineBreak: false });
  doc.fillColor("black").font("regular").fontSize(10);
  doc.y = y + height + 8;
}

/** Label: value lines. */
export function facts(doc: Pdf, pairs: ReadonlyArray<readonly [string, string]>): void {
  const labelWidth = 150;
  for (const [label, value] of pairs) {
    const width = contentWidth(doc) - labelWidth;
    doc.font("bold");
    const labelHeight = doc.heightOfString(label, { width: labelWidth - 8 });
    doc.font("regular");
    const height = Math.max(doc.heightOfString(value || " ", { width }), labelHeight, 12);
    ensureSpace(doc, height + 2);
    const y = doc.y;
    doc.font("bold").text(label, left(doc), y, { width: labelWidth - 8 });
    doc.font("regular").text(value || "–", left(doc) + labelWidth, y, { width });
    doc.y = y + height + 2;
  }
}

export interface TableColumn {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: "left" | "right" | "center";
}

export interface TableOptions {
  /** A background colour for a cell (heat maps). */
  fill?: (row: number, column: number) => string | null;
  fontSize?: number;
  /** false: no header row (a list of label/value pairs). */
  header?: boolean;
  /**
   * Keep the table on the page it starts on by setting it smaller, down to this size, when it would otherwise run
   * onto the next page (an organisation's key figures: a longer language must not spill a row onto a page of its own).
   */
  shrinkToFit?: number;
  /** Written above the rest of a table that runs onto a new page (tables without a header row say what they are). */
  continued?: string;
}

const smallestCellFont = 5;

/**
 * The font size at which every word of `text` fits `width` (at most `size`): pdfkit breaks a word that is wider
 * than its box mid-word ("урове / нь"), so a narrow column sets such a header a little smaller instead.
 */
export function sizeForWords(doc: Pdf, text: string, width: number, size: number): number {
  doc.fontSize(size);
  const widest = Math.max(0, ...text.split(/\s+/).map((word) => doc.widthOfString(word)));
  if (widest <= width) return size;
  return Math.max(smallestCellFont, Math.floor(((size * width) / widest) * 4) / 4);
}

/**
 * A table with a header row repeated on each page it runs onto. No page holds a lone row of it: a table whose
 * first two rows do not fit starts on the next page, and its last row never goes over alone.
 */
export function table(
  doc: Pdf,
  columns: readonly TableColumn[],
  rows: ReadonlyArray<readonly string[]>,
  options: TableOptions = {},
): void {
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const pad = 3;
  const withHeader = options.header !== false;
  const headerCells = columns.map((c) => c.header);

  const layoutAt = (size: number) => {
    const measure = (cells: readonly string[], bold: boolean) => {
      doc.font(bold ? "bold" : "regular");
      const sizes = cells.map((cell, i) => sizeForWords(doc, cell || " ", (widths[i] ?? 0) - 2 * pad, size));
      const height =
        Math.max(
          ...cells.map((cell, i) =>
            doc.fontSize(sizes[i]!).heightOfString(cell || " ", { width: (widths[i] ?? 0) - 2 * pad }),
          ),
        ) +
        2 * pad;
      return { sizes, height };
    };
    return { header: measure(headerCells, true), rows: rows.map((row) => measure(row, false)) };
  };

  const size = options.fontSize ?? 9;
  let layout = layoutAt(size);
  const heightOf = (l: typeof layout) => (withHeader ? l.header.height : 0) + l.rows.reduce((a, r) => a + r.height, 0);
  if (options.shrinkToFit !== undefined && heightOf(layout) > bottom(doc) - doc.y) {
    // Only as small as keeps it here; a table that would not fit even then keeps its size and breaks.
    for (let smaller = size - 0.5; smaller >= options.shrinkToFit; smaller -= 0.5) {
      const candidate = layoutAt(smaller);
      if (heightOf(candidate) <= bottom(doc) - doc.y) {
        layout = candidate;
        break;
      }
    }
  }

  const drawRow = (
    cells: readonly string[],
    measured: { sizes: number[]; height: number },
    rowIndex: number | null,
  ) => {
    const bold = rowIndex === null;
    const y = doc.y;
    let x = left(doc);
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      const fill = rowIndex === null ? "#eeeeee" : (options.fill?.(rowIndex, i) ?? null);
      if (fill) doc.rect(x, y, w, measured.height).fill(fill);
      doc
        .font(bold ? "bold" : "regular")
        .fontSize(measured.sizes[i]!)
        .fillColor("black")
        .text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? "left" });
      x += w;
    });
    doc
      .moveTo(left(doc), y + measured.height)
      .lineTo(left(doc) + total, y + measured.height)
      .lineWidth(0.3)
      .strokeColor("#bbbbbb")
      .stroke();
    doc.y = y + measured.height;
  };
  const newPage = () => {
    doc.addPage();
    if (options.continued) {
      doc.font("bold").fontSize(9).fillColor("#333333").text(options.continued, left(doc), doc.y, { width: total });
      doc.moveDown(0.3);
    }
    if (withHeader) drawRow(headerCells, layout.header, null);
  };

  const rowHeight = (i: number) => layout.rows[i]?.height ?? 0;
  // Starting: the header and the first two rows (or the only one) together, else on the next page.
  const opening = (withHeader ? layout.header.height : 0) + rowHeight(0) + rowHeight(1);
  if (doc.y + opening > bottom(doc) && doc.y > doc.page.margins.top + 1) doc.addPage();
  if (withHeader) drawRow(headerCells, layout.header, null);
  rows.forEach((row, i) => {
    const fits = doc.y + rowHeight(i) <= bottom(doc);
    // The second-to-last row goes over with the last when the last would otherwise be alone on a page.
    const lastAlone = i === rows.length - 2 && fits && doc.y + rowHeight(i) + rowHeight(i + 1) > bottom(doc) && i > 0;
    if (!fits || lastAlone) newPage();
    drawRow(row, layout.rows[i]!, i);
  });
  doc.font("regular").fontSize(10).fillColor("black");
  doc.x = left(doc);
  doc.moveDown(0.5);
}

export interface Bar {
  label: string;
  /** Up to two bars per label (e.g. self and verified); a null level is drawn as "not scored". */
  values: Array<{ level: number | null; band: string | null; note?: string }>;
}

/** A horizontal bar chart of levels on the 1..4 scale, with the band thresholds marked. */
export function barChart(
  doc: Pdf,
  bars: readonly Bar[],
  legend: readonly string[],
  words: ReportWords,
  options: { barHeight?: number } = {},
): void {
  const labelWidth = 170;
  const valueWidth = 34;
  const barHeight = options.barHeight ?? 9;
  const gap = 2;
  const groupGap = 7;
  const x0 = left(doc) + labelWidth;
  const width = contentWidth(doc) - labelWidth - valueWidth;
  const scale = (level: number) => x0 + ((level - 1) / 3) * width;
  const series = Math.max(1, ...bars.map((b) => b.values.length));
  const groupHeight = series * (barHeight + gap) + groupGap;

  // The whole chart on one page when it fits on one.
  ensureSpace(doc, Math.min(30 + groupHeight * bars.length, bottom(doc) - doc.page.margins.top));
  // axis labels
  doc.font("regular").fontSize(7).fillColor("#555555");
  const axisY = doc.y;
  for (const level of [1, 2, 3, 4]) {
    doc.text(String(level), scale(level) - 10, axisY, { width: 20, align: "center", lineBreak: false });
  }
  doc.y = axisY + 10;
  for (const bar of bars) {
    doc.font("regular").fontSize(8);
    const labelHeight = doc.heightOfString(bar.label, { width: labelWidth - 8 });
    const height = Math.max(groupHeight, labelHeight + groupGap);
    ensureSpace(doc, height);
    const y = doc.y;
    doc.fillColor("black").text(bar.label, left(doc), y, { width: labelWidth - 8 });
    // gridlines at the levels, dashed at the band thresholds
    for (const level of [1, 2, 3, 4]) {
      doc
        .moveTo(scale(level), y)
        .lineTo(scale(level), y + height - groupGap)
        .lineWidth(0.3)
        .strokeColor("#cccccc")
        .stroke();
    }
    for (const cut of [1.75, 2.5, 3.25]) {
      doc
        .moveTo(scale(cut), y)
        .lineTo(scale(cut), y + height - groupGap)
        .dash(1.5, { space: 1.5 })
        .lineWidth(0.3)
        .strokeColor("#999999")
        .stroke()
        .undash();
    }
    bar.values.forEach((v, i) => {
      const by = y + i * (barHeight + gap);
      if (v.level === null) {
        doc.rect(x0, by, width, barHeight).fill("#f4f4f4");
        doc
          .fillColor("#666666")
          .fontSize(7)
          .text(v.note ?? words.t.notScored, x0 + 4, by + 1, { width: width - 8, lineBreak: false });
      } else {
        const colour =
          i === 0 && bars[0]!.values.length > 1 ? "#9e9e9e" : (bandColours[v.band ?? ""] ?? notScoredColour);
        doc.rect(x0, by, Math.max(1, scale(v.level) - x0), barHeight).fill(colour);
        doc
          .fillColor("black")
          .fontSize(7)
          .text(v.level.toFixed(2), x0 + width + 3, by + 1, { width: valueWidth - 3, lineBreak: false });
      }
    });
    doc.y = y + height;
  }
  if (legend.length > 0) {
    doc.fontSize(7).fillColor("#555555");
    const legendY = doc.y;
    let x = left(doc) + labelWidth;
    legend.forEach((text, i) => {
      doc.rect(x, legendY + 1, 8, 6).fill(i === 0 && legend.length > 1 ? "#9e9e9e" : bandColours.Expanding!);
      doc.fillColor("#555555").text(text, x + 11, legendY, { lineBreak: false });
      x += 11 + doc.widthOfString(text) + 14;
    });
    doc.y = legendY + 12;
  }
  doc.font("regular").fontSize(10).fillColor("black");
  doc.x = left(doc);
  doc.moveDown(0.4);
}

/** "n / N" page numbers and a footer line on every page (the document buffers its pages for this). */
export function finishPages(doc: Pdf, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 20;
    // Writing below the bottom margin would add a page: lift the margin while the footer is drawn.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(7)
      .fillColor("#777777")
      .text(`${footer} · ${i + 1 - range.start} / ${range.count}`, left(doc), y, {
        width: contentWidth(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
  doc.fillColor("black");
}
