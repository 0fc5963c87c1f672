import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Db } from "../../db/database.ts";
import type { Commit } from "../../db/transaction.ts";
import type { ResponseRow } from "../../db/schema.ts";
import type { ResponseStatus } from "../../value-lists.ts";
import { AppError, badRequest, conflict, notFound, unprocessable, type ErrorDetail } from "../../errors.ts";
import { refreshResponseScores } from "../scores/scores.service.ts";
import type { Answers } from "../../survey-model/answers.ts";
import { findEvaluation, questionnaireIdsByEvaluation } from "../evaluations/evaluations.repository.ts";
import { findOrganization } from "../organizations/organizations.repository.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import { findQuestionnaire } from "../questionnaires/questionnaires.repository.ts";
import { diffAnswers, type AnswerChange } from "../responses/answer-diff.ts";
import { findResponseByClientId, insertResponse, updateResponse } from "../responses/responses.repository.ts";
import type { Interviewee } from "../responses/responses.schemas.ts";
import {
  getResponseDetail,
  parseInterviewee,
  recordChange,
  recordSubmission,
  requireReason,
  revisionConflict,
} from "../responses/responses.service.ts";
import type { InterviewBody, InterviewSaved } from "./interviews.schemas.ts";
import { inWords } from "../../i18n/details.ts";

/** What an interview PUT sets, normalised as stored. */
interface InterviewState {
  organizationId: number;
  status: ResponseStatus;
  data: Answers;
  interviewee: Interviewee;
  conductedAt: string;
  place: string | null;
}

function normaliseConductedAt(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw badRequest("Invalid conductedAt", [{ field: "conductedAt", ...inWords("field.notDate") }]);
  return date.toISOString();
}

function requestedState(body: InterviewBody, data: Answers): InterviewState {
  return {
    organizationId: body.organizationId,
    status: body.status,
    data,
    interviewee: {
      name: body.interviewee.name?.trim() ?? "",
      position: body.interviewee.position?.trim() ?? "",
      agency: body.interviewee.agency?.trim() ?? "",
    },
    conductedAt: normaliseConductedAt(body.conductedAt),
    place: body.place?.trim() || null,
  };
}

function storedState(row: ResponseRow): InterviewState {
  return {
    organizationId: row.organization_id,
    status: row.status,
    data: JSON.parse(row.data) as Answers,
    interviewee: parseInterviewee(row.interviewee) ?? { name: "", position: "", agency: "" },
    conductedAt: row.conducted_at ?? "",
    place: row.place,
  };
}

