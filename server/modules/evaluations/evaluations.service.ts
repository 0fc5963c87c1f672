import type { Db } from "../../db/database.ts";
import type { Evaluation } from "../../db/schema.ts";
import { badRequest, notFound } from "../../errors.ts";
import { parseDeadline } from "../parse-deadline.ts";
import { findLatestVersionNumber } from "../questionnaires/questionnaires.repository.ts";
import {
  findEvaluation,
  insertEvaluation,
  listEvaluations,
  progressByEvaluation,
  questionnaireIdsByEvaluation,
} from "./evaluations.repository.ts";
import type { EvaluationView, NewEvaluationBody } from "./evaluations.schemas.ts";

export async function createEvaluation(db: Db, body: NewEvaluationBody, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    for (const [i, id] of body.questionnaireIds.entries()) {
      if ((await findLatestVersionNumber(trx, id)) === null) {
        throw badRequest("Unknown questionnaire", [
          { field: `questionnaireIds.${i}`, message: `no questionnaire "${id}"` },
        ]);
      }
    }
    if (body.baselineEvaluationId && !(await findEvaluation(trx, body.baselineEvaluationId))) {
      throw badRequest("Unknown baseline evaluation", [
        { field: "baselineEvaluationId", message: "no such evaluation" },
      ]);
    }
    return insertEvaluation(trx, {
      name: body.name.trim(),
      round: body.round?.trim() || null,
      baselineEvaluationId: body.baselineEvaluationId ?? null,
      closesAt: parseDeadline(body.closesAt, "closesAt"),
      createdBy: userId,
      questionnaireIds: body.questionnaireIds,
    });
  });
}

async function toViews(db: Db, rows: Evaluation[]): Promise<EvaluationView[]> {
  const ids = rows.map((r) => r.id);
  const [questionnaires, progress] = await Promise.all([
    questionnaireIdsByEvaluation(db, ids),
    progressByEvaluation(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    round: r.round,
    baselineEvaluationId: r.baseline_evaluation_id,
    status: r.status,
    closesAt: r.closes_at,
    questionnaireIds: questionnaires.get(r.id) ?? [],
    createdAt: r.created_at,
    progress: progress.get(r.id)!,
  }));
}

export async function getEvaluationView(db: Db, id: number): Promise<EvaluationView> {
  const row = await findEvaluation(db, id);
  if (!row) throw notFound("Evaluation");
  const [view] = await toViews(db, [row]);
  return view!;
}

export async function listEvaluationViews(db: Db): Promise<EvaluationView[]> {
  return toViews(db, await listEvaluations(db));
}

/** Links of a closed evaluation, or one past its closing date, stop accepting answers. */
export function isEvaluationClosed(evaluation: Evaluation, now = new Date()): boolean {
  return evaluation.status === "closed" || (evaluation.closes_at !== null && evaluation.closes_at <= now.toISOString());
}
