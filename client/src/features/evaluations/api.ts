import type { Static } from "typebox";
import type { IdView } from "../../../../server/modules/common.schemas.ts";
import type {
  EvaluationView,
  NewEvaluationBody,
  UpdateEvaluationBody,
} from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type {
  BulkExtendBody,
  BulkResult,
  CreatedInvitation,
  ExtendInvitationBody,
  ExtendedInvitation,
  InvitationView,
  NewInvitationsBody,
  RevokedInvitation,
} from "../../../../server/modules/invitations/invitations.schemas.ts";
import type {
  InvitationStatusView,
  MailLog,
  MailView,
  RemindersQueued,
  SendInvitationsResult,
} from "../../../../server/modules/mail/mail.schemas.ts";
import type { OrganizationView } from "../../../../server/modules/organizations/organizations.schemas.ts";
import type { QuestionnaireSummary } from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import type { ReportTextBody } from "../../../../server/modules/reports/reports.schemas.ts";
import type { Api } from "../../lib/session.tsx";

// The evaluations area's requests (evaluations, their invitations, mail and report text); every request and
// response type is the server's schema (import type + Static), never restated here.

export type { EvaluationView, InvitationView, MailLog, OrganizationView, QuestionnaireSummary };

export const listEvaluations = (api: Api) => api<EvaluationView[]>("GET", "/api/evaluations");

export const getEvaluation = (api: Api, id: number | string) => api<EvaluationView>("GET", `/api/evaluations/${id}`);

export const createEvaluation = (api: Api, body: NewEvaluationBody) => api<IdView>("POST", "/api/evaluations", body);

export const updateEvaluation = (api: Api, id: number | string, body: UpdateEvaluationBody) =>
  api<EvaluationView>("PATCH", `/api/evaluations/${id}`, body);

export const saveReportText = (api: Api, id: number, body: ReportTextBody) =>
  api<EvaluationView>("PUT", `/api/evaluations/${id}/report-text`, body);

/** The questionnaires an evaluation may use (the new evaluation page, the reports panel). */
export const listQuestionnaires = (api: Api) => api<QuestionnaireSummary[]>("GET", "/api/questionnaires");

/** The organisations that may be invited. */
export const listOrganizations = (api: Api) => api<OrganizationView[]>("GET", "/api/organizations");

export const listInvitations = (api: Api, evaluationId: number | string) =>
  api<InvitationView[]>("GET", `/api/evaluations/${evaluationId}/invitations`);

export const createInvitations = (api: Api, evaluationId: number, body: NewInvitationsBody) =>
  api<Static<typeof CreatedInvitation>[]>("POST", `/api/evaluations/${evaluationId}/invitations`, body);

export const sendInvitation = (api: Api, invitationId: number) =>
  api<Static<typeof MailView>>("POST", `/api/invitations/${invitationId}/send`);

export const extendInvitation = (api: Api, invitationId: number, body: ExtendInvitationBody) =>
  api<ExtendedInvitation>("POST", `/api/invitations/${invitationId}/extend`, body);

export const revokeInvitation = (api: Api, invitationId: number) =>
  api<Static<typeof RevokedInvitation>>("POST", `/api/invitations/${invitationId}/revoke`);

export const sendInvitations = (api: Api, evaluationId: number, invitationIds: number[]) =>
  api<SendInvitationsResult>("POST", `/api/evaluations/${evaluationId}/invitations/send`, { invitationIds });

export const extendInvitations = (api: Api, evaluationId: number, body: BulkExtendBody) =>
  api<BulkResult>("POST", `/api/evaluations/${evaluationId}/invitations/extend`, body);

export const revokeInvitations = (api: Api, evaluationId: number, invitationIds: number[]) =>
  api<BulkResult>("POST", `/api/evaluations/${evaluationId}/invitations/revoke`, { invitationIds });

export const queueReminders = (api: Api, evaluationId: number | string) =>
  api<Static<typeof RemindersQueued>>("POST", `/api/evaluations/${evaluationId}/reminders`);

export const getMailLog = (api: Api, evaluationId: number | string) =>
  api<MailLog>("GET", `/api/evaluations/${evaluationId}/mail`);

/** Outbox mode: the evaluator delivered the message by hand. */
export const markInvitationDelivered = (api: Api, invitationId: number) =>
  api<Static<typeof InvitationStatusView>>("POST", `/api/invitations/${invitationId}/mark-sent`);

export const retryMail = (api: Api, mailId: number) =>
  api<Static<typeof MailView>>("POST", `/api/mail/${mailId}/retry`);
