import { describeRule } from "../scoring/score-response.ts";
import type { ItemDefinition, ScoringModel } from "../scoring/scoring-model.ts";
import { columnText, type AnswerColumn, type CellValue } from "./export-columns.ts";
import { textIn } from "./localized-text.ts";

// The codebook sheet of the XLSX: what each column of the other sheets holds, in every language of the
// questionnaire, with the choices (value = label) and the scoring rule of scored questions.

const fixedDescriptions: Record<string, string> = {
  response_id: "Response id (the key of every sheet)",
  organization: "Organisation name",
  region: "Organisation region",
  kind: "Organisation kind (ngo, government, beneficiary, other)",
  mode: "How the answers came in: link (the organisation's own link) or interview",
  status: "Response status: submitted or draft",
  submitted_at: "When the response was submitted (ISO-8601, UTC)",
  questionnaire_version: "The questionnaire version the response answered",
  index: "Which panel or row of the dynamic question (from 0)",
};

export function codebookKeys(languages: readonly string[]): string[] {
  return [
    "column",
    "sheet",
    "question",
    "type",
    ...languages.map((l) => `text_${l}`),
    ...languages.map((l) => `choices_${l}`),
    "scoring",
  ];
}

/** The scoring rule of a scored question in words: dimension, rule, weight, choice levels, applicability. */
export function describeScoring(item: ItemDefinition): string {
  const parts = [`dimension ${item.dimension}`, describeRule(item), `weight ${item.weight}`];
  if (item.rule === "choice") {
    const levels = Object.entries(item.choiceLevels).map(([value, level]) => `${value} -> ${level}`);
    if (levels.length > 0) parts.push(`levels ${levels.join(", ")}`);
  }
  if (item.applicableIf) parts.push(`applicable if ${item.applicableIf}`);
  return parts.join("; ");
}

function fixedRow(key: string, sheet: string, languages: readonly string[]): CellValue[] {
  const texts = languages.map((_, i) => (i === 0 ? (fixedDescriptions[key] ?? key) : null));
  return [key, sheet, null, "fixed", ...texts, ...languages.map(() => null), null];
}

function columnRow(column: AnswerColumn, sheet: string, languages: readonly string[]): CellValue[] {
  const choices = languages.map((lang) =>
    column.choices.length === 0
      ? null
      : column.choices.map((c) => `${String(c.value)} = ${textIn(c.text.text, lang) || c.text.fallback}`).join("\n"),
  );
  return [
    column.key,
    sheet,
    column.question,
    column.format === "flag" ? "choice flag (1 ticked, 0 not)" : column.type,
    ...languages.map((lang) => columnText(column, lang)),
    ...choices,
    column.scored ? describeScoring(column.scored) : null,
  ];
}

export interface CodebookSheet {
  sheet: string;
  /** The dynamic panel or matrix the sheet holds (a row of its own, before its columns). */
  question?: { name: string; type: string; texts: AnswerColumn["texts"] };
  /** Fixed columns described before the answer columns. */
  fixed: readonly string[];
  columns: readonly AnswerColumn[];
}

/** The codebook's rows: each sheet's columns, then the dimensions of the scoring model (the `scores` sheet). */
export function codebookRows(
  sheets: readonly CodebookSheet[],
  scoring: ScoringModel | null,
  languages: readonly string[],
): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const sheet of sheets) {
    if (sheet.question) {
      const { name, type, texts } = sheet.question;
      rows.push([
        name,
        sheet.sheet,
        name,
        `${type}: one row per ${type === "paneldynamic" ? "panel" : "row"}`,
        ...languages.map((lang) => columnText({ texts }, lang)),
        ...languages.map(() => null),
        null,
      ]);
    }
    for (const key of sheet.fixed) rows.push(fixedRow(key, sheet.sheet, languages));
    for (const column of sheet.columns) rows.push(columnRow(column, sheet.sheet, languages));
  }
  if (scoring) {
    const empty = languages.map(() => null);
    rows.push([
      "overall_level",
      "scores",
      null,
      "score",
      ...languages.map((_, i) => (i === 0 ? "Overall capacity level (1..4)" : null)),
      ...empty,
      `${scoring.id} v${scoring.version}: weighted mean of the scored dimensions' levels; scored when they carry ` +
        `at least ${scoring.minOverallCoverage} of the applicable dimension weight`,
    ]);
    for (const d of scoring.dimensions) {
      const items = scoring.items.filter((i) => i.dimension === d.id).map((i) => i.question);
      rows.push([
        `${d.id}_level`,
        "scores",
        null,
        "score",
        ...languages.map((lang) => textIn(d.title, lang) || d.id),
        ...empty,
        `weighted mean of the answered items' levels (${items.join(", ")}); weight ${d.weight}; scored when the ` +
          `answered items carry at least ${scoring.minCoverage} of the applicable item weight and number at least ` +
          `${scoring.minItems}` +
          (d.applicableIf ? `; applicable if ${d.applicableIf}` : ""),
      ]);
    }
  }
  return rows;
}
