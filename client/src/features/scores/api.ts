import type { Static } from "typebox";
import type {
  EvaluationChange as EvaluationChangeSchema,
  EvaluationScores as EvaluationScoresSchema,
  EvaluationSummary as EvaluationSummarySchema,
  ScoreTrace as ScoreTraceSchema,
  VerifiedLevels as VerifiedLevelsSchema,
  VerifiedSaved as VerifiedSavedSchema,
} from "../../../../server/modules/scores/scores.schemas.ts";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type { QuestionnaireDetail } from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import type { ResponseDetail } from "../../../../server/modules/responses/responses.schemas.ts";
import type { SessionContextValue } from "../../lib/session.tsx";

// The scores API as the pages call it; every type is the server's response schema, never restated here.

export type ScoreTrace = Static<typeof ScoreTraceSchema>;
export type EvaluationScores = Static<typeof EvaluationScoresSchema>;
export type CohortStats = EvaluationScores["groups"][number]["overall"];
export type EvaluationChange = Static<typeof EvaluationChangeSchema>;
export type EvaluationSummary = Static<typeof EvaluationSummarySchema>;
export type VerifiedLevels = Static<typeof VerifiedLevelsSchema>;
export type Basis = ScoreTrace["basis"];
export type { EvaluationView, QuestionnaireDetail, ResponseDetail };

type Api = SessionContextValue["api"];

export const getResponseScore = (api: Api, responseId: number | string, basis: Basis) =>
  api<ScoreTrace>("GET", `/api/responses/${responseId}/score?basis=${basis}`);

export const getEvaluationScores = (api: Api, evaluationId: number | string, basis: Basis, groupBy?: string) =>
  api<EvaluationScores>(
    "GET",
    `/api/evaluations/${evaluationId}/scores?basis=${basis}${groupBy ? `&groupBy=${encodeURIComponent(groupBy)}` : ""}`,
  );

export const getEvaluationChange = (api: Api, evaluationId: number | string) =>
  api<EvaluationChange>("GET", `/api/evaluations/${evaluationId}/change`);

export const getEvaluationSummary = (
  api: Api,
  evaluationId: number | string,
  questionnaireId: string,
  groupBy: string,
) =>
  api<EvaluationSummary>(
    "GET",
    `/api/evaluations/${evaluationId}/summary?questionnaireId=${encodeURIComponent(questionnaireId)}&groupBy=${encodeURIComponent(groupBy)}`,
  );

export const getVerifiedLevels = (api: Api, responseId: number | string) =>
  api<VerifiedLevels>("GET", `/api/responses/${responseId}/verified`);

export const saveVerifiedLevel = (
  api: Api,
  responseId: number | string,
  question: string,
  body: { level: number; note: string },
) =>
  api<Static<typeof VerifiedSavedSchema>>(
    "PUT",
    `/api/responses/${responseId}/verified/${encodeURIComponent(question)}`,
    body,
  );

// What the profile and summary pages read besides scores: the response, its questionnaire version, the evaluation.

export const getResponse = (api: Api, responseId: number | string) =>
  api<ResponseDetail>("GET", `/api/responses/${responseId}`);

export const getQuestionnaire = (api: Api, id: string, version?: number) =>
  api<QuestionnaireDetail>(
    "GET",
    `/api/questionnaires/${encodeURIComponent(id)}${version === undefined ? "" : `?version=${version}`}`,
  );

export const getEvaluation = (api: Api, evaluationId: number | string) =>
  api<EvaluationView>("GET", `/api/evaluations/${evaluationId}`);
