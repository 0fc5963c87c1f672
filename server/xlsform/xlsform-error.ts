import type { Said } from "../i18n/details.ts";

/** A place in an XLSForm and what is wrong there; `row` 0 means the sheet as a whole. */
export interface XlsformProblem {
  sheet: string;
  row: number;
  column?: string;
  /** In English; `said` says it in the reader's language (server/i18n/details.ts). */
  message: string;
  said?: Said;
}

/** Why a form cannot be converted: every problem found, not only the first. */
export class XlsformError extends Error {
  constructor(
    message: string,
    readonly problems: XlsformProblem[],
  ) {
    super(message);
  }
}
