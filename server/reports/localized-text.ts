import { surveyLocalization, type LocalizableString } from "survey-core";
import type { LocalizedText } from "../scoring/scoring-model.ts";

// Texts of a questionnaire in one language, read without touching the shared survey model's `locale` (the
// catalogue caches one model per version for every request, so switching its language would race).

/** A piece of text: a survey-core localizable string, a JSON `{default, ru, ...}` object, or plain text. */
export type TextSource = LocalizableString | LocalizedText;

function isLocalizable(source: unknown): source is LocalizableString {
  return (
    typeof source === "object" && source !== null && typeof (source as LocalizableString).getLocaleText === "function"
  );
}

/**
 * The text in `lang`, else in the questionnaire's default language (SurveyJS stores it under "default"), else
 * English, else SurveyJS's own translation of a built-in text; "" when there is none. The default language of the shipped questionnaires is English, so `en` reads
 * the "default" texts.
 */
export function textIn(source: TextSource | null | undefined, lang: string): string {
  if (source === null || source === undefined) return "";
  if (typeof source === "string") return source;
  if (isLocalizable(source)) {
    const own = source.getLocaleText(lang) || source.getLocaleText("default") || source.getLocaleText("en");
    if (own) return own;
    // Texts the questionnaire leaves to SurveyJS ("Other (describe)", "None") come from its translations.
    const key = (source as unknown as { localizationName?: string }).localizationName;
    return key ? surveyLocalization.getString(key, lang) || "" : "";
  }
  const record = source as Record<string, string>;
  return record[lang] || record.default || record.en || Object.values(record)[0] || "";
}

/** The languages a questionnaire has texts in, its default first (`en` when it names none). */
export function questionnaireLanguages(usedLocales: readonly string[], defaultLocale?: string): string[] {
  const first = defaultLocale || "en";
  return [first, ...usedLocales.filter((l) => l !== first && l !== "default" && l !== "")];
}
