import { choiceTypes } from "../../survey-model/question-types.ts";
import type { Db } from "../../db/database.ts";
import type { ResponseRow } from "../../db/schema.ts";
import { AppError, badRequest, conflict, notFound, unprocessable } from "../../errors.ts";
import { compareRounds, type RoundResponse } from "../../scoring/change.ts";
import { buildEvaluationScores, type GroupBy } from "../../scoring/cohort.ts";
import { scoreBothBases, type Basis, type ScoreTrace } from "../../scoring/score-response.ts";
import type { ScoringModel } from "../../scoring/scoring-model.ts";
import { buildEvaluationSummary, describeSummaryQuestions } from "../../scoring/summary.ts";
import { uiLanguages } from "../../i18n/languages.ts";
import { textIn } from "../../reports/localized-text.ts";
import { visibleQuestionNames } from "../../survey-model/visible-questions.ts";
import { findEvaluation, questionnaireIdsByEvaluation } from "../evaluations/evaluations.repository.ts";
import { defaultQuestionnaireId } from "../evaluations/evaluations.service.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import {
  deleteScoresOf,
  findScore,
  findVerifiedLevel,
  listVerifiedLevels,
  saveVerifiedLevel,
  storedTraces,
  submittedResponses,
  responsesToScore,
  upsertScores,
  verifiedLevelHistory,
  verifiedLevelsOf,
  verifiedLevelsOfResponses,
} from "./scores.repository.ts";
import { inWords } from "../../i18n/details.ts";

/**
 * The scoring model that scores a questionnaire version: the newest version's model when it keeps the same
 * scoring id (so that a corrected model, uploaded as a new version, re-scores older answers), else its own.
 */
async function scoringModelFor(db: Db, catalogue: QuestionnaireCatalogue, questionnaireId: string, version: number) {
  const own = await catalogue.model(db, questionnaireId, version);
  const latestVersion = await catalogue.latestVersion(db, questionnaireId);
  if (latestVersion !== version) {
    const latest = await catalogue.model(db, questionnaireId, latestVersion);
    if (latest.scoring && latest.scoring.id === own.scoring?.id)
      return { scoring: latest.scoring, version: latestVersion, own };
  }
  return { scoring: own.scoring, version, own };
}

type ScoringFor = Awaited<ReturnType<typeof scoringModelFor>>;
type ScoredResponse = Pick<ResponseRow, "id" | "questionnaire_id" | "questionnaire_version" | "data">;

/** Both bases' traces of a response under a scoring model that exists (`found.scoring`), with its verified levels. */
function tracesUnder(found: ScoringFor, response: ScoredResponse, verified: Record<string, number>) {
  const answers = JSON.parse(response.data) as Record<string, unknown>;
  const visible = visibleQuestionNames(found.own.survey, found.own.plan, answers);
  const traces = scoreBothBases(found.scoring!, answers, { verified, isVisible: (q) => visible.has(q) });
  return { ...traces, questionnaireVersion: found.version };
}

/**
 * Both bases' traces of a submitted response, computed from its answers and verified levels, without storing
 * them; null when its questionnaire has no scoring model.
 */
export async function computeResponseTraces(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  response: ScoredResponse,
): Promise<{ self: ScoreTrace; verified: ScoreTrace; questionnaireVersion: number } | null> {
  const found = await scoringModelFor(db, catalogue, response.questionnaire_id, response.questionnaire_version);
  if (!found.scoring) return null;
  return tracesUnder(found, response, await verifiedLevelsOf(db, response.id));
}

/** Recomputes and stores both bases of one response (or removes its scores when it is no longer submitted). */
export function refreshResponseScores(db: Db, catalogue: QuestionnaireCatalogue, responseId: number): Promise<void> {
  return refreshScoresOf(db, catalogue, [responseId]);
}

/** Responses refreshed by one round of statements (one `in` list each). */
const refreshChunkSize = 100;

/**
 * Recomputes and stores both bases of several responses (or removes the scores of those no longer submitted), with
 * five statements or so per hundred responses rather than six per response: on PostgreSQL every statement is a
 * round trip, and the score backlog refreshes every submission. Run in one transaction, they share one commit.
 */
export async function refreshScoresOf(db: Db, catalogue: QuestionnaireCatalogue, responseIds: readonly number[]) {
  const ids = [...new Set(responseIds)];
  for (let start = 0; start < ids.length; start += refreshChunkSize) {
    await refreshChunk(db, catalogue, ids.slice(start, start + refreshChunkSize));
  }
}

