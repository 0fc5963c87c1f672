import { Model } from "survey-core";
import type { Db } from "../../db/database.ts";
import type { ResponseRow } from "../../db/schema.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import {
  buildAggregateReport,
  type AggregateReportInput,
  type ReportResponse,
} from "../../reports/aggregate-report.ts";
import { answerLines } from "../../reports/answer-lines.ts";
import { textIn } from "../../reports/localized-text.ts";
import { reportWords } from "../../reports/report-labels.ts";
import { buildResponseReport } from "../../reports/response-report.ts";
import { scoreResponse, type Basis, type ScoreTrace } from "../../scoring/score-response.ts";
import type { ScoringModel } from "../../scoring/scoring-model.ts";
import { setupSurveyCore } from "../../survey-model/setup-survey-core.ts";
import { visibleQuestionNames } from "../../survey-model/visible-questions.ts";
import { findEvaluation } from "../evaluations/evaluations.repository.ts";
import { getEvaluationView } from "../evaluations/evaluations.service.ts";
import { effectiveStatus } from "../invitation-status.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import { findUsableInvitation } from "../respond/respond.service.ts";
import { findResponse, findResponseByInvitation } from "../responses/responses.repository.ts";
import { storedTraces, verifiedLevelsOf } from "../scores/scores.repository.ts";
import { computeResponseTraces, evaluationChange, readResponseTraces } from "../scores/scores.service.ts";
import { resolveQuestionnaire } from "./export.service.ts";
import { findReportText, invitationsOf, reportResponses, updateReportText } from "./reports.repository.ts";
import type { ReportTextBody } from "./reports.schemas.ts";

const reportLanguages = new Set(["en", "ru", "ky"]);

function languageOf(...candidates: Array<string | null | undefined>): string {
  return candidates.find((c): c is string => typeof c === "string" && reportLanguages.has(c)) ?? "en";
}

/** A fresh survey model for one response: its language and answers set (the catalogue's models are shared). */
async function responseSurvey(db: Db, catalogue: QuestionnaireCatalogue, response: ResponseRow, lang: string) {
  setupSurveyCore();
  const row = await catalogue.get(db, response.questionnaire_id, response.questionnaire_version);
  const survey = new Model(JSON.parse(row.json));
  survey.locale = lang === "en" ? "" : lang;
  survey.data = JSON.parse(response.data);
  return survey;
}

/**
 * Traces of both bases: stored ones for a submitted response (computed, not stored, if missing: a read never
 * writes), the draft's own otherwise.
 */
async function tracesOf(db: Db, catalogue: QuestionnaireCatalogue, response: ResponseRow) {
  const model = await catalogue.model(db, response.questionnaire_id, response.questionnaire_version);
  if (response.status === "submitted") {
    const read = async () => {
      const [self] = await storedTraces(db, [response.id], "self");
      const [verified] = await storedTraces(db, [response.id], "verified");
      return { self, verified };
    };
    const stored = await read();
    const parse = (row: { trace: string } | undefined) => (row ? (JSON.parse(row.trace) as ScoreTrace) : null);
    const computed = stored.self ? null : await computeResponseTraces(db, catalogue, response);
    const self = computed ? computed.self : parse(stored.self);
    const verified = computed ? computed.verified : parse(stored.verified);
    return { scoring: model.scoring, self, verified, dimensions: self?.dimensions ?? null };
  }
  if (!model.scoring) return { scoring: null, self: null, verified: null, dimensions: null };
  // A draft is scored on the fly (nothing stored): a provisional profile of the answers so far.
  const answers = JSON.parse(response.data) as Record<string, unknown>;
  const visible = visibleQuestionNames(model.survey, model.plan, answers);
  const self = scoreResponse(model.scoring, answers, { basis: "self", isVisible: (q) => visible.has(q) });
  const verified = scoreResponse(model.scoring, answers, {
    basis: "verified",
    verified: await verifiedLevelsOf(db, response.id),
    isVisible: (q) => visible.has(q),
  });
  return { scoring: model.scoring, self, verified, dimensions: self.dimensions };
}

function itemTitles(survey: Model, scoring: ScoringModel | null): Map<string, string> {
  const titles = new Map<string, string>();
  for (const item of scoring?.items ?? []) {
    const q = survey.getQuestionByName(item.question);
    titles.set(item.question, q ? q.processedTitle || q.name : item.question);
  }
  return titles;
}

async function responseReport(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  response: ResponseRow,
  audience: "respondent" | "evaluator",
  lang: string,
) {
  const [organization, evaluation] = await Promise.all([
    db
      .selectFrom("organizations")
      .select(["name", "region"])
      .where("id", "=", response.organization_id)
      .executeTakeFirstOrThrow(),
    findEvaluation(db, response.evaluation_id),
  ]);
  const survey = await responseSurvey(db, catalogue, response, lang);
  const traces = await tracesOf(db, catalogue, response);
  return buildResponseReport({
    lang,
    audience,
    organization,
    evaluationName: evaluation?.name ?? "",
    questionnaireTitle: survey.title || response.questionnaire_id,
    response: {
      id: response.id,
      status: response.status,
      mode: response.mode,
      submittedAt: response.submitted_at,
      updatedAt: response.updated_at,
    },
    answers: answerLines(survey),
    dimensions: traces.dimensions ? traces.dimensions.map((d) => ({ id: d.id, title: d.title })) : null,
    self: traces.self,
    verified: traces.verified,
    itemTitles: itemTitles(survey, traces.scoring),
    generatedAt: new Date().toISOString(),
  });
}

