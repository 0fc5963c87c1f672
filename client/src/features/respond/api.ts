import type { DraftBody, Opened, RespondentView } from "../../../../server/modules/respond/respond.schemas.ts";
import { requestJson, type RequestOptions } from "../../lib/http.ts";

export type { RespondentView };
export type Answers = Record<string, unknown>;

/** A draft as the page holds it: the page's locale is any string until the server checks it. */
export interface Draft {
  data: Answers;
  currentPage: number;
  locale?: string;
  order?: DraftBody["order"];
}

const base = (token: string) => `/api/respond/${encodeURIComponent(token)}`;

/** `have` (`<id>@<version>`): the questionnaire this page already holds, which the server then leaves out. */
export const fetchQuestionnaire = (token: string, have?: string) =>
  requestJson<RespondentView>("GET", have ? `${base(token)}?have=${encodeURIComponent(have)}` : base(token));

/** Records that the link was opened (the GET above writes nothing). */
export const postOpened = (token: string) => requestJson<Opened>("POST", `${base(token)}/opened`);

export const putDraft = (token: string, draft: Draft, options: RequestOptions = {}) =>
  requestJson<{ savedAt: string; revision: number }>("PUT", `${base(token)}/draft`, draft, {}, options);

export const postSubmission = (token: string, data: Answers, locale?: string) =>
  requestJson<{ status: "submitted"; submittedAt: string; responseId: number }>("POST", `${base(token)}/submit`, {
    data,
    ...(locale ? { locale } : {}),
  });
