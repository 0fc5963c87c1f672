import { Type, type Static, type TSchema } from "typebox";

// Shapes shared by several modules: the HTTP contract's vocabulary. Modules import these, never each other's.

export const locales = ["en", "ru", "ky"] as const;
export const Locale = Type.Enum(locales);
export type Locale = Static<typeof Locale>;

export const IdView = Type.Object({ id: Type.Integer() });
export type IdView = Static<typeof IdView>;

/** A database id in the path; the path is text, and the schema (with coercion for the URL's parts) parses it. */
export const Id = Type.Integer({ minimum: 1, maximum: 9_999_999_999 });
export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/** A database id in a query string kept as text (a filter), and what the contract says an id, email or UUID looks like. */
export const idPattern = "^[1-9][0-9]{0,9}$";
export const emailPattern = "^[^\\s@]+@[^\\s@]+$";
export const uuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** The client makes an interview's or organisation's id (crypto.randomUUID()) so that it can save offline and replay safely. */
export const ClientIdParams = Type.Object({
  clientId: Type.String({ pattern: uuidPattern }),
});
export type ClientIdParams = Static<typeof ClientIdParams>;

/** A respondent's link token: the only credential of the respondent routes. */
export const TokenParams = Type.Object({ token: Type.String() });
export type TokenParams = Static<typeof TokenParams>;

export const Ok = Type.Object({ ok: Type.Boolean() });

/** One problem of an error answer. Open to more keys: an XLSForm problem names `sheet`, `row` and `column`. */
export const ErrorDetail = Type.Object(
  {
    field: Type.Optional(Type.String()),
    question: Type.Optional(Type.String()),
    sheet: Type.Optional(Type.String()),
    row: Type.Optional(Type.Integer()),
    column: Type.Optional(Type.String()),
    message: Type.String(),
  },
  { additionalProperties: true },
);

/**
 * Every error answer (server/plugins/errors.ts). Open to more keys: a 409 carries the current copy beside these,
 * and a response schema that closed them would drop it.
 */
export const ErrorBody = Type.Object(
  { error: Type.String(), message: Type.String(), details: Type.Array(ErrorDetail) },
  { additionalProperties: true },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** A route's answers: its successes as given, any client error and the hidden server error as ErrorBody. */
export function withErrors<Success extends Record<number, TSchema>>(success: Success) {
  return { ...success, "4xx": ErrorBody, "5xx": ErrorBody };
}

/** A file or stream answer (CSV, XLSX, PDF, HTML): its content type, for the published document. */
export function fileResponse(contentType: string, description: string) {
  return Type.Unsafe<unknown>({
    description,
    content: { [contentType]: { schema: { type: "string", format: "binary" } } },
  });
}
