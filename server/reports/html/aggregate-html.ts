import { escapeHtml } from "../../escape-html.ts";
import type { AggregateReport, StatsRow } from "../aggregate-report.ts";
import type { Bar } from "../pdf/layout.ts";
import { bandColours, notScoredColour } from "../../scoring/bands.ts";
import { tint, type ReportWords } from "../report-labels.ts";

// The aggregate report as one printable HTML page: the same content as the PDF, charts as inline SVG, print CSS,
// no script and no external resource (the page is served with a CSP that allows neither).

const css = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 6pt; }
h2 { font-size: 14pt; margin: 14pt 0 6pt; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
section.page { break-before: page; page-break-before: always; }
section.cover { padding-top: 50mm; }
dl.facts { display: grid; grid-template-columns: 45mm 1fr; gap: 2pt 8pt; margin: 0 0 8pt; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 8.5pt; break-inside: auto; }
th, td { border-bottom: 0.5pt solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; }
td.heat { text-align: center; }
tr { break-inside: avoid; }
p.note { font-size: 8pt; color: #555; }
p.placeholder { color: #777; }
div.lines { height: 60mm; background: repeating-linear-gradient(#fff 0, #fff 7mm, #bbb 7mm, #bbb 7.3mm); }
svg { display: block; max-width: 100%; }
/* break-word, not anywhere: "anywhere" lets a column shrink below its longest word, and headers broke mid-word. */
table { table-layout: auto; overflow-wrap: break-word; }
th { overflow-wrap: normal; word-break: normal; }
thead { display: table-header-group; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.text { white-space: pre-wrap; }
@media screen { body { padding: 12mm; } section.page { border-top: 1px dashed #ccc; margin-top: 12mm; padding-top: 8mm; } }
`;

function factsList(pairs: ReadonlyArray<readonly [string, string]>): string {
  return `<dl class="facts">${pairs.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`;
}

function statsTable(header: string[], rows: StatsRow[]): string {
  const head = header.map((h, i) => `<th${i === 0 ? "" : ' class="num"'}>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.label)}</td>${r.cells.map((c) => `<td class="num">${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A horizontal bar chart of levels (1..4) as SVG; two bars per label are self (grey) and verified (band). */
export function barChartSvg(bars: readonly Bar[], legend: readonly string[], words: ReportWords): string {
  const labelWidth = 230;
  const width = 680;
  const plot = width - labelWidth - 50;
  const barHeight = 11;
  const series = Math.max(1, ...bars.map((b) => b.values.length));
  const group = series * (barHeight + 3) + 10;
  const top = 16;
  const height = top + bars.length * group + (legend.length > 0 ? 22 : 4);
  const x = (level: number) => labelWidth + ((level - 1) / 3) * plot;
  const parts: string[] = [];
  for (const level of [1, 2, 3, 4]) {
    parts.push(
      `<line x1="${x(level)}" y1="${top - 4}" x2="${x(level)}" y2="${top + bars.length * group}" stroke="#ccc" stroke-width="0.6"/>`,
    );
    parts.push(`<text x="${x(level)}" y="10" font-size="9" text-anchor="middle" fill="#555">${level}</text>`);
  }
  for (const cut of [1.75, 2.5, 3.25]) {
    parts.push(
      `<line x1="${x(cut)}" y1="${top - 4}" x2="${x(cut)}" y2="${top + bars.length * group}" stroke="#999" stroke-width="0.6" stroke-dasharray="2 2"/>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * group;
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + barHeight}" font-size="9.5" text-anchor="end">${escapeHtml(bar.label)}</text>`,
    );
    bar.values.forEach((v, j) => {
      const by = y + j * (barHeight + 3);
      if (v.level === null) {
        parts.push(`<rect x="${labelWidth}" y="${by}" width="${plot}" height="${barHeight}" fill="#f4f4f4"/>`);
        parts.push(
          `<text x="${labelWidth + 4}" y="${by + barHeight - 2}" font-size="8.5" fill="#666">${escapeHtml(v.note ?? words.t.notScored)}</text>`,
        );
      } else {
        const colour = j === 0 && bar.values.length > 1 ? "#9e9e9e" : (bandColours[v.band ?? ""] ?? notScoredColour);
        parts.push(
          `<rect x="${labelWidth}" y="${by}" width="${Math.max(1, x(v.level) - labelWidth).toFixed(1)}" height="${barHeight}" fill="${colour}"/>`,
        );
        parts.push(
          `<text x="${labelWidth + plot + 4}" y="${by + barHeight - 2}" font-size="8.5">${v.level.toFixed(2)}</text>`,
        );
      }
    });
  });
  let lx = labelWidth;
  legend.forEach((text, i) => {
    const y = top + bars.length * group + 8;
    parts.push(
      `<rect x="${lx}" y="${y}" width="10" height="8" fill="${i === 0 && legend.length > 1 ? "#9e9e9e" : bandColours.Expanding}"/>`,
    );
    parts.push(`<text x="${lx + 14}" y="${y + 8}" font-size="9" fill="#555">${escapeHtml(text)}</text>`);
    lx += 24 + text.length * 6;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" style="width:100%;height:auto" role="img">${parts.join("")}</svg>`;
}

function writtenText(text: string | null, placeholder: string): string {
  if (text && text.trim() !== "") return `<div class="text">${escapeHtml(text)}</div>`;
  return `<p class="placeholder">${escapeHtml(placeholder)}</p><div class="lines"></div>`;
}

export function renderAggregateHtml(report: AggregateReport): string {
  const { t } = report.words;
  const parts: string[] = [];
  parts.push(`<section class="cover"><h1>${escapeHtml(report.title)}</h1>${factsList(report.cover)}</section>`);

  parts.push(`<section class="page"><h1>${escapeHtml(t.method)}</h1>${factsList(report.method)}`);
  parts.push(`<p class="note">${escapeHtml(report.methodNote)}</p><p class="note">${escapeHtml(t.scale)}</p>`);
  if (report.cohort) {
    parts.push(`<h2>${escapeHtml(t.cohort)}</h2>${barChartSvg(report.cohort.bars, [], report.words)}`);
    parts.push(statsTable(report.cohort.header, report.cohort.rows));
  } else if (report.scored) {
    parts.push(`<p>${escapeHtml(t.noResponses)}</p>`);
  }
  parts.push(`</section>`);

  if (report.organisationHeatmap) {
    const { header, rows } = report.organisationHeatmap;
    parts.push(`<section class="page"><h1>${escapeHtml(t.heatmapOrganisations)}</h1><table><thead><tr>`);
    parts.push(header.map((h) => `<th>${escapeHtml(h)}</th>`).join(""));
    parts.push(`</tr></thead><tbody>`);
    for (const row of rows) {
      const cells = row.cells
        .map((c) => {
          const colour = c.band ? (bandColours[c.band] ?? notScoredColour) : notScoredColour;
          return `<td class="heat" style="background:${colour}">${escapeHtml(c.text)}</td>`;
        })
        .join("");
      parts.push(`<tr><td>${escapeHtml(row.label)}</td>${cells}</tr>`);
    }
    parts.push(`</tbody></table><p class="note">${escapeHtml(t.legend)}</p>`);
    if (report.itemHeatmap) {
      const items = report.itemHeatmap;
      const max = Math.max(1, ...items.rows.map((r) => r.answered));
      const colours = [bandColours.Nascent, bandColours.Emerging, bandColours.Expanding, bandColours.Mature];
      parts.push(`<h2>${escapeHtml(t.heatmapItems)}</h2><table><thead><tr>`);
      parts.push(items.header.map((h) => `<th>${escapeHtml(h)}</th>`).join(""));
      parts.push(`</tr></thead><tbody>`);
      for (const row of items.rows) {
        const counts = row.counts
          .map((n, i) => {
            const style = n > 0 ? ` style="background:${tint(colours[i] ?? notScoredColour, n / max)}"` : "";
            return `<td class="heat"${style}>${n}</td>`;
          })
          .join("");
        parts.push(
          `<tr><td>${escapeHtml(row.label)}</td><td>${escapeHtml(row.dimension)}</td><td class="num">${row.answered}</td>${counts}</tr>`,
        );
      }
      parts.push(`</tbody></table>`);
    }
    parts.push(`</section>`);
  }

  if (report.regional) {
    parts.push(`<section class="page"><h1>${escapeHtml(t.regional)}</h1>`);
    parts.push(statsTable(report.regional.header, report.regional.rows));
    parts.push(`</section>`);
  }

  for (const page of report.organisations) {
    parts.push(`<section class="page organisation"><h1>${escapeHtml(page.name)}</h1>${factsList(page.facts)}`);
    if (page.keyFigures.length > 0) {
      parts.push(`<h3>${escapeHtml(t.keyFigures)}</h3><table><tbody>`);
      for (const [label, value] of page.keyFigures) {
        parts.push(`<tr><td>${escapeHtml(label)}</td><td class="num">${escapeHtml(value)}</td></tr>`);
      }
      parts.push(`</tbody></table>`);
    }
    if (page.bars.length > 0) {
      parts.push(`<h3>${escapeHtml(t.profile)}</h3>${barChartSvg(page.bars, page.legend, report.words)}`);
      parts.push(factsList(page.summary));
    }
    parts.push(`</section>`);
  }

  parts.push(`<section class="page"><h1>${escapeHtml(t.change)}</h1>`);
  if (report.change) {
    if (report.changeNote) parts.push(`<p class="note">${escapeHtml(report.changeNote)}</p>`);
    parts.push(statsTable(report.change.header, report.change.summary));
    if (report.change.organisations.length > 0) {
      parts.push(statsTable(report.change.organisationHeader, report.change.organisations));
    }
  } else {
    parts.push(`<p class="placeholder">${escapeHtml(report.changeNote ?? t.noBaseline)}</p>`);
  }
  parts.push(`<h1>${escapeHtml(t.conclusions)}</h1>${writtenText(report.conclusions, t.toBeWritten)}`);
  parts.push(`<h1>${escapeHtml(t.recommendations)}</h1>${writtenText(report.recommendations, t.toBeWritten)}`);
  parts.push(`<p class="note">${escapeHtml(report.footer)}</p></section>`);

  return `<!doctype html>
<html lang="${escapeHtml(report.words.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)} · ${escapeHtml(report.cover[0]?.[1] ?? "")}</title>
<style>${css}</style>
</head>
<body>
${parts.join("\n")}
</body>
</html>
`;
}
