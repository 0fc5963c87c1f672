import { inWords } from "../i18n/details.ts";
import type { XlsformRow } from "./read-xlsform.ts";
import type { XlsformProblem } from "./xlsform-error.ts";

// XLSForm translations are columns `label::English (en)`; SurveyJS keeps a text's translations in one object
// `{default, ru, ...}`. The form's default language becomes `default`; the others their codes.

export type LocalizedText = string | Record<string, string>;

// Forms written before language codes were the norm say `label::English`; these names get their code.
const knownLanguageNames: Record<string, string> = {
  english: "en",
  russian: "ru",
  русский: "ru",
  kyrgyz: "ky",
  кыргызча: "ky",
  french: "fr",
  spanish: "es",
  portuguese: "pt",
  arabic: "ar",
  kazakh: "kk",
  uzbek: "uz",
  tajik: "tg",
  german: "de",
  chinese: "zh",
};

/** `English (en)` -> `en`; `English` -> `en` when the name is known; null otherwise. */
export function languageCode(language: string): string | null {
  const coded = /\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\)\s*$/.exec(language);
  if (coded) return coded[1]!.toLowerCase();
  return knownLanguageNames[language.trim().toLowerCase()] ?? null;
}

/** The column suffix of each language and the code it is stored under. */
export interface Languages {
  /** The `::` suffix whose text is the form's default (or null: the columns without a suffix are). */
  defaultSuffix: string | null;
  codes: Map<string, string>;
}

const translatable = ["label", "hint", "required_message", "constraint_message", "image", "audio", "video"];

/** Finds the languages used in the translatable columns of every sheet. */
export function readLanguages(
  rows: XlsformRow[],
  defaultLanguage: string | null,
  problems: XlsformProblem[],
): Languages {
  const codes = new Map<string, string>();
  let hasPlain = false;
  const reported = new Set<string>();
  for (const row of rows) {
    for (const [key, cell] of row.cells) {
      const [base, suffix] = key.split("::");
      if (!translatable.includes(base!)) continue;
      if (suffix === undefined) {
        hasPlain = true;
        continue;
      }
      if (codes.has(suffix) || reported.has(suffix)) continue;
      const code = languageCode(suffix);
      if (code) codes.set(suffix, code);
      else {
        reported.add(suffix);
        problems.push({
          sheet: row.sheet,
          row: 1,
          column: cell.column,
          ...inWords("xlsform.noLanguageCode", { language: suffix, base: base! }),
        });
      }
    }
  }
  let defaultSuffix: string | null = null;
  if (defaultLanguage) {
    defaultSuffix =
      [...codes.keys()].find((s) => s === defaultLanguage || codes.get(s) === languageCode(defaultLanguage)) ?? null;
  } else if (!hasPlain && codes.size > 0) {
    // As ODK does: without a default_language and without plain columns, the first language is the default.
    defaultSuffix = [...codes.keys()][0]!;
  }
  return { defaultSuffix, codes };
}

/** The text of a translatable column in every language; undefined when the row has none. */
export function localizedText(
  row: XlsformRow,
  base: string,
  languages: Languages,
  transform: (text: string, column: string) => string = (t) => t,
): LocalizedText | undefined {
  const texts: Record<string, string> = {};
  const plain = row.cells.get(base);
  if (plain) texts.default = transform(plain.value, plain.column);
  for (const [suffix, code] of languages.codes) {
    const cell = row.cells.get(`${base}::${suffix}`);
    if (!cell) continue;
    const key = suffix === languages.defaultSuffix ? "default" : code;
    // A plain column and the default language's column on one row: the plain one wins, as pyxform reads it.
    if (texts[key] === undefined) texts[key] = transform(cell.value, cell.column);
  }
  const keys = Object.keys(texts);
  if (keys.length === 0) return undefined;
  if (keys.length === 1 && keys[0] === "default") return texts.default;
  return texts;
}
