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

/**
 * The UI language an HTTP `Accept-Language` header prefers ("ru-RU,ru;q=0.9,en;q=0.8" -> ru): the speakable one of
 * highest quality, the first of equals; English when it names none Sapat speaks (or is absent).
 */
export function acceptedUiLanguage(header: string | null | undefined): UiLanguage {
  let best: { lang: UiLanguage; quality: number } | null = null;
  for (const part of (header ?? "").split(",")) {
    const [tag, ...params] = part.trim().split(";");
    const lang = uiLanguageOf(tag?.trim());
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (lang && quality > 0 && (!best || quality > best.quality)) best = { lang, quality };
  }
  return best?.lang ?? "en";
}
