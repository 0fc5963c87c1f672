import type { Db } from "../../db/database.ts";
import type { Evaluation, EvaluationUpdate } from "../../db/schema.ts";
import type { Role } from "../../value-lists.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { addOwner, evaluationRoleOf } from "../members/members.service.ts";
import { parseDeadline } from "../parse-deadline.ts";
import { findLatestVersionNumber } from "../questionnaires/questionnaires.repository.ts";
import {
  countInvitations,
  findEvaluation,
  insertEvaluation,
  listEvaluations,
  progressByEvaluation,
  questionnaireIdsByEvaluation,
  questionnaireStandings,
  updateEvaluationRow,
} from "./evaluations.repository.ts";
import type { EvaluationView, NewEvaluationBody, UpdateEvaluationBody } from "./evaluations.schemas.ts";
import { pickDefaultQuestionnaire } from "./default-questionnaire.ts";
import { inWords } from "../../i18n/details.ts";

/** Who asks: evaluations are seen through membership (server/modules/members/). */
export interface Viewer {
  id: number;
  role: Role;
}

/** Creates an evaluation; its creator becomes its owner. */
export async function createEvaluation(db: Db, body: NewEvaluationBody, creator: Viewer): Promise<number> {
  for (const [i, id] of body.questionnaireIds.entries()) {
    if ((await findLatestVersionNumber(db, id)) === null) {
      throw badRequest("Unknown questionnaire", [
        { field: `questionnaireIds.${i}`, ...inWords("questionnaire.noSuch", { id }) },
      ]);
    }
  }
  // A baseline the creator may not read is unknown to them: comparing against it would show its data.
  if (body.baselineEvaluationId && !(await evaluationRoleOf(db, creator, body.baselineEvaluationId))) {
    throw badRequest("Unknown baseline evaluation", [
      { field: "baselineEvaluationId", ...inWords("evaluation.noSuch") },
    ]);
  }
  const id = await insertEvaluation(db, {
    name: body.name.trim(),
    round: body.round?.trim() || null,
    baselineEvaluationId: body.baselineEvaluationId ?? null,
    closesAt: parseDeadline(body.closesAt, "closesAt"),
    reminderDaysBefore: body.reminderDaysBefore ?? null,
    createdBy: creator.id,
    questionnaireIds: body.questionnaireIds,
  });
  await addOwner(db, id, creator.id);
  return id;
}

async function toViews(db: Db, rows: Evaluation[]): Promise<EvaluationView[]> {
  const ids = rows.map((r) => r.id);
  const [questionnaires, progress, standings] = await Promise.all([
    questionnaireIdsByEvaluation(db, ids),
    progressByEvaluation(db, ids),
    questionnaireStandings(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    round: r.round,
    baselineEvaluationId: r.baseline_evaluation_id,
    status: r.status,
    closesAt: r.closes_at,
    reminderDaysBefore: r.reminder_days_before,
    questionnaireIds: questionnaires.get(r.id) ?? [],
    defaultQuestionnaireId: pickDefaultQuestionnaire(standings.get(r.id) ?? []),
    createdAt: r.created_at,
    progress: progress.get(r.id)!,
    conclusions: r.conclusions ?? null,
    recommendations: r.recommendations ?? null,
  }));
}

export async function getEvaluationView(db: Db, id: number): Promise<EvaluationView> {
  const row = await findEvaluation(db, id);
  if (!row) throw notFound("Evaluation");
  const [view] = await toViews(db, [row]);
  return view!;
}

/** The questionnaire the evaluation's reports, exports and scores are about when none is named (pickDefaultQuestionnaire). */
export async function defaultQuestionnaireId(db: Db, evaluationId: number): Promise<string | null> {
  return pickDefaultQuestionnaire((await questionnaireStandings(db, [evaluationId])).get(evaluationId) ?? []);
}

/** The evaluations the user may see: all for admins, the ones they are a member of for the others. */
export async function listEvaluationViews(db: Db, viewer: Viewer): Promise<EvaluationView[]> {
  return toViews(db, await listEvaluations(db, viewer.role === "admin" ? undefined : viewer.id));
}

/** Links of a closed evaluation, or one past its closing date, stop accepting answers. */
export function isEvaluationClosed(evaluation: Pick<Evaluation, "status" | "closes_at">, now = new Date()): boolean {
  return evaluation.status === "closed" || (evaluation.closes_at !== null && evaluation.closes_at <= now.toISOString());
}

/**
 * Changes an evaluation. Closing is `status: "closed"`; reopening is `status: "open"` and/or a later `closesAt`
 * (an evaluation past its closing date is closed whatever its status). A closing date given must lie ahead,
 * unless the evaluation is being closed; reopening past the closing date needs a new one.
 */
export async function updateEvaluation(
  db: Db,
  id: number,
  body: UpdateEvaluationBody,
  viewer: Viewer,
): Promise<EvaluationView> {
  const evaluation = await findEvaluation(db, id);
  if (!evaluation) throw notFound("Evaluation");
  const now = new Date().toISOString();
  const status = body.status ?? evaluation.status;
  const changes: EvaluationUpdate = {};
  if (body.name !== undefined) {
    const name = body.name.trim();
    if (!name) throw badRequest("Invalid name", [{ field: "name", ...inWords("field.blank") }]);
    changes.name = name;
  }
  if (body.round !== undefined) changes.round = body.round?.trim() || null;
  if (body.baselineEvaluationId !== undefined) {
    if (body.baselineEvaluationId !== null) await checkBaseline(db, id, body.baselineEvaluationId, viewer);
    changes.baseline_evaluation_id = body.baselineEvaluationId;
  }
  if (body.closesAt !== undefined) {
    const closesAt = parseDeadline(body.closesAt, "closesAt");
    if (closesAt !== null && closesAt <= now && status !== "closed") {
      throw badRequest("The closing date has passed", [{ field: "closesAt", ...inWords("evaluation.closesInPast") }]);
    }
    changes.closes_at = closesAt;
  }
  if (body.status !== undefined) {
    if (body.status === "draft" && evaluation.status !== "draft" && (await countInvitations(db, id)) > 0) {
      throw conflict("has_invitations", "An evaluation that has invitations cannot go back to draft");
    }
    const closesAt = changes.closes_at !== undefined ? changes.closes_at : evaluation.closes_at;
    if (body.status === "open" && closesAt !== null && closesAt <= now) {
      throw badRequest("The closing date has passed", [
        { field: "closesAt", ...inWords("evaluation.closedDatePassed") },
      ]);
    }
    changes.status = body.status;
  }
  await updateEvaluationRow(db, id, changes);
  return getEvaluationView(db, id);
}

/** A baseline must exist and must not lead back to the evaluation itself. */
async function checkBaseline(db: Db, id: number, baselineId: number, viewer: Viewer): Promise<void> {
  const field = "baselineEvaluationId";
  if (!(await evaluationRoleOf(db, viewer, baselineId))) {
    throw badRequest("Unknown baseline evaluation", [{ field, ...inWords("evaluation.noSuch") }]);
  }
  const seen = new Set<number>();
  let cursor: number | null = baselineId;
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === id) {
      throw badRequest("Invalid baseline evaluation", [{ field, ...inWords("evaluation.baselineLoop") }]);
    }
    seen.add(cursor);
    const baseline = await findEvaluation(db, cursor);
    if (!baseline) {
      if (cursor === baselineId)
        throw badRequest("Unknown baseline evaluation", [{ field, ...inWords("evaluation.noSuch") }]);
      return;
    }
    cursor = baseline.baseline_evaluation_id;
  }
}
