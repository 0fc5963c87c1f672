import type { Said } from "./i18n/details.ts";

export interface ErrorDetail {
  field?: string;
  question?: string;
  /** A place in an uploaded spreadsheet (XLSForm import). */
  sheet?: string;
  row?: number;
  column?: string;
  /** In English; the answer says it in the request's language when `said` is there (server/i18n/details.ts). */
  message: string;
  said?: Said;
}

/** A failure the client caused or may act on; its message and details are safe to show. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** More keys for the error body, beside error, message and details (a 409 can carry the current copy). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new AppError(400, "invalid_request", message, details);
export const unauthorized = (code = "unauthorized", message = "Log in first") => new AppError(401, code, message);
export const forbidden = (code = "forbidden", message = "You may not do this") => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, "not_found", `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const gone = (code: string, message: string) => new AppError(410, code, message);
export const unprocessable = (code: string, message: string, details: ErrorDetail[]) =>
  new AppError(422, code, message, details);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(
    429,
    "rate_limited",
    `Too many attempts; try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s)`,
  );

/**
 * The database's answer when it cannot take a write. SQLite: the disk is full, the file (or its directory) is
 * read-only, or the storage fails. PostgreSQL: its disk is full (53100), it is a read-only standby (25006), it is
 * shutting down or starting (57P01-57P03), or the connection to it failed (class 08, refused). The transaction is
 * rolled back, so nothing of the request is stored.
 */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (/^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|NOLFS)/.test(code) ||
      /^(53100|25006|57P0[123]|08...|ECONNREFUSED|ECONNRESET)$/.test(code))
  );
}

/**
 * PostgreSQL refuses text with a NUL character (22021), which SQLite stores: no token, id or name of Sapat holds
 * one, so such a request is the client's mistake, not the server's.
 */
export function isUnstorableText(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "22021";
}

/** 503 `storage_unavailable`: the answer to any request whose write the database could not take. */
export const storageUnavailable = (reason = "disk full or read-only") =>
  new AppError(
    503,
    "storage_unavailable",
    `The database cannot store anything right now (${reason}); nothing was saved`,
  );
