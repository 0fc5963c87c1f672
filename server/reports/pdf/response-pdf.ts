import type { ResponseReport } from "../response-report.ts";
import {
  banner,
  barChart,
  createPdf,
  ensureSpace,
  facts,
  finishPages,
  heading,
  paragraph,
  table,
  type Pdf,
} from "./layout.ts";

// The PDF of one response (the evaluator's report and the respondent's copy): a readable stream of bytes.

function answers(doc: Pdf, report: ResponseReport): void {
  heading(doc, report.words.t.answers);
  if (report.answers.length === 0) {
    paragraph(doc, report.words.t.noAnswers, { colour: "#555555" });
    return;
  }
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const line of report.answers) {
    const indent = line.depth * 14;
    doc.font(line.value === null || line.depth === 0 ? "bold" : "regular").fontSize(line.depth === 0 ? 9.5 : 9);
    const labelHeight = line.label ? doc.heightOfString(line.label, { width: width - indent }) : 0;
    doc.font("regular").fontSize(9.5);
    const valueHeight = line.value ? doc.heightOfString(line.value, { width: width - indent - 8 }) : 0;
    ensureSpace(doc, Math.min(labelHeight + valueHeight + 6, 120));
    if (line.label) {
      doc
        .font(line.depth === 0 ? "bold" : "regular")
        .fontSize(line.depth === 0 ? 9.5 : 9)
        .fillColor(line.depth === 0 ? "#222222" : "#444444")
        .text(line.label, left + indent, doc.y, { width: width - indent });
    }
    if (line.value !== null) {
      doc
        .font("regular")
        .fontSize(9.5)
        .fillColor("black")
        .text(line.value, left + indent + 8, doc.y, { width: width - indent - 8 });
    }
    doc.moveDown(line.depth === 0 ? 0.35 : 0.15);
  }
  doc.fillColor("black");
}

export function renderResponsePdf(report: ResponseReport): Pdf {
  const doc = createPdf({ title: report.title });
  const { t } = report.words;
  heading(doc, report.title, 1);
  if (report.draft) banner(doc, t.draftBanner);
  facts(doc, report.facts);
  if (report.profile) {
    heading(doc, t.capacityProfile);
    barChart(doc, report.profile.bars, report.profile.legend, report.words);
    paragraph(doc, t.scale, { size: 8, colour: "#555555" });
  }
  if (report.summary) {
    heading(doc, `${t.traceSummary} (${report.summary.basis})`);
    facts(doc, report.summary.overall);
    doc.moveDown(0.3);
    table(
      doc,
      [
        { header: t.dimension, width: 0.27 },
        { header: t.status, width: 0.14 },
        { header: t.level, width: 0.1, align: "right" },
        { header: t.band, width: 0.21 },
        { header: t.coverage, width: 0.1, align: "right" },
        { header: t.answeredApplicable, width: 0.18, align: "right" },
      ],
      report.summary.rows.map((r) => [r.dimension, r.status, r.level, r.band, r.coverage, r.answered]),
      { fontSize: 8.5 },
    );
    if (report.summary.excluded.length > 0) {
      heading(doc, t.itemsWithoutLevel, 3);
      table(
        doc,
        [
          { header: t.dimension, width: 0.1 },
          { header: t.item, width: 0.5 },
          { header: t.status, width: 0.14 },
          { header: "", width: 0.26 },
        ],
        report.summary.excluded.map((i) => [i.dimension, `${i.question}: ${i.title}`, i.status, i.reason]),
      );
    }
  }
  answers(doc, report);
  finishPages(doc, report.footer);
  doc.end();
  return doc;
}
