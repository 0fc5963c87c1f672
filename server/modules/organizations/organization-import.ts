import { CsvError, parse } from "csv-parse/sync";
import type { Organization, OrganizationUpdate } from "../../db/schema.ts";
import { organizationKinds, type OrganizationKind } from "../../value-lists.ts";
import { locales } from "../common.schemas.ts";
import type { ImportRow } from "./organizations.schemas.ts";
import { isSingleMailbox } from "./email-address.ts";
import { sayIn, said, type DetailKey, type DetailValue } from "../../i18n/details.ts";

// Reading an organisations CSV and deciding, line by line, what importing it would do. Pure: the service loads
// the existing organisations and writes the plan. Its messages are in `lang`, the language of the one importing.

const wordsIn = (lang: string) => (key: DetailKey, values?: Record<string, DetailValue>) =>
  sayIn(lang, said(key, values));

type Locale = (typeof locales)[number];

export const importFields = [
  "name",
  "kind",
  "region",
  "district",
  "orgType",
  "contactName",
  "email",
  "locale",
] as const;
export type ImportField = (typeof importFields)[number];

/** Header names people use, compared without case, spaces, dashes, underscores or dots. */
const headerAliases: Record<ImportField, string[]> = {
  name: ["name", "organization", "organisation", "organizationname", "organisationname", "название", "наименование"],
  kind: ["kind"],
  region: ["region", "oblast", "регион", "область"],
  district: ["district", "rayon", "район"],
  orgType: ["orgtype", "organizationtype", "organisationtype", "типорганизации"],
  contactName: ["contact", "contactname", "contactperson", "контакт", "контактноелицо"],
  email: ["email", "mail", "emailaddress", "почта", "электроннаяпочта"],
  locale: ["language", "locale", "lang", "язык", "тил"],
};

const maxLengths: Record<ImportField, number> = {
  name: 300,
  kind: 50,
  region: 100,
  district: 100,
  orgType: 100,
  contactName: 200,
  email: 254,
  locale: 50,
};

const kindAliases: Record<string, OrganizationKind> = {
  ...Object.fromEntries(organizationKinds.map((k) => [k, k])),
  gov: "government",
  нко: "ngo",
  нпо: "ngo",
  государственная: "government",
  государственный: "government",
  госорган: "government",
  бенефициар: "beneficiary",
  другое: "other",
};

const localeAliases: Record<string, Locale> = {
  ...Object.fromEntries(locales.map((l) => [l, l])),
  eng: "en",
  english: "en",
  английский: "en",
  англисче: "en",
  rus: "ru",
  russian: "ru",
  русский: "ru",
  орусча: "ru",
  kg: "ky",
  kir: "ky",
  kyr: "ky",
  kyrgyz: "ky",
  kirghiz: "ky",
  кыргызча: "ky",
  кыргыз: "ky",
  кыргызский: "ky",
  киргизский: "ky",
};

/** Own keys only: a cell saying "constructor" or "__proto__" must not find what Object.prototype has. */
const aliasOf = <T>(aliases: Record<string, T>, key: string): T | null =>
  Object.hasOwn(aliases, key) ? aliases[key]! : null;

export interface ImportError {
  line: number;
  column?: ImportField;
  message: string;
}

export interface CsvLine {
  line: number;
  /** Trimmed cells of the known columns; a column the file does not have is absent. */
  cells: Partial<Record<ImportField, string>>;
}

export interface ParsedCsv {
  /** The header text of each known column, as written in the file. */
  headers: Partial<Record<ImportField, string>>;
  ignoredColumns: string[];
  lines: CsvLine[];
  /** Errors that concern the whole file (header, quoting): no line can be imported. */
  fileErrors: ImportError[];
}

const normalizeHeader = (header: string) =>
  header
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s_.-]+/g, "");

