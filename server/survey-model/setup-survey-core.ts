import "survey-core/i18n/russian";
import { registerSapatProperties } from "./custom-properties.ts";
import { registerKyrgyzLocale } from "./kyrgyz-locale.ts";
import { registerXlsformFunctions } from "./xlsform-functions.ts";

/** Everything survey-core must know before the first Model is built, on server and client alike. */
export function setupSurveyCore(): void {
  registerSapatProperties();
  registerKyrgyzLocale();
  registerXlsformFunctions();
}
