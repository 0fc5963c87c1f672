import type {
  QuestionnaireDetail,
  QuestionnaireDiffView,
  QuestionnaireRef as QuestionnaireRefSchema,
  QuestionnaireSummary,
  QuestionnaireVersions,
  UploadQuestionnaireBody,
  XlsformImported,
} from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import type { Static } from "typebox";
import { ApiError, type ApiErrorBody } from "../../lib/http.ts";
import { languageHeader } from "../../lib/i18n.ts";
import type { SessionContextValue } from "../../lib/session.tsx";

// The questionnaires API as the pages call it; every type is the server's schema, never restated here.

export type { QuestionnaireDetail, QuestionnaireDiffView, QuestionnaireSummary, QuestionnaireVersions };
export type QuestionnaireVersion = QuestionnaireVersions["versions"][number];
type QuestionnaireRef = Static<typeof QuestionnaireRefSchema>;

type Api = SessionContextValue["api"];
const base = (id: string) => `/api/questionnaires/${encodeURIComponent(id)}`;

export const listQuestionnaires = (api: Api) => api<QuestionnaireSummary[]>("GET", "/api/questionnaires");

export const getQuestionnaireVersions = (api: Api, id: string) =>
  api<QuestionnaireVersions>("GET", `${base(id)}/versions`);

export const getQuestionnaire = (api: Api, id: string, version: number) =>
  api<QuestionnaireDetail>("GET", `${base(id)}?version=${version}`);

export const getQuestionnaireDiff = (api: Api, id: string, from: number, to: number) =>
  api<QuestionnaireDiffView>("GET", `${base(id)}/diff?from=${from}&to=${to}`);

export const xlsformUrl = (id: string, version: number) => `${base(id)}/xlsform?version=${version}`;

export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** What an upload stored: `created` false when that content was already a version (200). */
export type Uploaded = (QuestionnaireRef | XlsformImported) & { created: boolean };

/** A problem of a refused upload: lint names a `field` or `question`, XLSForm a `sheet`, `row` and `column`. */
export type UploadProblem = NonNullable<ApiErrorBody["details"]>[number] & {
  sheet?: string;
  row?: number;
  column?: string;
};

async function post(url: string, csrfToken: string, contentType: string, body: BodyInit): Promise<Uploaded> {
  // Not requestJson: an .xlsx goes as raw bytes, and 201 and 200 (content already stored) mean different things.
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, "x-csrf-token": csrfToken, ...languageHeader() },
    body,
    credentials: "same-origin",
  });
  const answer = (await response.json().catch(() => null)) as (Uploaded & ApiErrorBody) | null;
  if (!response.ok)
    throw new ApiError(response.status, answer ?? { error: "http_error", message: `HTTP ${response.status}` });
  return { ...answer!, created: response.status === 201 };
}

/** A SurveyJS questionnaire as a new questionnaire or a new version of one. */
export const uploadQuestionnaire = (csrfToken: string, body: UploadQuestionnaireBody) =>
  post("/api/questionnaires", csrfToken, "application/json", JSON.stringify(body));

/** An XLSForm spreadsheet, converted on the server; without `id` the form's own `form_id` names it. */
export const uploadXlsform = (csrfToken: string, file: Blob, id?: string) =>
  post(`/api/questionnaires/xlsform${id ? `?id=${encodeURIComponent(id)}` : ""}`, csrfToken, xlsxContentType, file);