/** JSON with object keys sorted at every depth: the same content hashes the same whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The content of a request, without baseRevision and reason: a replay carries the same stale baseRevision. */
function requestHash(body: InterviewBody): string {
  const { baseRevision: _base, reason: _reason, ...content } = body;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

async function checkReferences(db: Db, body: InterviewBody): Promise<void> {
  const details: ErrorDetail[] = [];
  const [evaluation, organization, questionnaire] = await Promise.all([
    findEvaluation(db, body.evaluationId),
    findOrganization(db, body.organizationId),
    findQuestionnaire(db, body.questionnaireId, body.questionnaireVersion),
  ]);
  if (!evaluation) details.push({ field: "evaluationId", ...inWords("evaluation.noSuch") });
  else {
    const used = (await questionnaireIdsByEvaluation(db, [evaluation.id])).get(evaluation.id) ?? [];
    if (!used.includes(body.questionnaireId))
      details.push({ field: "questionnaireId", ...inWords("evaluation.notItsQuestionnaire") });
  }
  if (!questionnaire) details.push({ field: "questionnaireVersion", ...inWords("questionnaire.noSuchVersion") });
  if (!organization) details.push({ field: "organizationId", ...inWords("organization.noSuch") });
  if (details.length > 0) throw badRequest("Unknown evaluation, organisation or questionnaire", details);
}

/** A submitted interview must say whom it was with; the name alone may stay empty. */
function intervieweeIssues(state: InterviewState): ErrorDetail[] {
  if (state.status !== "submitted" || state.interviewee.position || state.interviewee.agency) return [];
  return [{ field: "interviewee", ...inWords("interview.whoRequired") }];
}

function throwIfInvalid(answerIssues: ErrorDetail[], fieldIssues: ErrorDetail[]): void {
  if (answerIssues.length > 0) {
    const all = [...answerIssues, ...fieldIssues];
    throw unprocessable("invalid_answers", `${answerIssues.length} answer(s) need attention`, all);
  }
  if (fieldIssues.length > 0)
    throw unprocessable("invalid_interview", "The interview details are incomplete", fieldIssues);
}

/** Changes to the interview's own details, beside its answers; `$` keeps them apart from question names. */
function detailChanges(before: InterviewState, after: InterviewState): AnswerChange[] {
  const pairs: Array<[string, unknown, unknown]> = [
    ["$organizationId", before.organizationId, after.organizationId],
    ["$interviewee.name", before.interviewee.name, after.interviewee.name],
    ["$interviewee.position", before.interviewee.position, after.interviewee.position],
    ["$interviewee.agency", before.interviewee.agency, after.interviewee.agency],
    ["$conductedAt", before.conductedAt, after.conductedAt],
    ["$place", before.place, after.place],
  ];
  return pairs.filter(([, b, a]) => b !== a).map(([path, b, a]) => ({ path, before: b, after: a }));
}

function interviewColumns(state: InterviewState) {
  return {
    organization_id: state.organizationId,
    status: state.status,
    data: JSON.stringify(state.data),
    interviewee: JSON.stringify(state.interviewee),
    conducted_at: state.conductedAt,
    place: state.place,
  };
}

function saved(row: ResponseRow): InterviewSaved & { created: boolean } {
  return { responseId: row.id, revision: row.revision, status: row.status, changed: false, created: false };
}

/**
 * Creates or updates an interview from a device. Idempotent on the client's UUID: a replay changes nothing. An
 * existing interview changes only from the revision the device last saw (`baseRevision`); otherwise 409 with the
 * server's copy, so that nothing is overwritten unseen. Drafts bump the revision counter (for conflict detection)
 * but are not revisions; the submission writes the first revision row, and every later change one more, with a
 * reason.
 */
export async function saveInterview(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  clientIdParam: string,
  body: InterviewBody,
  userId: number,
  commit: Commit,
): Promise<InterviewSaved & { created: boolean }> {
  const clientId = clientIdParam.toLowerCase();
  const hash = requestHash(body);
  // A replay of the last stored request (its answer lost on the way back): no validation, no write.
  const known = await findResponseByClientId(db, clientId);
  if (known && known.client_request_hash === hash) return saved(known);

  await checkReferences(db, body);
  let data = body.data as Answers;
  let answerIssues: ErrorDetail[] = [];
  if (body.status === "submitted") {
    const outcome = await catalogue.validate(
      db,
      body.questionnaireId,
      body.questionnaireVersion,
      data,
      body.locale ?? undefined,
    );
    answerIssues = outcome.issues;
    data = outcome.cleaned;
  }
  const next = requestedState(body, data);

  // The answers were checked above, in a worker, before the write lock is taken.
  return commit(async (trx) => {
    const now = new Date().toISOString();
    const existing = await findResponseByClientId(trx, clientId);
    if (!existing) {
      throwIfInvalid(answerIssues, intervieweeIssues(next));
      const responseId = await insertResponse(trx, {
        evaluation_id: body.evaluationId,
        questionnaire_id: body.questionnaireId,
        questionnaire_version: body.questionnaireVersion,
        invitation_id: null,
        client_id: clientId,
        mode: "interview",
        ...interviewColumns(next),
        current_page: 0,
        locale: body.locale ?? null,
        revision: 1,
        interviewer_id: userId,
        updated_by: userId,
        client_request_hash: hash,
        created_at: now,
        updated_at: now,
        submitted_at: next.status === "submitted" ? now : null,
      });
      if (next.status === "submitted") {
        await recordSubmission(trx, { responseId, revision: 1, data, userId, at: now });
        await refreshResponseScores(trx, catalogue, responseId);
      }
      return { responseId, revision: 1, status: next.status, changed: true, created: true };
    }

    if (existing.client_request_hash === hash) return saved(existing);
    const pinned: Array<[string, unknown, unknown]> = [
      ["evaluationId", existing.evaluation_id, body.evaluationId],
      ["questionnaireId", existing.questionnaire_id, body.questionnaireId],
      ["questionnaireVersion", existing.questionnaire_version, body.questionnaireVersion],
    ];
    const moved = pinned.filter(([, stored, sent]) => stored !== sent);
    if (existing.mode !== "interview" || moved.length > 0) {
      throw new AppError(
        409,
        "interview_mismatch",
        "This interview id belongs to another evaluation or questionnaire version",
        moved.map(([field, stored]) => ({ field, ...inWords("interview.onServer", { value: String(stored) }) })),
      );
    }

    const before = storedState(existing);
    if (isDeepStrictEqual(before, next)) return saved(existing);
    if (body.baseRevision == null || body.baseRevision !== existing.revision)
      throw await revisionConflict(trx, existing);
    if (before.status === "submitted" && next.status === "draft") {
      throw conflict("already_submitted", "This interview was submitted; it cannot go back to a draft");
    }
    throwIfInvalid(answerIssues, intervieweeIssues(next));
    const reason = before.status === "submitted" ? requireReason(body.reason) : null;

    const revision = existing.revision + 1;
    const submitting = before.status === "draft" && next.status === "submitted";
    await updateResponse(trx, existing.id, {
      ...interviewColumns(next),
      locale: body.locale ?? existing.locale,
      revision,
      updated_at: now,
      updated_by: userId,
      client_request_hash: hash,
      ...(submitting ? { submitted_at: now } : {}),
    });
    if (submitting) {
      await recordSubmission(trx, { responseId: existing.id, revision, data, userId, at: now });
    } else if (reason !== null) {
      const diff = [...diffAnswers(before.data, next.data), ...detailChanges(before, next)];
      await recordChange(trx, { responseId: existing.id, revision, data, diff, reason, userId, at: now });
    }
    if (next.status === "submitted") await refreshResponseScores(trx, catalogue, existing.id);
    return { responseId: existing.id, revision, status: next.status, changed: true, created: false };
  });
}

export async function getInterview(db: Db, clientId: string) {
  const row = await findResponseByClientId(db, clientId.toLowerCase());
  if (!row) throw notFound("Interview");
  return getResponseDetail(db, row.id);
}
