import { isDeepStrictEqual } from "node:util";
import type { Db } from "../../db/database.ts";
import type { Commit } from "../../db/transaction.ts";
import type { NewResponseRevision, ResponseRow } from "../../db/schema.ts";
import type { Role } from "../../value-lists.ts";
import { AppError, conflict, notFound, unprocessable } from "../../errors.ts";
import type { Answers } from "../../survey-model/answers.ts";
import { findEvaluation } from "../evaluations/evaluations.repository.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import { refreshResponseScores } from "../scores/scores.service.ts";
import { diffAnswers, type AnswerChange } from "./answer-diff.ts";
import {
  findResponse,
  findUserName,
  insertRevision,
  listRevisions,
  selectResponses,
  updateResponse,
  type ResponseFilters,
  type ResponseListRow,
} from "./responses.repository.ts";
import {
  maxReasonLength,
  type AllResponsesQuery,
  type CorrectionBody,
  type CorrectionResult,
  type Interviewee,
  type ResponseCopy,
  type ResponseDetail,
  type ResponseListItem,
  type ResponseListQuery,
  type RevisionView,
} from "./responses.schemas.ts";
import { inWords } from "../../i18n/details.ts";

export function parseInterviewee(text: string | null): Interviewee | null {
  if (!text) return null;
  const value = JSON.parse(text) as Partial<Interviewee>;
  return { name: value.name ?? "", position: value.position ?? "", agency: value.agency ?? "" };
}

function toListItem(row: ResponseListRow): ResponseListItem {
  return {
    id: row.id,
    evaluationId: row.evaluation_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    region: row.region,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    invitationId: row.invitation_id,
    clientId: row.client_id,
    mode: row.mode,
    status: row.status,
    revision: row.revision,
    interviewee: parseInterviewee(row.interviewee),
    conductedAt: row.conducted_at,
    place: row.place,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    interviewerId: row.interviewer_id,
    interviewerName: row.interviewer_name,
    updatedBy: row.updated_by === null ? null : { id: row.updated_by, name: row.updated_by_name ?? "" },
  };
}

function foldCase(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase();
}

/** The text of the answers: strings and numbers at any depth, not the question names that key them. */
function* answerTexts(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (typeof value === "number") yield String(value);
  else if (Array.isArray(value)) for (const item of value) yield* answerTexts(item);
  else if (typeof value === "object" && value !== null)
    for (const item of Object.values(value)) yield* answerTexts(item);
}

function matchesSearch(row: ResponseListRow & { data: string }, needle: string): boolean {
  const interviewee = parseInterviewee(row.interviewee);
  const texts = [row.organization_name, row.place ?? "", interviewee?.name, interviewee?.position, interviewee?.agency];
  if (texts.some((t) => t && foldCase(t).includes(needle))) return true;
  for (const text of answerTexts(JSON.parse(row.data))) if (foldCase(text).includes(needle)) return true;
  return false;
}

/**
 * Search runs here rather than as SQL LIKE: SQLite folds the case of ASCII letters only (Cyrillic names would not
 * match), and a LIKE over the JSON text would also match question names. Rows are streamed, so memory holds the
 * matches, not every answer set.
 */
async function listResponses(db: Db, filters: ResponseFilters, q: string | undefined): Promise<ResponseListItem[]> {
  const needle = foldCase(q?.trim() ?? "");
  if (!needle) return (await selectResponses(db, filters).execute()).map(toListItem);
  const items: ResponseListItem[] = [];
  for await (const row of selectResponses(db, filters).select("responses.data").stream()) {
    if (matchesSearch(row, needle)) items.push(toListItem(row));
  }
  return items;
}

function filtersOf(query: ResponseListQuery): ResponseFilters {
  return {
    status: query.status,
    mode: query.mode,
    organizationId: query.organizationId === undefined ? undefined : Number(query.organizationId),
    region: query.region,
    questionnaireId: query.questionnaireId,
  };
}

export async function listEvaluationResponses(db: Db, evaluationId: number, query: ResponseListQuery) {
  if (!(await findEvaluation(db, evaluationId))) throw notFound("Evaluation");
  return listResponses(db, { ...filtersOf(query), evaluationId }, query.q);
}

/** Responses across evaluations: for a non-admin, of the evaluations they are a member of only. */
export function listAllResponses(db: Db, query: AllResponsesQuery, viewer: { id: number; role: Role }) {
  const evaluationId = query.evaluationId === undefined ? undefined : Number(query.evaluationId);
  const memberId = viewer.role === "admin" ? undefined : viewer.id;
  return listResponses(db, { ...filtersOf(query), evaluationId, memberId }, query.q);
}

export async function getResponseDetail(db: Db, id: number): Promise<ResponseDetail> {
  const row = await selectResponses(db, { responseId: id })
    .innerJoin("questionnaires", (join) =>
      join
        .onRef("questionnaires.id", "=", "responses.questionnaire_id")
        .onRef("questionnaires.version", "=", "responses.questionnaire_version"),
    )
    .select(["responses.data", "questionnaires.title as questionnaire_title"])
    .executeTakeFirst();
  if (!row) throw notFound("Response");
  return {
    ...toListItem(row),
    data: JSON.parse(row.data) as Answers,
    locale: row.locale,
    questionnaireTitle: row.questionnaire_title,
  };
}