async function refreshChunk(db: Db, catalogue: QuestionnaireCatalogue, ids: readonly number[]) {
  const responses = await responsesToScore(db, ids);
  await deleteScoresOf(db, ids);
  const models = new Map<string, ScoringFor>();
  const scored: Array<{ response: ScoredResponse; found: ScoringFor }> = [];
  for (const response of responses) {
    if (response.status !== "submitted") continue;
    const key = `${response.questionnaire_id}@${response.questionnaire_version}`;
    let found = models.get(key);
    if (!found) {
      found = await scoringModelFor(db, catalogue, response.questionnaire_id, response.questionnaire_version);
      models.set(key, found);
    }
    if (found.scoring) scored.push({ response, found });
  }
  const verified = await verifiedLevelsOfResponses(
    db,
    scored.map(({ response }) => response.id),
  );
  const now = new Date().toISOString();
  await upsertScores(
    db,
    scored.flatMap(({ response, found }) => {
      const traces = tracesUnder(found, response, verified.get(response.id) ?? {});
      return [traces.self, traces.verified].map((trace) => ({
        response_id: response.id,
        basis: trace.basis,
        scoring_id: trace.scoringId,
        scoring_version: trace.scoringVersion,
        questionnaire_version: traces.questionnaireVersion,
        overall_status: trace.overall.status,
        overall_level: trace.overall.level,
        trace: JSON.stringify(trace),
        computed_at: now,
      }));
    }),
  );
}

export async function recomputeEvaluationScores(db: Db, catalogue: QuestionnaireCatalogue, evaluationId: number) {
  if (!(await findEvaluation(db, evaluationId))) throw notFound("Evaluation");
  const rows = await db
    .selectFrom("responses")
    .select("id")
    .where("evaluation_id", "=", evaluationId)
    .where("status", "=", "submitted")
    .execute();
  await refreshScoresOf(
    db,
    catalogue,
    rows.map((row) => row.id),
  );
  return { recomputed: rows.length };
}

/** A response's trace: the stored one, else (not scored yet) computed now and not stored: a read never writes. */
export async function responseScore(db: Db, catalogue: QuestionnaireCatalogue, responseId: number, basis: Basis) {
  const response = await db.selectFrom("responses").selectAll().where("id", "=", responseId).executeTakeFirst();
  if (!response) throw notFound("Response");
  if (response.status !== "submitted") throw conflict("not_submitted", "Only submitted responses are scored");
  const stored = await findScore(db, responseId, basis);
  if (stored) return JSON.parse(stored.trace) as ScoreTrace;
  const computed = await computeResponseTraces(db, catalogue, response);
  if (!computed) throw conflict("not_scored", "This questionnaire has no scoring model");
  return computed[basis];
}

/** The scored questionnaire of an evaluation the caller means: the one named, else the evaluation's default. */
async function scoredQuestionnaire(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  requested?: string,
) {
  const evaluation = await findEvaluation(db, evaluationId);
  if (!evaluation) throw notFound("Evaluation");
  const ids = (await questionnaireIdsByEvaluation(db, [evaluationId])).get(evaluationId) ?? [];
  if (requested && !ids.includes(requested)) {
    throw badRequest("Questionnaire not used by this evaluation", [
      {
        field: "questionnaireId",
        ...inWords("evaluation.questionnaireNotUsed", { value: requested, ids: ids.join(", ") }),
      },
    ]);
  }
  // The default is a scored questionnaire whenever the evaluation has one.
  const id = requested ?? (await defaultQuestionnaireId(db, evaluationId));
  const latest = id ? await catalogue.model(db, id, await catalogue.latestVersion(db, id)) : null;
  if (latest?.scoring) return { evaluation, questionnaireId: id!, latest, scoring: latest.scoring };
  if (requested)
    throw badRequest("Not a scored questionnaire", [{ field: "questionnaireId", ...inWords("scores.noScoringModel") }]);
  throw new AppError(409, "not_scored", "No questionnaire of this evaluation has a scoring model");
}

