import en from "../../../server/i18n/locales/en/boot.json" with { type: "json" };
import ky from "../../../server/i18n/locales/ky/boot.json" with { type: "json" };
import ru from "../../../server/i18n/locales/ru/boot.json" with { type: "json" };
import { isUiLanguage, pickUiLanguage, type UiLanguage } from "../../../server/i18n/languages.ts";
import { lastUser } from "./last-user.ts";

// The workspace's language from its first paint: the user's remembered choice, else the browser's. The words of
// that moment are the catalogue's "boot" namespace, read directly: the router's chunk must not wait for the
// workspace chunk, which holds i18next and the whole catalogue.

const bootWords: Record<UiLanguage, typeof en> = { en, ru, ky };

/** The language a user sees: the one they chose (on their account), else the first of the browser's Sapat speaks. */
export function chooseUiLanguage(chosen: unknown, browserLanguages: readonly string[]): UiLanguage {
  return isUiLanguage(chosen) ? chosen : pickUiLanguage(browserLanguages);
}

export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** Before the server has confirmed the session: the choice of the user last signed in here, else the browser's. */
export function bootLanguage(): UiLanguage {
  return chooseUiLanguage(lastUser()?.uiLanguage, browserLanguages());
}

export function bootText(lang: UiLanguage): typeof en {
  return bootWords[lang];
}
