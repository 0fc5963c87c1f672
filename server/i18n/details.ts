import type en from "./locales/en/details.json";
import { uiLanguageOf } from "./languages.ts";
import { translatorFor } from "./translator.ts";

// The words of error details (`details[].message`), from the catalogue's "details" namespace. A detail is made
// where the problem is found, in English and with what says it in another language (`said`); the error handler
// answers in the language the request asks for (Accept-Language). Services never need to know that language.

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";

/** The keys of a nested catalogue file as i18next reads them: `a.b`, plural forms by their base key. */
type KeysOf<T> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends `${infer Base}_${PluralSuffix}`
      ? Base
      : K
    : `${K}.${KeysOf<T[K]>}`;
}[keyof T & string];

export type DetailKey = KeysOf<typeof en>;

/** A value put into a detail's words: as it is, or itself said (a list of saids reads "a, b or c"). */
export type DetailValue = string | number | Said | readonly Said[];

/** What a detail says, in any language: a catalogue key and the values its words take. */
export interface Said {
  key: DetailKey;
  values?: Record<string, DetailValue>;
}

export function said(key: DetailKey, values?: Record<string, DetailValue>): Said {
  return values ? { key, values } : { key };
}

function valueIn(lang: string, value: DetailValue): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if (Array.isArray(value)) {
    const list = new Intl.ListFormat(uiLanguageOf(lang) ?? "en", { type: "disjunction" });
    return list.format((value as readonly Said[]).map((s) => sayIn(lang, s)));
  }
  return sayIn(lang, value as Said);
}

/** The words of `said` in a language (any tag; one Sapat does not speak reads English). */
export function sayIn(lang: string, said: Said): string {
  const values = Object.fromEntries(Object.entries(said.values ?? {}).map(([k, v]) => [k, valueIn(lang, v)]));
  return translatorFor(lang, "details")(said.key, values);
}

/**
 * A detail's words: `message` in English (logs, and clients that ask for no language) and `said`, with which the
 * error handler says them in the request's language. Spread into a detail: `{ field: "name", ...inWords(...) }`.
 */
export function inWords(key: DetailKey, values?: Record<string, DetailValue>): { message: string; said: Said } {
  const words = said(key, values);
  return { message: sayIn("en", words), said: words };
}
