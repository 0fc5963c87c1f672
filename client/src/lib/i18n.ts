import i18next from "i18next";
import { useEffect } from "react";
import { initReactI18next, useTranslation } from "react-i18next";
import { resources } from "../../../server/i18n/catalogue.ts";
import { tidyStops } from "../../../server/i18n/format.ts";
import { isUiLanguage, type UiLanguage } from "../../../server/i18n/languages.ts";
import { bootLanguage, browserLanguages, chooseUiLanguage } from "./boot-language.ts";

// The workspace's reader of the catalogue (react-i18next). Until the user chooses a language (remembered on
// their account), the workspace follows the browser's; <html lang> always names the language shown. It starts in
// the language of the first paint (boot-language.ts), so that nothing switches once the session is confirmed.

void i18next
  .use(initReactI18next)
  .use({ type: "postProcessor", name: "tidyStops", process: (value: string) => tidyStops(value) })
  .init({
    resources,
    lng: bootLanguage(),
    fallbackLng: "en",
    ns: ["boot", "workspace", "questionnaires", "reports"],
    defaultNS: "workspace",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    postProcess: ["tidyStops"],
  });
document.documentElement.lang = i18next.language;
i18next.on("languageChanged", (lang) => {
  document.documentElement.lang = lang;
});

/** Shows the user's chosen language, or the browser's when they have not chosen. */
export function applyUiLanguage(chosen: string | null | undefined): void {
  const lang = chooseUiLanguage(chosen, browserLanguages());
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
}

export function currentUiLanguage(): UiLanguage {
  return isUiLanguage(i18next.language) ? i18next.language : "en";
}

/**
 * The workspace's language for the server: error details come back in it (docs/api.md), whatever the browser's
 * own Accept-Language says. `chosen`: the signed-in user's choice, which a page's first requests may precede the
 * workspace in applying (a page's effects run before the workspace's own).
 */
export function languageHeader(chosen?: string | null): { "accept-language": UiLanguage } {
  return {
    "accept-language": chosen === undefined ? currentUiLanguage() : chooseUiLanguage(chosen, browserLanguages()),
  };
}

/** The page's own <title>: what it shows, then the product. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Sapat` : "Sapat";
  }, [title]);
}

export { useTranslation };
