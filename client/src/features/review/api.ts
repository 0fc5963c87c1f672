import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type { OrganizationView } from "../../../../server/modules/organizations/organizations.schemas.ts";
import type {
  QuestionnaireDetail,
  QuestionnaireSummary,
} from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import type {
  AllResponsesQuery,
  CorrectionBody,
  CorrectionResult,
  ResponseDetail,
  ResponseListItem,
  RevisionView,
} from "../../../../server/modules/responses/responses.schemas.ts";
import type { Api } from "../../lib/session.tsx";

// The review area's requests (the responses list and one response with its corrections and revisions); every type
// is the server's schema, never restated here.

export type {
  AllResponsesQuery,
  EvaluationView,
  OrganizationView,
  QuestionnaireDetail,
  QuestionnaireSummary,
  ResponseDetail,
  ResponseListItem,
  RevisionView,
};

/** The responses that match every filter given (GET /api/responses). */
export const listResponses = (api: Api, query: AllResponsesQuery) => {
  const queryString = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined)).toString();
  return api<ResponseListItem[]>("GET", `/api/responses${queryString ? `?${queryString}` : ""}`);
};

export const getResponse = (api: Api, id: number | string) => api<ResponseDetail>("GET", `/api/responses/${id}`);

export const listRevisions = (api: Api, id: number | string) =>
  api<RevisionView[]>("GET", `/api/responses/${id}/revisions`);

export const correctResponse = (api: Api, id: number, body: CorrectionBody) =>
  api<CorrectionResult>("PATCH", `/api/responses/${id}`, body);

/** The questionnaire version a response was given on. */
export const getQuestionnaire = (api: Api, id: string, version: number) =>
  api<QuestionnaireDetail>("GET", `/api/questionnaires/${encodeURIComponent(id)}?version=${version}`);

// The lists the filters offer.
export const listEvaluations = (api: Api) => api<EvaluationView[]>("GET", "/api/evaluations");
export const listOrganizations = (api: Api) => api<OrganizationView[]>("GET", "/api/organizations");
export const listQuestionnaires = (api: Api) => api<QuestionnaireSummary[]>("GET", "/api/questionnaires");
