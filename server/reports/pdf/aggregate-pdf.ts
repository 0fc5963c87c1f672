import type { AggregateReport, StatsRow } from "../aggregate-report.ts";
import { bandColours, notScoredColour } from "../../scoring/bands.ts";
import { tint } from "../report-labels.ts";
import {
  barChart,
  contentWidth,
  createPdf,
  ensureSpace,
  facts,
  finishPages,
  heading,
  paragraph,
  table,
  type Pdf,
  type TableColumn,
} from "./layout.ts";

// The aggregate report as a PDF (same content as the printable HTML page).

function statsTable(doc: Pdf, header: string[], rows: StatsRow[], firstWidth = 0.42): void {
  const rest = (1 - firstWidth) / Math.max(1, header.length - 1);
  const columns: TableColumn[] = header.map((h, i) =>
    i === 0 ? { header: h, width: firstWidth } : { header: h, width: rest, align: "right" },
  );
  // A little smaller rather than a few rows over on the next page (longer languages).
  table(
    doc,
    columns,
    rows.map((r) => [r.label, ...r.cells]),
    { shrinkToFit: 7 },
  );
}

/** Blank ruled lines, for conclusions still to be written by hand on a printout. */
function ruledSpace(doc: Pdf, lines: number): void {
  const left = doc.page.margins.left;
  for (let i = 0; i < lines; i++) {
    ensureSpace(doc, 20);
    const y = doc.y + 16;
    doc
      .moveTo(left, y)
      .lineTo(left + contentWidth(doc), y)
      .lineWidth(0.3)
      .strokeColor("#bbbbbb")
      .stroke();
    doc.y = y + 2;
  }
  doc.moveDown(0.5);
}

function writtenText(doc: Pdf, text: string | null, placeholder: string): void {
  if (text && text.trim() !== "") {
    for (const block of text.split(/\n{2,}/)) {
      paragraph(doc, block.trim());
      doc.moveDown(0.4);
    }
  } else {
    paragraph(doc, placeholder, { colour: "#777777" });
    ruledSpace(doc, 8);
  }
}

export function renderAggregatePdf(report: AggregateReport): Pdf {
  const doc = createPdf({ title: report.title });
  const { t } = report.words;

  // cover
  doc.moveDown(6);
  heading(doc, report.title, 1);
  facts(doc, report.cover);

  doc.addPage();
  heading(doc, t.method, 1);
  facts(doc, report.method);
  paragraph(doc, report.methodNote, { size: 8, colour: "#555555" });
  paragraph(doc, t.scale, { size: 8, colour: "#555555" });

  if (report.cohort) {
    heading(doc, t.cohort, 1);
    barChart(doc, report.cohort.bars, [], report.words);
    statsTable(doc, report.cohort.header, report.cohort.rows);
  } else if (report.scored) {
    paragraph(doc, t.noResponses);
  }

  if (report.organisationHeatmap) {
    doc.addPage();
    heading(doc, t.heatmapOrganisations, 1);
    const { header, rows } = report.organisationHeatmap;
    const first = 0.22;
    const rest = (1 - first) / Math.max(1, header.length - 1);
    table(
      doc,
      header.map((h, i) =>
        i === 0 ? { header: h, width: first } : { header: h, width: rest, align: "center" as const },
      ),
      rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
      {
        fontSize: 7.5,
        fill: (row, column) => {
          if (column === 0) return null;
          const cell = rows[row]?.cells[column - 1];
          return cell?.band ? (bandColours[cell.band] ?? notScoredColour) : notScoredColour;
        },
      },
    );
    paragraph(doc, t.legend, { size: 8, colour: "#555555" });
  }

  if (report.itemHeatmap) {
    heading(doc, t.heatmapItems, 1);
    const { header, rows } = report.itemHeatmap;
    const max = Math.max(1, ...rows.map((r) => r.answered));
    const levelColours = [bandColours.Nascent, bandColours.Emerging, bandColours.Expanding, bandColours.Mature];
    table(
      doc,
      header.map((h, i) =>
        i === 0
          ? { header: h, width: 0.44 }
          : { header: h, width: 0.56 / (header.length - 1), align: i === 1 ? ("left" as const) : ("center" as const) },
      ),
      rows.map((r) => [r.label, r.dimension, String(r.answered), ...r.counts.map(String)]),
      {
        fontSize: 7.5,
        fill: (row, column) => {
          const count = rows[row]?.counts[column - 3];
          if (column < 3 || count === undefined || count === 0) return null;
          return tint(levelColours[column - 3] ?? notScoredColour, count / max);
        },
      },
    );
  }

  if (report.regional) {
    heading(doc, t.regional, 1);
    statsTable(doc, report.regional.header, report.regional.rows, 0.22);
  }

  for (const page of report.organisations) {
    doc.addPage();
    heading(doc, page.name, 1);
    paragraph(doc, page.facts.map(([label, value]) => `${label}: ${value}`).join(" · "), {
      size: 8.5,
      colour: "#333333",
    });
    if (page.bars.length > 0) {
      heading(doc, t.profile, 3);
      barChart(doc, page.bars, page.legend, report.words, { barHeight: 7 });
      facts(doc, page.summary);
    }
    if (page.keyFigures.length > 0) {
      heading(doc, t.keyFigures, 3);
      table(
        doc,
        [
          { header: "", width: 0.84 },
          { header: "", width: 0.16, align: "right" },
        ],
        page.keyFigures,
        { fontSize: 7.5, header: false, shrinkToFit: 6, continued: `${page.name} · ${t.keyFigures}` },
      );
    }
  }

  doc.addPage();
  heading(doc, t.change, 1);
  if (report.change) {
    if (report.changeNote) paragraph(doc, report.changeNote, { size: 9, colour: "#555555" });
    statsTable(doc, report.change.header, report.change.summary, 0.3);
    if (report.change.organisations.length > 0)
      statsTable(doc, report.change.organisationHeader, report.change.organisations, 0.4);
  } else {
    paragraph(doc, report.changeNote ?? t.noBaseline, { colour: "#555555" });
  }

  heading(doc, t.conclusions, 1);
  writtenText(doc, report.conclusions, t.toBeWritten);
  heading(doc, t.recommendations, 1);
  writtenText(doc, report.recommendations, t.toBeWritten);

  finishPages(doc, report.footer);
  doc.end();
  return doc;
}
