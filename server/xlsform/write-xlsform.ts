import type { XlsformSheetsOut } from "./from-surveyjs.ts";

/** The sheets as an .xlsx file; exceljs is loaded on first use, as for the exports. */
export async function writeXlsform(sheets: XlsformSheetsOut): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const order: Array<[string, XlsformSheetsOut[keyof XlsformSheetsOut]]> = [
    ["survey", sheets.survey],
    ["choices", sheets.choices],
    ["settings", sheets.settings],
    ["sapat_dimensions", sheets.sapat_dimensions],
    ["notes", sheets.notes],
  ];
  for (const [name, rows] of order) {
    if (!rows) continue;
    const sheet = workbook.addWorksheet(name);
    // Cells are always values: a label starting with "=" must not become a formula in Excel.
    for (const row of rows) sheet.addRow(row.map((cell) => (cell === "" ? null : cell)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