/** groupBy `q:<name>` must name a choice question of the questionnaire; its choices order the groups. */
function groupKeyOrder(survey: import("survey-core").SurveyModel, groupBy: GroupBy): unknown[] {
  if (!groupBy.startsWith("q:")) return [];
  const question = survey.getQuestionByName(groupBy.slice(2)) as
    (import("survey-core").Question & { choices?: Array<{ value: unknown }> }) | null;
  if (!question || !choiceTypes.has(question.getType())) {
    throw badRequest("Cannot group by that question", [
      { field: "groupBy", ...inWords("scores.notChoiceQuestion", { question: groupBy.slice(2) }) },
    ]);
  }
  return question.getType() === "boolean" ? [true, false] : (question.choices ?? []).map((c) => c.value);
}

export async function evaluationScores(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  options: { questionnaireId?: string; basis: Basis; groupBy: GroupBy; minGroupSize: number },
) {
  const { questionnaireId, latest, scoring } = await scoredQuestionnaire(
    db,
    catalogue,
    evaluationId,
    options.questionnaireId,
  );
  const keyOrder = groupKeyOrder(latest.survey, options.groupBy);
  const responses = await submittedResponses(db, evaluationId, questionnaireId);
  const traces = await readResponseTraces(
    db,
    catalogue,
    responses.map((r) => r.id),
    options.basis,
  );
  const result = buildEvaluationScores({
    model: scoring,
    groupBy: options.groupBy,
    minGroupSize: options.minGroupSize,
    keyOrder,
    responses: responses.map((r) => ({
      organizationId: r.organization_id,
      responseId: r.id,
      name: r.name,
      region: r.region,
      orgType: r.org_type,
      answers: JSON.parse(r.data),
      submittedAt: r.submitted_at,
      trace: traces.get(r.id)!,
    })),
  });
  return {
    questionnaireId,
    basis: options.basis,
    scoringId: scoring.id,
    scoringVersion: scoring.version,
    dimensions: scoring.dimensions.map((d) => ({ id: d.id, title: d.title, weight: d.weight })),
    // People read questions, not item ids: each scored item's question text in every UI language.
    questions: Object.fromEntries(
      scoring.items.map((item) => {
        const title = latest.survey.getQuestionByName(item.question)?.locTitle;
        return [
          item.question,
          Object.fromEntries(uiLanguages.map((lang) => [lang, textIn(title, lang) || item.question])),
        ];
      }),
    ) as Record<string, Record<string, string>>,
    ...result,
  };
}

/**
 * Stored traces; those not stored yet (waiting in the score backlog, or a model changed) are computed and not
 * stored: a read never writes.
 */
export async function readResponseTraces(db: Db, catalogue: QuestionnaireCatalogue, ids: number[], basis: Basis) {
  const rows = await storedTraces(db, ids, basis);
  const traces = new Map(rows.map((r) => [r.response_id, JSON.parse(r.trace) as ScoreTrace]));
  const missing = ids.filter((id) => !traces.has(id));
  if (missing.length > 0) {
    const responses = await db.selectFrom("responses").selectAll().where("id", "in", missing).execute();
    for (const response of responses) {
      const computed = await computeResponseTraces(db, catalogue, response);
      if (computed) traces.set(response.id, computed[basis]);
    }
  }
  return traces;
}

async function roundResponses(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  questionnaireId: string,
): Promise<RoundResponse[]> {
  const rows = await submittedResponses(db, evaluationId, questionnaireId);
  const result: RoundResponse[] = [];
  for (const r of rows) {
    const answers = JSON.parse(r.data) as Record<string, unknown>;
    const { survey, plan } = await catalogue.model(db, questionnaireId, r.questionnaire_version);
    const visible = visibleQuestionNames(survey, plan, answers);
    result.push({
      organizationId: r.organization_id,
      responseId: r.id,
      name: r.name,
      answers,
      submittedAt: r.submitted_at,
      verified: await verifiedLevelsOf(db, r.id),
      isVisible: (q) => visible.has(q),
    });
  }
  return result;
}

export async function evaluationChange(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  options: { questionnaireId?: string; basis: Basis },
) {
  const end = await scoredQuestionnaire(db, catalogue, evaluationId, options.questionnaireId);
  const baselineId = end.evaluation.baseline_evaluation_id;
  if (!baselineId) throw conflict("no_baseline", "This evaluation has no baseline evaluation to compare with");
  const baseIds = (await questionnaireIdsByEvaluation(db, [baselineId])).get(baselineId) ?? [];
  // The baseline may have used another questionnaire id with the same scoring model id.
  let baseQuestionnaire: string | null = null;
  let baseScoring: ScoringModel | null = null;
  for (const id of baseIds) {
    const m = await catalogue.model(db, id, await catalogue.latestVersion(db, id));
    if (m.scoring?.id === end.scoring.id) {
      baseQuestionnaire = id;
      baseScoring = m.scoring;
      break;
    }
  }
  if (!baseQuestionnaire || !baseScoring) {
    throw conflict("not_comparable", `The baseline evaluation has no questionnaire scored with "${end.scoring.id}"`);
  }
  const change = compareRounds({
    model: end.scoring,
    basis: options.basis,
    baseline: await roundResponses(db, catalogue, baselineId, baseQuestionnaire),
    endline: await roundResponses(db, catalogue, evaluationId, end.questionnaireId),
  });
  return { baselineEvaluationId: baselineId, questionnaireId: end.questionnaireId, ...change };
}

