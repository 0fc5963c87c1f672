import en from "../../../../server/i18n/locales/en/respond.json" with { type: "json" };
import ky from "../../../../server/i18n/locales/ky/respond.json" with { type: "json" };
import ru from "../../../../server/i18n/locales/ru/respond.json" with { type: "json" };
import { tidyStops } from "../../../../server/i18n/format.ts";
import { languageNames as names } from "../../../../server/i18n/languages.ts";

// The page's own words around the questionnaire: the catalogue's "respond" namespace, and only that (a few
// kB), read directly rather than through i18next, whose ~40 kB would not fit the page's weight budget. The
// files are i18next resources, so `{{name}}` placeholders; survey-core translates its own texts.

/** The words of the page; plural forms (`unanswered_one`, `_few`...) vary by language and are read by plural(). */
type Messages = Omit<typeof en, `unanswered_${string}`>;

const catalog: Record<string, Messages> = { en, ru, ky };

export const languageNames: Record<string, string> = names;

export function messagesFor(locale: string): Messages {
  return catalog[locale] ?? en;
}

export function fill(template: string, values: Record<string, string>): string {
  return tidyStops(template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => values[key] ?? ""));
}

type PluralKey = "unanswered";

/**
 * The plural form of `key` for `count` in `locale`, with `{{count}}` filled in: the catalogue holds i18next's
 * `key_one`, `key_few`, ... forms, picked here by Intl.PluralRules as i18next would.
 */
export function plural(messages: Messages, key: PluralKey, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count);
  const forms = messages as unknown as Record<string, string | undefined>;
  return fill(forms[`${key}_${category}`] ?? forms[`${key}_many`] ?? forms[`${key}_other`] ?? "", {
    count: String(count),
  });
}
