import { AppError, badRequest, unprocessable, type ErrorDetail } from "../../errors.ts";
import { surveyToXlsform } from "../../xlsform/from-surveyjs.ts";
import { readXlsform } from "../../xlsform/read-xlsform.ts";
import { convertXlsform, type Conversion } from "../../xlsform/to-surveyjs.ts";
import { writeXlsform } from "../../xlsform/write-xlsform.ts";
import { XlsformError } from "../../xlsform/xlsform-error.ts";
import type { QuestionnaireCatalogue } from "./questionnaire-catalogue.ts";
import type { Db } from "../../db/database.ts";
import type { Role } from "../../value-lists.ts";
import type { Commit } from "../../db/transaction.ts";
import { inWords } from "../../i18n/details.ts";

const scoreColumns: Record<string, string> = {
  dimension: "sapat_dimension",
  rule: "sapat_rule",
  weight: "sapat_weight",
  applicableIf: "sapat_relevant",
};

/** A lint problem of the converted questionnaire, pointed back at the spreadsheet row it came from. */
function placeLintIssue(issue: ErrorDetail, places: Conversion["places"]): ErrorDetail {
  const field = issue.field ?? issue.question ?? "";
  const name = field.split(".")[0] ?? "";
  const place = places.get(name);
  if (place) {
    const scoreKey = /\.score\.(\w+)/.exec(field)?.[1];
    const column = scoreKey ? (scoreColumns[scoreKey] ?? "sapat_rule") : undefined;
    return { ...issue, sheet: place.sheet, row: place.row, ...(column ? { column } : {}) };
  }
  if (field.startsWith("scoring.dimensions")) return { ...issue, sheet: "sapat_dimensions", row: 0 };
  if (field.startsWith("scoring")) return { ...issue, sheet: "settings", row: 0 };
  return { ...issue, sheet: "survey", row: 0 };
}

/**
 * Converts an XLSForm and stores it through the catalogue, like any uploaded questionnaire. The id is the
 * `?id=` given, else the form's form_id.
 */
export async function importXlsform(
  catalogue: QuestionnaireCatalogue,
  bytes: Buffer,
  requestedId: string | undefined,
  publisher: { id: number; role: Role },
  commit: Commit,
) {
  let conversion: Conversion;
  try {
    conversion = convertXlsform(await readXlsform(bytes));
  } catch (error) {
    if (error instanceof XlsformError) throw unprocessable("invalid_xlsform", error.message, error.problems);
    throw error;
  }
  const id = requestedId ?? conversion.formId ?? undefined;
  if (!id) throw badRequest("Give the questionnaire id", [{ field: "id", ...inWords("questionnaire.idForXlsform") }]);
  try {
    const checked = await catalogue.check(id, conversion.json, "upload");
    const stored = await commit((trx) => catalogue.store(trx, checked, publisher));
    return { ...stored, warnings: conversion.warnings };
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 422) {
      throw unprocessable(
        error.code,
        error.message,
        error.details.map((d) => placeLintIssue(d, conversion.places)),
      );
    }
    throw error;
  }
}

/** A stored version as an XLSForm workbook. */
export async function exportXlsform(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  id: string,
  version: number,
): Promise<Buffer> {
  const row = await catalogue.get(db, id, version);
  return writeXlsform(surveyToXlsform(JSON.parse(row.json), row.id, row.version));
}
