import type { FastifyError } from "fastify";
import type { ErrorDetail } from "../errors.ts";
import { inWords, said, type DetailKey, type Said } from "../i18n/details.ts";
import { emailPattern, idPattern, uuidPattern } from "../modules/common.schemas.ts";

// A request that fails its schema, as details a person can act on in their language: one per field and problem,
// worded from the catalogue rather than ajv's English ("must NOT have fewer than 1 characters").

type SchemaError = NonNullable<FastifyError["validation"]>[number];

/** What a pattern of the contract means, for the fields that have one; others read "not in the expected form". */
const patternMeanings: Record<string, DetailKey> = {
  [idPattern]: "formats.id",
  [emailPattern]: "formats.email",
  [uuidPattern]: "formats.uuid",
};

const knownFormats = new Set(["date", "date-time", "email", "uuid"]);
const formatSaid = (name: string): Said =>
  knownFormats.has(name) ? said(`formats.${name}` as DetailKey) : said("formats.other", { name });
const typeSaid = (name: string): Said => said(`types.${name}` as DetailKey);

function fieldOf(error: SchemaError, context: string): string {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath.replace(/^\//, "").replaceAll("/", ".");
  const missing = typeof params.missingProperty === "string" ? params.missingProperty : null;
  const extra = typeof params.additionalProperty === "string" ? params.additionalProperty : null;
  return [path, missing ?? extra].filter(Boolean).join(".") || context;
}

/** The words of one failed keyword. */
function wordsOf(error: SchemaError): Said {
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  switch (error.keyword) {
    case "required":
      return said("schema.required");
    case "additionalProperties":
      return said("schema.unknownField");
    case "minLength":
      return limit === 1 ? said("schema.notEmpty") : said("schema.minLength", { count: limit });
    case "maxLength":
      return said("schema.maxLength", { count: limit });
    case "minItems":
      return limit === 1 ? said("schema.notEmpty") : said("schema.minItems", { count: limit });
    case "maxItems":
      return said("schema.maxItems", { count: limit });
    case "uniqueItems":
      return said("schema.uniqueItems");
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return said(`schema.${error.keyword}`, { limit });
    case "format":
      return said("schema.format", { format: formatSaid(String(params.format)) });
    case "pattern": {
      const meaning = patternMeanings[String(params.pattern)];
      return meaning ? said("schema.format", { format: said(meaning) }) : said("schema.pattern");
    }
    case "enum":
      return said("schema.oneOf", { values: (params.allowedValues as unknown[]).map(String).join(", ") });
    case "const":
      return said("schema.oneOf", { values: String(params.allowedValue) });
    case "type":
      return said("schema.type", { type: String(params.type).split(",").map(typeSaid) });
    case "minProperties":
      return said("schema.minProperties");
    default:
      return said("schema.invalid");
  }
}

/**
 * The words of a union (`anyOf`) that no branch accepted. A branch refused for its type is not what the sender
 * meant (`null` of a nullable text), unless every branch was: then the types allowed. Otherwise what the branches
 * of the sender's type found wrong, formats and constants gathered into one sentence ("a date or a date and time").
 */
function unionWords(branches: SchemaError[]): Said[] {
  const meant = branches.filter((e) => e.keyword !== "type" && e.keyword !== "anyOf");
  if (meant.length === 0) {
    const types = [...new Set(branches.flatMap((e) => String((e.params as { type: unknown }).type).split(",")))];
    return [said("schema.type", { type: types.map(typeSaid) })];
  }
  const words: Said[] = [];
  const formats = meant.filter((e) => e.keyword === "format");
  if (formats.length > 0) {
    const names = [...new Set(formats.map((e) => String((e.params as { format: unknown }).format)))];
    words.push(said("schema.format", { format: names.map(formatSaid) }));
  }
  const constants = meant.filter((e) => e.keyword === "const");
  if (constants.length > 0) {
    const values = constants.map((e) => String((e.params as { allowedValue: unknown }).allowedValue));
    words.push(said("schema.oneOf", { values: [...new Set(values)].join(", ") }));
  }
  for (const error of meant) if (error.keyword !== "format" && error.keyword !== "const") words.push(wordsOf(error));
  return words;
}

/** The details of a request refused by its schema (ajv's errors, all of them: `allErrors`). */
export function validationDetails(error: FastifyError): ErrorDetail[] {
  const errors = error.validation ?? [];
  const context = error.validationContext ?? "body";
  const unions = errors.filter((e) => e.keyword === "anyOf");
  // Branch errors of that union at that place (one union of an array's items fails once per item).
  const inUnion = (e: SchemaError, union: SchemaError) =>
    e.schemaPath.startsWith(`${union.schemaPath}/`) &&
    (e.instancePath === union.instancePath || e.instancePath.startsWith(`${union.instancePath}/`));
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  const add = (field: string, words: Said) => {
    const detail = { field, ...inWords(words.key, words.values) };
    const key = `${field}\u0000${detail.message}`;
    if (!seen.has(key)) details.push(detail);
    seen.add(key);
  };
  for (const e of errors) {
    if (unions.some((union) => union !== e && inUnion(e, union))) continue;
    if (e.keyword === "anyOf") {
      for (const words of unionWords(errors.filter((branch) => inUnion(branch, e)))) add(fieldOf(e, context), words);
    } else add(fieldOf(e, context), wordsOf(e));
  }
  return details;
}