/** The evaluator's PDF of one response, in the response's language. */
export async function evaluatorResponseReport(db: Db, catalogue: QuestionnaireCatalogue, responseId: number) {
  const response = await findResponse(db, responseId);
  if (!response) throw notFound("Response");
  const invitationLocale = response.invitation_id
    ? (await db.selectFrom("invitations").select("locale").where("id", "=", response.invitation_id).executeTakeFirst())
        ?.locale
    : null;
  return responseReport(db, catalogue, response, "evaluator", languageOf(response.locale, invitationLocale));
}

/**
 * The respondent's own copy: after submission always (even once the evaluation has closed); before it, a copy
 * of the draft marked as such, under the rules of the other respondent routes (404 unknown or revoked, 410
 * closed or expired).
 */
export async function respondentCopy(db: Db, catalogue: QuestionnaireCatalogue, token: string) {
  const { invitation } = await findUsableInvitation(db, token, { allowSubmitted: true });
  const response = await findResponseByInvitation(db, invitation.id);
  if (!response) throw conflict("no_answers", "Nothing has been saved through this link yet");
  return responseReport(db, catalogue, response, "respondent", languageOf(response.locale, invitation.locale));
}

// ---- the aggregate report ----

async function tracesById(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  ids: number[],
  basis: Basis,
): Promise<Map<number, ScoreTrace>> {
  const map = new Map<number, ScoreTrace>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const [id, trace] of await readResponseTraces(db, catalogue, ids.slice(i, i + 500), basis)) {
      map.set(id, trace);
    }
  }
  return map;
}

export async function aggregateReport(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  options: { questionnaireId?: string; lang?: string; basis?: Basis; minGroupSize: number },
) {
  const questionnaireId = await resolveQuestionnaire(db, evaluationId, options.questionnaireId);
  const evaluation = (await findEvaluation(db, evaluationId))!;
  const lang = languageOf(options.lang);
  const basis = options.basis ?? "verified";
  const latest = await catalogue.model(db, questionnaireId, await catalogue.latestVersion(db, questionnaireId));

  const rows = await reportResponses(db, evaluationId, questionnaireId);
  const submittedIds = rows.filter((r) => r.status === "submitted").map((r) => r.id);
  const [self, verified] = await Promise.all([
    tracesById(db, catalogue, submittedIds, "self"),
    tracesById(db, catalogue, submittedIds, "verified"),
  ]);
  const responses: ReportResponse[] = rows.map((r) => ({
    organizationId: r.organization_id,
    responseId: r.id,
    name: r.name,
    region: r.region,
    kind: r.kind,
    orgType: r.org_type,
    mode: r.mode,
    status: r.status,
    submittedAt: r.submitted_at,
    answers: JSON.parse(r.data) as Record<string, unknown>,
    self: self.get(r.id) ?? null,
    verified: verified.get(r.id) ?? null,
  }));
  const now = new Date();
  const invitations = (await invitationsOf(db, evaluationId, questionnaireId)).map((i) => ({
    organizationId: i.organization_id,
    status: effectiveStatus(i, now),
  }));
  const titles = new Map<string, string>();
  for (const item of latest.scoring?.items ?? []) {
    const q = latest.survey.getQuestionByName(item.question);
    titles.set(item.question, (q && textIn(q.locTitle, lang)) || item.question);
  }
  const baseline = evaluation.baseline_evaluation_id
    ? await findEvaluation(db, evaluation.baseline_evaluation_id)
    : undefined;
  let change: AggregateReportInput["change"] = { result: null, reason: reportWords(lang).t.noBaseline };
  if (baseline && latest.scoring) {
    try {
      const result = await evaluationChange(db, catalogue, evaluationId, { questionnaireId, basis });
      change = { result, baselineName: baseline.name };
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 409) throw error;
      change = { result: null, reason: error.message };
    }
  }
  return buildAggregateReport({
    lang,
    generatedAt: now.toISOString(),
    basis,
    minGroupSize: options.minGroupSize,
    evaluation: {
      id: evaluation.id,
      name: evaluation.name,
      round: evaluation.round,
      createdAt: evaluation.created_at,
      closesAt: evaluation.closes_at,
      conclusions: evaluation.conclusions ?? null,
      recommendations: evaluation.recommendations ?? null,
      baselineName: baseline?.name ?? null,
    },
    questionnaire: { id: questionnaireId, title: textIn(latest.survey.locTitle, lang) || latest.title },
    scoring: latest.scoring,
    invitations,
    responses,
    itemTitles: titles,
    change,
  });
}

export async function saveReportText(db: Db, evaluationId: number, body: ReportTextBody) {
  if (!(await findReportText(db, evaluationId))) throw notFound("Evaluation");
  const clean = (text: string | null) => (text === null || text.trim() === "" ? null : text);
  await updateReportText(db, evaluationId, {
    conclusions: clean(body.conclusions),
    recommendations: clean(body.recommendations),
  });
  return getEvaluationView(db, evaluationId);
}
