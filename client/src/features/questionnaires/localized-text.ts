import { languageNames, isUiLanguage } from "../../../../server/i18n/languages.ts";

/** A questionnaire's own text: one string, or one per language (`default` and language codes), as SurveyJS has it. */
export type LocalizedText = string | Record<string, string>;

/** The text in `lang`, else the questionnaire's default, else any it has. */
export function textIn(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text.default ?? Object.values(text)[0] ?? "";
}

/** A questionnaire language's name for a reader of `uiLang`: Sapat's own three by their own names, others by Intl. */
export function languageName(code: string, uiLang: string): string {
  if (isUiLanguage(code)) return languageNames[code];
  try {
    return new Intl.DisplayNames([uiLang, "en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
