/** A place in an XLSForm and what is wrong there; `row` 0 means the sheet as a whole. */
export interface XlsformProblem {
  sheet: string;
  row: number;
  column?: string;
  message: string;
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