export async function listRevisionViews(db: Db, id: number): Promise<RevisionView[]> {
  if (!(await findResponse(db, id))) throw notFound("Response");
  const rows = await listRevisions(db, id);
  return rows.map((r) => ({
    revision: r.revision,
    createdAt: r.created_at,
    user: r.user_id === null ? null : { id: r.user_id, name: r.user_name ?? "" },
    reason: r.reason,
    diff: JSON.parse(r.diff) as AnswerChange[],
  }));
}

/** The server's copy of a response, for a 409: the client merges it with its own, field by field. */
export async function responseCopy(db: Db, row: ResponseRow): Promise<ResponseCopy> {
  const editor = row.updated_by === null ? undefined : await findUserName(db, row.updated_by);
  return {
    responseId: row.id,
    revision: row.revision,
    status: row.status,
    data: JSON.parse(row.data) as Answers,
    organizationId: row.organization_id,
    interviewee: parseInterviewee(row.interviewee),
    conductedAt: row.conducted_at,
    place: row.place,
    locale: row.locale,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    updatedBy: editor ? { id: editor.id, name: editor.name } : null,
  };
}

export async function revisionConflict(db: Db, row: ResponseRow): Promise<AppError> {
  return new AppError(
    409,
    "revision_conflict",
    `This response changed since the revision you started from (it is now at revision ${row.revision})`,
    [],
    { current: await responseCopy(db, row) },
  );
}

/** A reason for a change after submission: required, 1..2000 characters once trimmed. */
export function requireReason(reason: string | undefined): string {
  const trimmed = reason?.trim() ?? "";
  if (trimmed.length === 0)
    throw unprocessable("reason_required", "Say why the submitted answers change", [
      { field: "reason", ...inWords("response.reasonRequired") },
    ]);
  if (trimmed.length > maxReasonLength)
    throw unprocessable("reason_too_long", `The reason is longer than ${maxReasonLength} characters`, [
      { field: "reason", ...inWords("schema.maxLength", { count: maxReasonLength }) },
    ]);
  return trimmed;
}

/** A submission's audit row (see recordSubmission), for writing with others (insertRevisions). */
export function submissionRevision(submission: {
  responseId: number;
  revision: number;
  data: Answers;
  userId: number | null;
  at: string;
}): NewResponseRevision {
  return {
    response_id: submission.responseId,
    revision: submission.revision,
    data: JSON.stringify(submission.data),
    diff: JSON.stringify(diffAnswers({}, submission.data)),
    reason: null,
    user_id: submission.userId,
    created_at: submission.at,
  };
}

/**
 * Writes the revision row of a submission: the first revision of a response, its diff taken against no answers.
 * Drafts before it are the respondent's (or interviewer's) own work in progress, not revisions.
 */
export function recordSubmission(db: Db, submission: Parameters<typeof submissionRevision>[0]) {
  return insertRevision(db, submissionRevision(submission));
}

/** Writes the revision row of a change after submission (the caller re-scores the response). */
export async function recordChange(
  db: Db,
  change: {
    responseId: number;
    revision: number;
    data: Answers;
    diff: AnswerChange[];
    reason: string;
    userId: number;
    at: string;
  },
) {
  await insertRevision(db, {
    response_id: change.responseId,
    revision: change.revision,
    data: JSON.stringify(change.data),
    diff: JSON.stringify(change.diff),
    reason: change.reason,
    user_id: change.userId,
    created_at: change.at,
  });
}

/**
 * An evaluator's correction of submitted answers: validated like a submission (in a worker, before `commit` takes
 * the write lock), kept as a new revision.
 */
export async function correctResponse(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  id: number,
  body: CorrectionBody,
  userId: number,
  commit: Commit,
): Promise<CorrectionResult> {
  const found = await findResponse(db, id);
  if (!found) throw notFound("Response");
  if (found.status !== "submitted") {
    throw conflict("not_submitted", "This response is still a draft: its answers belong to whoever is filling it in");
  }
  const reason = requireReason(body.reason);
  const { issues, cleaned } = await catalogue.validate(
    db,
    found.questionnaire_id,
    found.questionnaire_version,
    body.data as Answers,
    found.locale ?? undefined,
  );
  if (issues.length > 0) throw unprocessable("invalid_answers", `${issues.length} answer(s) need attention`, issues);

  return commit(async (trx) => {
    const current = (await findResponse(trx, id))!;
    const before = JSON.parse(current.data) as Answers;
    // Checked before the base revision, so that a retried correction whose answer was lost gets its answer.
    if (isDeepStrictEqual(before, cleaned)) return { responseId: id, revision: current.revision, changed: false };
    if (body.baseRevision !== undefined && body.baseRevision !== current.revision) {
      throw await revisionConflict(trx, current);
    }
    const now = new Date().toISOString();
    const revision = current.revision + 1;
    await updateResponse(trx, id, {
      data: JSON.stringify(cleaned),
      revision,
      updated_at: now,
      updated_by: userId,
      // A replay of the interview PUT that wrote the old answers must not pass for the current state.
      client_request_hash: null,
    });
    const diff = diffAnswers(before, cleaned);
    await recordChange(trx, { responseId: id, revision, data: cleaned, diff, reason, userId, at: now });
    await refreshResponseScores(trx, catalogue, id);
    return { responseId: id, revision, changed: true };
  });
}