export async function evaluationSummary(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  options: { questionnaireId?: string; groupBy: GroupBy },
) {
  const evaluation = await findEvaluation(db, evaluationId);
  if (!evaluation) throw notFound("Evaluation");
  const ids = (await questionnaireIdsByEvaluation(db, [evaluationId])).get(evaluationId) ?? [];
  const questionnaireId = options.questionnaireId ?? (await defaultQuestionnaireId(db, evaluationId)) ?? undefined;
  if (!questionnaireId || !ids.includes(questionnaireId)) {
    throw badRequest("Questionnaire not used by this evaluation", [
      {
        field: "questionnaireId",
        ...inWords("evaluation.questionnaireNotUsed", { value: questionnaireId ?? "", ids: ids.join(", ") }),
      },
    ]);
  }
  const latest = await catalogue.model(db, questionnaireId, await catalogue.latestVersion(db, questionnaireId));
  const keyOrder = groupKeyOrder(latest.survey, options.groupBy);
  const rows = await submittedResponses(db, evaluationId, questionnaireId);
  const summary = buildEvaluationSummary({
    questions: describeSummaryQuestions(latest.survey),
    groupBy: options.groupBy,
    keyOrder,
    responses: rows.map((r) => ({
      region: r.region,
      orgType: r.org_type,
      answers: JSON.parse(r.data),
      submittedAt: r.submitted_at,
    })),
  });
  return { questionnaireId, ...summary };
}

export async function setVerifiedLevel(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  input: { responseId: number; question: string; level: unknown; note: unknown; userId: number },
) {
  const response = await db.selectFrom("responses").selectAll().where("id", "=", input.responseId).executeTakeFirst();
  if (!response) throw notFound("Response");
  const { scoring } = await scoringModelFor(db, catalogue, response.questionnaire_id, response.questionnaire_version);
  const details = [];
  if (!scoring?.items.some((i) => i.question === input.question)) {
    details.push({ field: "question", ...inWords("scores.notScoredQuestion", { question: input.question }) });
  }
  if (typeof input.level !== "number" || !Number.isInteger(input.level) || input.level < 1 || input.level > 4) {
    details.push({ field: "level", ...inWords("scores.level") });
  }
  if (typeof input.note !== "string" || input.note.trim() === "") {
    details.push({ field: "note", ...inWords("scores.noteRequired") });
  } else if (input.note.length > 4000) {
    details.push({ field: "note", ...inWords("schema.maxLength", { count: 4000 }) });
  }
  if (details.length > 0) throw unprocessable("invalid_verified_level", "The verified level was not saved", details);
  if (response.status !== "submitted") throw conflict("not_submitted", "Only submitted responses can be verified");
  const previous = await findVerifiedLevel(db, input.responseId, input.question);
  await saveVerifiedLevel(db, {
    responseId: input.responseId,
    question: input.question,
    level: input.level as number,
    note: (input.note as string).trim(),
    userId: input.userId,
    previous: previous?.level ?? null,
  });
  await refreshResponseScores(db, catalogue, input.responseId);
  return { question: input.question, level: input.level as number, note: (input.note as string).trim() };
}

/** The verified levels of a response and every change made to them, with who made it. */
export async function verifiedLevelsView(db: Db, responseId: number) {
  const [levels, history] = await Promise.all([
    listVerifiedLevels(db, responseId),
    verifiedLevelHistory(db, responseId),
  ]);
  return {
    levels: levels.map((l) => ({
      question: l.question,
      level: l.level,
      note: l.note,
      updatedAt: l.updated_at,
      by: l.user_name,
    })),
    history: history.map((h) => ({
      question: h.question,
      previousLevel: h.previous_level,
      level: h.level,
      note: h.note,
      at: h.created_at,
      by: h.user_name,
    })),
  };
}
