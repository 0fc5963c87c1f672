import type { Migration } from "kysely";
import * as createCoreTables from "./2026-11-28-01-create-core-tables.ts";
import * as createMail from "./2026-11-28-02-create-mail.ts";
import * as addInvitationProgress from "./2026-11-28-03-add-invitation-progress.ts";
import * as createRevisions from "./2026-11-28-04-create-revisions.ts";
import * as createScores from "./2026-11-28-05-create-scores.ts";
import * as addEvaluationReportText from "./2026-11-28-06-add-evaluation-report-text.ts";
import * as addOrganizationClientId from "./2026-11-28-07-add-organization-client-id.ts";
import * as addQuestionnaireAuthor from "./2026-12-07-01-add-questionnaire-author.ts";
import * as createLoginFailures from "./2026-12-07-02-create-login-failures.ts";
import * as createReadinessProbe from "./2026-12-07-03-create-readiness-probe.ts";
import * as addUserUiLanguage from "./2026-12-07-04-add-user-ui-language.ts";
import * as addDemoMarks from "./2026-12-07-05-add-demo-marks.ts";
import * as addDraftOrder from "./2026-12-07-06-add-draft-order.ts";
import * as createEvaluationMembers from "./2026-12-07-07-create-evaluation-members.ts";
import * as createApiTokens from "./2026-12-07-08-create-api-tokens.ts";
import * as createAuditEvents from "./2026-12-07-09-create-audit-events.ts";
import * as createRateLimitCounters from "./2026-12-07-10-create-rate-limit-counters.ts";
import * as unlogRateLimitCounters from "./2026-12-07-11-unlog-rate-limit-counters.ts";
import * as indexResponsesByEvaluationAndId from "./2026-12-07-12-index-responses-by-evaluation-and-id.ts";
import * as compressAnswersWithLz4 from "./2026-12-07-13-compress-answers-with-lz4.ts";

// Listed by hand (not read from the folder) so that the same code runs under Node, tsx and Vitest.
// Names sort in the order they must run; a migration, once released, never changes.
export const migrations: Record<string, Migration> = {
  "2026-11-28-01-create-core-tables": createCoreTables,
  "2026-11-28-02-create-mail": createMail,
  "2026-11-28-03-add-invitation-progress": addInvitationProgress,
  "2026-11-28-04-create-revisions": createRevisions,
  "2026-11-28-05-create-scores": createScores,
  "2026-11-28-06-add-evaluation-report-text": addEvaluationReportText,
  "2026-11-28-07-add-organization-client-id": addOrganizationClientId,
  "2026-12-07-01-add-questionnaire-author": addQuestionnaireAuthor,
  "2026-12-07-02-create-login-failures": createLoginFailures,
  "2026-12-07-03-create-readiness-probe": createReadinessProbe,
  "2026-12-07-04-add-user-ui-language": addUserUiLanguage,
  "2026-12-07-05-add-demo-marks": addDemoMarks,
  "2026-12-07-06-add-draft-order": addDraftOrder,
  "2026-12-07-07-create-evaluation-members": createEvaluationMembers,
  "2026-12-07-08-create-api-tokens": createApiTokens,
  "2026-12-07-09-create-audit-events": createAuditEvents,
  "2026-12-07-10-create-rate-limit-counters": createRateLimitCounters,
  "2026-12-07-11-unlog-rate-limit-counters": unlogRateLimitCounters,
  "2026-12-07-12-index-responses-by-evaluation-and-id": indexResponsesByEvaluationAndId,
  "2026-12-07-13-compress-answers-with-lz4": compressAnswersWithLz4,
};
