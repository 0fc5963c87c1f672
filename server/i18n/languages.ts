// The languages Sapat's own words are written in. Questionnaires may have more; their texts come from them.

export const uiLanguages = ["en", "ru", "ky"] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** Each language's name in itself: a person looking for their language reads it in that language. */
export const languageNames: Record<UiLanguage, string> = { en: "English", ru: "Русский", ky: "Кыргызча" };

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (uiLanguages as readonly string[]).includes(value);
}

/** The UI language of a BCP 47 tag ("ru-RU" -> ru), or null when Sapat does not speak it. */
export function uiLanguageOf(tag: string | null | undefined): UiLanguage | null {
  const base = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return isUiLanguage(base) ? base : null;
}

/** The first of the preferred languages (a browser's `navigator.languages`) Sapat speaks; English otherwise. */
export function pickUiLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const lang = uiLanguageOf(tag);
    if (lang) return lang;
  }
  return "en";
}
