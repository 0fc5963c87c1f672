import type { IdView } from "../../../../server/modules/common.schemas.ts";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type { InterviewBody, InterviewSaved } from "../../../../server/modules/interviews/interviews.schemas.ts";
import type {
  NewOrganizationBody,
  OrganizationView,
} from "../../../../server/modules/organizations/organizations.schemas.ts";
import type {
  QuestionnaireDetail,
  QuestionnaireSummary,
} from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import type { ResponseDetail, ResponseListItem } from "../../../../server/modules/responses/responses.schemas.ts";
import type { Api } from "../../lib/session.tsx";

// Field work's requests: the lists copied onto the device, the interviews on the server, and the two idempotent
// PUTs of the sync queue (keyed by the id the device chose). Every type is the server's schema.

export type { Api };

/** The interviews on the server, from every device. */
export const listServerInterviews = (api: Api) => api<ResponseListItem[]>("GET", "/api/responses?mode=interview");

export const getInterview = (api: Api, clientId: string) =>
  api<ResponseDetail>("GET", `/api/interviews/${encodeURIComponent(clientId)}`);

export const putInterview = (api: Api, clientId: string, body: InterviewBody) =>
  api<InterviewSaved>("PUT", `/api/interviews/${encodeURIComponent(clientId)}`, body);

/** An organisation added on the device: created once, however often the queue sends it. */
export const putOrganization = (api: Api, clientId: string, body: NewOrganizationBody) =>
  api<IdView>("PUT", `/api/organizations/client/${encodeURIComponent(clientId)}`, body);

export const listEvaluations = (api: Api) => api<EvaluationView[]>("GET", "/api/evaluations");
export const listOrganizations = (api: Api) => api<OrganizationView[]>("GET", "/api/organizations");
export const listQuestionnaires = (api: Api) => api<QuestionnaireSummary[]>("GET", "/api/questionnaires");

export const getQuestionnaire = (api: Api, id: string, version: number) =>
  api<QuestionnaireDetail>("GET", `/api/questionnaires/${encodeURIComponent(id)}?version=${version}`);
