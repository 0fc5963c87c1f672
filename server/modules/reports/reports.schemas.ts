import { Type, type Static } from "typebox";
import { locales } from "../common.schemas.ts";

// Query strings are checked here, so that a bad parameter is a 400 naming it before any row is read.

const Flag = Type.Enum(["0", "1"]);
const Lang = Type.Enum([...locales]);

const exportFields = {
  questionnaireId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** 1: choice labels instead of values. */
  labels: Type.Optional(Flag),
  /** The language of labels, headings in words and the codebook's own words (default en). */
  lang: Type.Optional(Lang),
  /** `labels`: the heading row in words (question texts, Sapat's columns from the catalogue) instead of keys. */
  headers: Type.Optional(Type.Enum(["keys", "labels"])),
  /** 1: one 0/1 column per checkbox choice, `<path>=<value>`. */
  choiceColumns: Type.Optional(Flag),
  /** `all` includes drafts. */
  status: Type.Optional(Type.Enum(["submitted", "all"])),
};

export const CsvExportQuery = Type.Object(
  { ...exportFields, /** 1: a UTF-8 byte order mark first, for Excel. */ bom: Type.Optional(Flag) },
  { additionalProperties: false },
);
export type CsvExportQuery = Static<typeof CsvExportQuery>;

export const XlsxExportQuery = Type.Object(exportFields, { additionalProperties: false });
export type XlsxExportQuery = Static<typeof XlsxExportQuery>;

export const AggregateReportQuery = Type.Object(
  {
    questionnaireId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    lang: Type.Optional(Lang),
    basis: Type.Optional(Type.Enum(["self", "verified"])),
  },
  { additionalProperties: false },
);
export type AggregateReportQuery = Static<typeof AggregateReportQuery>;

/** The evaluator's text of the aggregate report; null (or "") clears a part. */
export const maxReportText = 50_000;
export const ReportTextBody = Type.Object(
  {
    conclusions: Type.Union([Type.String({ maxLength: maxReportText }), Type.Null()]),
    recommendations: Type.Union([Type.String({ maxLength: maxReportText }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ReportTextBody = Static<typeof ReportTextBody>;
