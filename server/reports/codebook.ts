import { translatorFor } from "../i18n/translator.ts";
import { describeRule } from "../scoring/score-response.ts";
import type { ItemDefinition, ScoringModel } from "../scoring/scoring-model.ts";
import { columnText, type AnswerColumn, type CellValue } from "./export-columns.ts";
import { textIn } from "./localized-text.ts";

// The codebook sheet of the XLSX: what each column of the other sheets holds, in every language of the
// questionnaire, with the choices (value = label) and the scoring rule of scored questions. Sapat's own words
// (the fixed columns, types, scoring) come from the catalogue (reports.json, `export`) in the export's language.

type Translate = ReturnType<typeof translatorFor>;

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
export function describeScoring(item: ItemDefinition, t: Translate = translatorFor("en", "reports")): string {
  const parts = [
    t("export.dimension", { id: item.dimension }),
    describeRule(item),
    t("export.weight", { weight: item.weight }),
  ];
  if (item.rule === "choice") {
    const levels = Object.entries(item.choiceLevels).map(([value, level]) => `${value} -> ${level}`);
    if (levels.length > 0) parts.push(t("export.levels", { list: levels.join(", ") }));
  }
  if (item.applicableIf) parts.push(t("export.applicableIf", { condition: item.applicableIf }));
  return parts.join("; ");
}

function fixedRow(key: string, sheet: string, languages: readonly string[], t: Translate): CellValue[] {
  // Sapat's description in the export's language, under the questionnaire's first language.
  const texts = languages.map((_, i) => (i === 0 ? t(`export.describe.${key}`, { defaultValue: key }) : null));
  return [key, sheet, null, t("export.fixedType"), ...texts, ...languages.map(() => null), null];
}

function columnRow(column: AnswerColumn, sheet: string, languages: readonly string[], t: Translate): CellValue[] {
  const choices = languages.map((lang) =>
    column.choices.length === 0
      ? null
      : column.choices.map((c) => `${String(c.value)} = ${textIn(c.text.text, lang) || c.text.fallback}`).join("\n"),
  );
  return [
    column.key,
    sheet,
    column.question,
    column.format === "flag" ? t("export.choiceFlag") : column.type,
    ...languages.map((lang) => columnText(column, lang)),
    ...choices,
    column.scored ? describeScoring(column.scored, t) : null,
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

/**
 * The codebook's rows: each sheet's columns, then the dimensions of the scoring model (the `scores` sheet).
 * `lang` is the export's language, for Sapat's own words; the questionnaire's texts come in each of `languages`.
 */
export function codebookRows(
  sheets: readonly CodebookSheet[],
  scoring: ScoringModel | null,
  languages: readonly string[],
  lang = "en",
): CellValue[][] {
  const t = translatorFor(lang, "reports");
  const rows: CellValue[][] = [];
  for (const sheet of sheets) {
    if (sheet.question) {
      const { name, type, texts } = sheet.question;
      rows.push([
        name,
        sheet.sheet,
        name,
        t(type === "paneldynamic" ? "export.panelRows" : "export.matrixRows", { type }),
        ...languages.map((lang) => columnText({ texts }, lang)),
        ...languages.map(() => null),
        null,
      ]);
    }
    for (const key of sheet.fixed) rows.push(fixedRow(key, sheet.sheet, languages, t));
    for (const column of sheet.columns) rows.push(columnRow(column, sheet.sheet, languages, t));
  }
  if (scoring) {
    const empty = languages.map(() => null);
    rows.push([
      "overall_level",
      "scores",
      null,
      t("export.scoreType"),
      ...languages.map((_, i) => (i === 0 ? t("export.overallText") : null)),
      ...empty,
      t("export.overallRule", { model: `${scoring.id} v${scoring.version}`, share: scoring.minOverallCoverage }),
    ]);
    for (const d of scoring.dimensions) {
      const items = scoring.items.filter((i) => i.dimension === d.id).map((i) => i.question);
      rows.push([
        `${d.id}_level`,
        "scores",
        null,
        t("export.scoreType"),
        ...languages.map((l) => textIn(d.title, l) || d.id),
        ...empty,
        t("export.dimensionRule", {
          items: items.join(", "),
          weight: d.weight,
          share: scoring.minCoverage,
          min: scoring.minItems,
        }) + (d.applicableIf ? `; ${t("export.applicableIf", { condition: d.applicableIf })}` : ""),
      ]);
    }
  }
  return rows;
}
