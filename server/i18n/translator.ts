import i18next, { type TFunction } from "i18next";
import { resources, type Namespace } from "./catalogue.ts";
import { tidyStops } from "./format.ts";
import { uiLanguageOf } from "./languages.ts";

// The server's reader of the catalogue (emails, reports, exports): one i18next instance, initialised at import
// with every resource in memory, so translating never waits. Values are inserted as given: each caller escapes
// for its medium (HTML, PDF text, CSV).

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: "en",
  fallbackLng: "en",
  ns: Object.keys(resources.en),
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** A translate function fixed to a language (any tag; unknown ones read English) and a namespace. */
export function translatorFor(lang: string, ns: Namespace): (key: string, values?: Record<string, unknown>) => string {
  const t: TFunction = instance.getFixedT(uiLanguageOf(lang) ?? "en", ns);
  return (key, values) => tidyStops(String(t(key, values ?? {})));
}

/** A namespace's resources in a language, as stored (for tables of words read by key). */
export function resourceBundle(lang: string, ns: Namespace): Record<string, unknown> {
  return instance.getResourceBundle(uiLanguageOf(lang) ?? "en", ns) as Record<string, unknown>;
}