/** The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes (`,` on a tie). */
function detectDelimiter(text: string): string {
  const counts = new Map([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === "\n" && !quoted) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** Reads the CSV text; line numbers are those of the file, the header being line 1. */
export function parseOrganizationCsv(source: string, lang = "en"): ParsedCsv {
  const say = wordsIn(lang);
  const result: ParsedCsv = { headers: {}, ignoredColumns: [], lines: [], fileErrors: [] };
  // One kind of line break, so that line numbers count the lines a person sees.
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.trim()) {
    result.fileErrors.push({
      line: 1,
      message: say("import.fileEmpty"),
    });
    return result;
  }
  let records: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    // With `info` and `raw`, each record comes as {record, raw, info}; the typings only know plain arrays.
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" && error.lines > 0 ? error.lines : 1;
    result.fileErrors.push({ line, message: say("import.notCsv", { reason: error.message }) });
    return result;
  }
  // `info.lines` is the line where a record ends; a quoted cell may span lines, and skipped blank lines lead `raw`.
  const startLine = (r: { raw: string; info: { lines: number } }) => {
    const body = r.raw.replace(/^\n+/, "").replace(/\n$/, "");
    return r.info.lines - (body.match(/\n/g)?.length ?? 0);
  };

  const [header, ...rows] = records;
  if (!header) return result;
  const headerLine = startLine(header);
  const columnOf = new Map<number, ImportField>();
  header.record.forEach((text, index) => {
    const key = normalizeHeader(text);
    const field = importFields.find((f) => headerAliases[f].includes(key));
    if (!field) {
      if (text) result.ignoredColumns.push(text);
      return;
    }
    if (result.headers[field] !== undefined) {
      result.fileErrors.push({
        line: headerLine,
        column: field,
        message: say("import.twoColumns", { first: result.headers[field], second: text, field }),
      });
      return;
    }
    result.headers[field] = text;
    columnOf.set(index, field);
  });
  for (const required of ["name", "region"] as const) {
    if (result.headers[required] === undefined) {
      result.fileErrors.push({
        line: headerLine,
        column: required,
        message: say("import.noColumn", { column: required, columns: header.record.join(", ") }),
      });
    }
  }
  for (const row of rows) {
    const cells: CsvLine["cells"] = {};
    row.record.forEach((value, index) => {
      const field = columnOf.get(index);
      if (field) cells[field] = value;
    });
    result.lines.push({ line: startLine(row), cells });
  }
  return result;
}

/** A line's values as they would be stored; null where the file gives nothing. */
export interface ImportValues {
  name: string | null;
  kind: OrganizationKind | null;
  region: string | null;
  district: string | null;
  orgType: string | null;
  contactName: string | null;
  email: string | null;
  locale: Locale | null;
}

export function readImportLine(
  csvLine: CsvLine,
  headers: ParsedCsv["headers"],
  lang = "en",
): { values: ImportValues; errors: ImportError[] } {
  const say = wordsIn(lang);
  const errors: ImportError[] = [];
  const fail = (column: ImportField, message: string) =>
    errors.push({ line: csvLine.line, column, message: `${headers[column] ?? column}: ${message}` });
  const cell = (field: ImportField): string | null => {
    const value = csvLine.cells[field]?.normalize("NFC").trim() ?? "";
    if (!value) return null;
    if (value.length > maxLengths[field]) {
      fail(field, say("schema.maxLength", { count: maxLengths[field] }));
      return null;
    }
    return value;
  };
  const values: ImportValues = {
    name: cell("name"),
    kind: null,
    region: cell("region"),
    district: cell("district"),
    orgType: cell("orgType"),
    contactName: cell("contactName"),
    email: null,
    locale: null,
  };
  if (values.name === null && !errors.some((e) => e.column === "name")) fail("name", say("import.missing"));
  if (values.region === null && !errors.some((e) => e.column === "region")) fail("region", say("import.missing"));
  const kind = cell("kind");
  if (kind !== null) {
    values.kind = aliasOf(kindAliases, kind.toLowerCase());
    if (!values.kind) fail("kind", say("import.notOneOf", { value: kind, values: organizationKinds.join(", ") }));
  }
  const email = cell("email");
  if (email !== null) {
    if (isSingleMailbox(email)) values.email = email.toLowerCase();
    else fail("email", say("import.notMailbox", { value: email }));
  }
  const locale = cell("locale");
  if (locale !== null) {
    const key = locale.toLowerCase();
    values.locale = aliasOf(localeAliases, key) ?? aliasOf(localeAliases, key.split(/[-_]/)[0]!);
    if (!values.locale) fail("locale", say("import.notLanguage", { value: locale }));
  }
  return { values, errors };
}

const columnsOf = {
  name: "name",
  kind: "kind",
  region: "region",
  district: "district",
  orgType: "org_type",
  contactName: "contact_name",
  email: "email",
  locale: "locale",
} as const satisfies Record<ImportField, keyof Organization>;

export interface PlannedLine {
  row: ImportRow;
  /** For a create: every field; for an update: only the fields that change. */
  changes: Partial<ImportValues>;
  matchId: number | null;
}

export interface ImportPlan {
  ignoredColumns: string[];
  errors: ImportError[];
  lines: PlannedLine[];
}

const nameRegionKey = (name: string, region: string) => `${name.normalize("NFC")}\u0000${region.normalize("NFC")}`;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  map.set(key, [...(map.get(key) ?? []), value]);
}

/**
 * Decides what importing the file does to the existing organisations. A line matches an organisation by its email
 * (case-insensitive); failing that, by exact name and region (when the line has an email, only an organisation
 * without one can match that way: one with another email is another organisation). An empty cell leaves the
 * stored value as it is. Two lines about the same organisation are an error on the later one.
 */
