import enBoot from "./locales/en/boot.json" with { type: "json" };
import enDetails from "./locales/en/details.json" with { type: "json" };
import enMail from "./locales/en/mail.json" with { type: "json" };
import enQuestionnaires from "./locales/en/questionnaires.json" with { type: "json" };
import enReports from "./locales/en/reports.json" with { type: "json" };
import enRespond from "./locales/en/respond.json" with { type: "json" };
import enWorkspace from "./locales/en/workspace.json" with { type: "json" };
import kyBoot from "./locales/ky/boot.json" with { type: "json" };
import kyDetails from "./locales/ky/details.json" with { type: "json" };
import kyMail from "./locales/ky/mail.json" with { type: "json" };
import kyQuestionnaires from "./locales/ky/questionnaires.json" with { type: "json" };
import kyReports from "./locales/ky/reports.json" with { type: "json" };
import kyRespond from "./locales/ky/respond.json" with { type: "json" };
import kyWorkspace from "./locales/ky/workspace.json" with { type: "json" };
import ruBoot from "./locales/ru/boot.json" with { type: "json" };
import ruDetails from "./locales/ru/details.json" with { type: "json" };
import ruMail from "./locales/ru/mail.json" with { type: "json" };
import ruQuestionnaires from "./locales/ru/questionnaires.json" with { type: "json" };
import ruReports from "./locales/ru/reports.json" with { type: "json" };
import ruRespond from "./locales/ru/respond.json" with { type: "json" };
import ruWorkspace from "./locales/ru/workspace.json" with { type: "json" };
import type { UiLanguage } from "./languages.ts";

// The one translation catalogue: every word Sapat itself says, by language and namespace (i18next resources).
// English is the reference: a test fails when another language lacks a key or has the wrong plural forms.
// The respondent page imports only its own namespace's files, to stay light, and so does the workspace's first
// paint ("boot": the words shown before the workspace and this catalogue have loaded). "details" are the API's
// words for what is wrong with a request (error details), said in the language the request asks for.

export const namespaces = ["boot", "workspace", "questionnaires", "respond", "mail", "reports", "details"] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  en: {
    boot: enBoot,
    workspace: enWorkspace,
    questionnaires: enQuestionnaires,
    respond: enRespond,
    mail: enMail,
    reports: enReports,
    details: enDetails,
  },
  ru: {
    boot: ruBoot,
    workspace: ruWorkspace,
    questionnaires: ruQuestionnaires,
    respond: ruRespond,
    mail: ruMail,
    reports: ruReports,
    details: ruDetails,
  },
  ky: {
    boot: kyBoot,
    workspace: kyWorkspace,
    questionnaires: kyQuestionnaires,
    respond: kyRespond,
    mail: kyMail,
    reports: kyReports,
    details: kyDetails,
  },
} satisfies Record<UiLanguage, Record<Namespace, object>>;
