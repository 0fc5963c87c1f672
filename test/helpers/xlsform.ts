import ExcelJS from "exceljs";
import type { Session, TestApp } from "./build-app.ts";

export type SheetRows = Array<Array<string | number | null>>;
export type Workbook = Record<string, SheetRows>;

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Writes readable sheet arrays (first row: headers) as a real .xlsx file. */
export async function buildXlsx(sheets: Workbook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads every sheet of an .xlsx back as arrays of cell texts, without the leading empty cell exceljs keeps. */
export async function readXlsx(bytes: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v))));
    });
    out[sheet.name] = rows;
  });
  return out;
}

export function uploadXlsform(t: TestApp, session: Session | null, bytes: Buffer, id?: string) {
  return t.app.inject({
    method: "POST",
    url: `/api/questionnaires/xlsform${id ? `?id=${id}` : ""}`,
    payload: bytes,
    headers: { ...(session?.headers ?? {}), "content-type": xlsxType },
  });
}
