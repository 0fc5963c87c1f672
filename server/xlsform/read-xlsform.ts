import { inWords } from "../i18n/details.ts";
import type ExcelJS from "exceljs";
import { XlsformError, type XlsformProblem } from "./xlsform-error.ts";

// An XLSForm workbook read into plain rows that remember where each cell came from, so that every later
// refusal can name the sheet, row and column the author has to fix.

export interface XlsformCell {
  value: string;
  /** The column's header as written (e.g. `label::Русский (ru)`). */
  column: string;
}

export interface XlsformRow {
  sheet: string;
  /** 1-based, as a spreadsheet shows it. */
  row: number;
  /** Keyed by the normalised header: lower case, spaces as `_`, known aliases resolved; `::` suffix kept. */
  cells: Map<string, XlsformCell>;
}

export interface XlsformSheets {
  survey: XlsformRow[];
  choices: XlsformRow[];
  settings: XlsformRow[];
  /** `sapat_dimensions`: the scoring model's dimensions (docs/scoring.md). */
  dimensions: XlsformRow[];
}

const sheetKeys = {
  survey: "survey",
  choices: "choices",
  settings: "settings",
  sapat_dimensions: "dimensions",
} as const;

// Names older forms and pyxform accept for the same column.
const headerAliases: Record<string, string> = {
  list_name: "list_name",
  "list name": "list_name",
  relevance: "relevant",
  caption: "label",
  constraint_message: "constraint_message",
  "constraint message": "constraint_message",
  "required message": "required_message",
  readonly: "read_only",
  "read only": "read_only",
  calculate: "calculation",
};

/** `Label::English (en)` -> `label::English (en)`; `Relevance` -> `relevant`. */
export function normalizeHeader(header: string): string {
  const trimmed = header.trim();
  const split = trimmed.indexOf("::");
  const base = (split === -1 ? trimmed : trimmed.slice(0, split)).trim().toLowerCase();
  const resolved = headerAliases[base] ?? base.replace(/\s+/g, "_");
  return split === -1 ? resolved : `${resolved}::${trimmed.slice(split + 2).trim()}`;
}

function isoDate(date: Date): string {
  return date.toISOString().endsWith("T00:00:00.000Z") ? date.toISOString().slice(0, 10) : date.toISOString();
}

/** The text a cell shows, whatever exceljs made of it (rich text, formulas, hyperlinks, dates). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if ("formula" in value || "sharedFormula" in value)
      return cellText((value as { result?: ExcelJS.CellValue }).result);
    if ("text" in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ("error" in value) return "";
  }
  return String(value);
}

function readSheet(sheet: ExcelJS.Worksheet, name: string, problems: XlsformProblem[]): XlsformRow[] {
  let headers: Array<{ key: string; column: string } | null> | null = null;
  const rows: XlsformRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    if (!headers) {
      const seen = new Set<string>();
      headers = values.map((v) => {
        const text = cellText(v);
        if (!text) return null;
        const key = normalizeHeader(text);
        if (seen.has(key)) {
          problems.push({
            sheet: name,
            row: rowNumber,
            column: text,
            ...inWords("xlsform.columnTwice", { column: text }),
          });
        }
        seen.add(key);
        return { key, column: text };
      });
      return;
    }
    const cells = new Map<string, XlsformCell>();
    values.forEach((v, i) => {
      const header = headers![i];
      const text = cellText(v);
      if (header && text !== "") cells.set(header.key, { value: text, column: header.column });
    });
    if (cells.size > 0) rows.push({ sheet: name, row: rowNumber, cells });
  });
  return rows;
}

/** Reads the sheets an XLSForm is made of; other sheets are ignored. exceljs is loaded on first use. */
export async function readXlsform(bytes: Uint8Array): Promise<XlsformSheets> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new XlsformError("The file is not an .xlsx workbook", [
      { sheet: "", row: 0, ...inWords("xlsform.notWorkbook") },
    ]);
  }
  const problems: XlsformProblem[] = [];
  const sheets: XlsformSheets = { survey: [], choices: [], settings: [], dimensions: [] };
  let hasSurvey = false;
  workbook.eachSheet((sheet) => {
    const key = sheetKeys[sheet.name.trim().toLowerCase() as keyof typeof sheetKeys];
    if (!key) return;
    if (key === "survey") hasSurvey = true;
    sheets[key] = readSheet(sheet, sheet.name, problems);
  });
  if (!hasSurvey) problems.push({ sheet: "survey", row: 0, ...inWords("xlsform.noSurveySheet") });
  if (problems.length > 0) throw new XlsformError("The XLSForm cannot be read", problems);
  return sheets;
}