export function planImport(parsed: ParsedCsv, existing: Organization[], lang = "en"): ImportPlan {
  const say = wordsIn(lang);
  const plan: ImportPlan = { ignoredColumns: parsed.ignoredColumns, errors: [...parsed.fileErrors], lines: [] };
  // Until the header is right, the lines cannot be read: report only what is wrong with the file.
  if (parsed.fileErrors.length > 0) return plan;
  const byEmail = new Map<string, Organization[]>();
  const byNameRegion = new Map<string, Organization[]>();
  for (const org of existing) {
    if (org.email) pushTo(byEmail, org.email.toLowerCase(), org);
    pushTo(byNameRegion, nameRegionKey(org.name, org.region), org);
  }
  const emailLines = new Map<string, number>();
  const nameRegionLines = new Map<string, { line: number; hasEmail: boolean }>();
  const matchLines = new Map<number, number>();

  for (const csvLine of parsed.lines) {
    const { values, errors } = readImportLine(csvLine, parsed.headers, lang);
    const line = csvLine.line;
    const fail = (column: ImportField, message: string) =>
      errors.push({ line, column, message: `${parsed.headers[column] ?? column}: ${message}` });

    let match: Organization | null = null;
    if (values.email) {
      const found = byEmail.get(values.email) ?? [];
      if (found.length > 1) fail("email", say("import.emailShared", { count: found.length, email: values.email }));
      match = found.length === 1 ? found[0]! : null;
    }
    if (!match && values.name && values.region && !errors.some((e) => e.column === "email")) {
      const found = (byNameRegion.get(nameRegionKey(values.name, values.region)) ?? []).filter(
        (o) => !values.email || !o.email,
      );
      if (found.length > 1) {
        fail("name", say("import.nameShared", { count: found.length, name: values.name, region: values.region }));
      }
      match = found.length === 1 ? found[0]! : null;
    }

    const sameName = values.name && values.region && nameRegionLines.get(nameRegionKey(values.name, values.region));
    const earlier =
      (values.email ? emailLines.get(values.email) : undefined) ??
      (match ? matchLines.get(match.id) : undefined) ??
      (sameName && (!sameName.hasEmail || !values.email) ? sameName.line : undefined);
    if (earlier !== undefined) {
      errors.push({ line, message: say("import.sameAsLine", { line: earlier }) });
    }
    if (values.email && !emailLines.has(values.email)) emailLines.set(values.email, line);
    if (match && !matchLines.has(match.id)) matchLines.set(match.id, line);
    if (values.name && values.region) {
      const key = nameRegionKey(values.name, values.region);
      if (!nameRegionLines.has(key)) nameRegionLines.set(key, { line, hasEmail: values.email !== null });
    }

    if (errors.length > 0) {
      plan.errors.push(...errors);
      plan.lines.push({
        row: {
          line,
          action: "error",
          ...rawValues(csvLine),
          messages: errors.map((e) => e.message),
        },
        changes: {},
        matchId: null,
      });
      continue;
    }

    if (!match) {
      const created: ImportValues = { ...values, kind: values.kind ?? "ngo" };
      plan.lines.push({
        row: { line, action: "create", ...created, name: created.name! },
        changes: created,
        matchId: null,
      });
      continue;
    }

    const changes: Partial<ImportValues> = {};
    for (const field of importFields) {
      const value = values[field];
      if (value !== null && value !== match[columnsOf[field]]) Object.assign(changes, { [field]: value });
    }
    const changed = Object.keys(changes);
    plan.lines.push({
      row: {
        line,
        action: changed.length > 0 ? "update" : "unchanged",
        organizationId: match.id,
        name: changes.name ?? match.name,
        kind: changes.kind ?? match.kind,
        region: changes.region ?? match.region,
        district: changes.district ?? match.district,
        orgType: changes.orgType ?? match.org_type,
        contactName: changes.contactName ?? match.contact_name,
        email: changes.email ?? match.email,
        locale: changes.locale ?? match.locale,
        ...(changed.length > 0 ? { changes: changed } : {}),
      },
      changes,
      matchId: match.id,
    });
  }
  plan.errors.sort((a, b) => a.line - b.line);
  return plan;
}

function rawValues(csvLine: CsvLine) {
  const raw = (field: ImportField) => csvLine.cells[field]?.trim() || null;
  return {
    name: raw("name") ?? "",
    kind: raw("kind"),
    region: raw("region"),
    district: raw("district"),
    orgType: raw("orgType"),
    contactName: raw("contactName"),
    email: raw("email"),
    locale: raw("locale"),
  };
}

/** The stored columns of import values; fields that are absent stay absent. */
export function toOrganizationColumns(values: Partial<ImportValues>): OrganizationUpdate {
  const columns: OrganizationUpdate = {};
  for (const field of importFields) {
    if (values[field] !== undefined) Object.assign(columns, { [columnsOf[field]]: values[field] });
  }
  return columns;
}
