import type { Db } from "../../db/database.ts";
import type { EvaluationUpdate } from "../../db/schema.ts";
import { invitationStatuses, type InvitationStatus } from "../../value-lists.ts";
import { effectiveStatus } from "../invitation-status.ts";
import type { Progress } from "./evaluations.schemas.ts";
import { qIsLatestVersion } from "../questionnaires/questionnaires.repository.ts";
import type { QuestionnaireStanding } from "./default-questionnaire.ts";

export async function insertEvaluation(
  db: Db,
  evaluation: {
    name: string;
    round: string | null;
    baselineEvaluationId: number | null;
    closesAt: string | null;
    reminderDaysBefore?: number | null;
    createdBy: number;
    questionnaireIds: string[];
  },
): Promise<number> {
  const row = await db
    .insertInto("evaluations")
    .values({
      name: evaluation.name,
      round: evaluation.round,
      baseline_evaluation_id: evaluation.baselineEvaluationId,
      status: "open",
      closes_at: evaluation.closesAt,
      reminder_days_before: evaluation.reminderDaysBefore ?? null,
      created_by: evaluation.createdBy,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("evaluation_questionnaires")
    .values(evaluation.questionnaireIds.map((questionnaire_id) => ({ evaluation_id: row.id, questionnaire_id })))
    .execute();
  return row.id;
}

export function findEvaluation(db: Db, id: number) {
  return db.selectFrom("evaluations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every evaluation, or with `memberId` only those that user is a member of. */
export function listEvaluations(db: Db, memberId?: number) {
  let query = db.selectFrom("evaluations").selectAll();
  if (memberId !== undefined) {
    query = query.where("id", "in", (eb) =>
      eb.selectFrom("evaluation_members").select("evaluation_id").where("user_id", "=", memberId),
    );
  }
  return query.orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

export async function questionnaireIdsByEvaluation(db: Db, evaluationIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (evaluationIds.length === 0) return map;
  const rows = await db
    .selectFrom("evaluation_questionnaires")
    .selectAll()
    .where("evaluation_id", "in", evaluationIds)
    .orderBy("questionnaire_id")
    .execute();
  for (const row of rows) map.set(row.evaluation_id, [...(map.get(row.evaluation_id) ?? []), row.questionnaire_id]);
  return map;
}

export async function progressByEvaluation(db: Db, evaluationIds: number[]): Promise<Map<number, Progress>> {
  const map = new Map<number, Progress>();
  if (evaluationIds.length === 0) return map;
  // Grouped with the expiry too: an unanswered link past its expiry counts as expired, whatever is stored.
  const rows = await db
    .selectFrom("invitations")
    .select(["evaluation_id", "status", "expires_at", (eb) => eb.fn.countAll<number>().as("n")])
    .where("evaluation_id", "in", evaluationIds)
    .groupBy(["evaluation_id", "status", "expires_at"])
    .execute();
  const now = new Date();
  for (const id of evaluationIds) {
    const empty = Object.fromEntries(invitationStatuses.map((s) => [s, 0])) as Record<InvitationStatus, number>;
    map.set(id, { invited: 0, ...empty });
  }
  for (const row of rows) {
    const progress = map.get(row.evaluation_id)!;
    const n = Number(row.n);
    progress.invited += n;
    const status = effectiveStatus(row, now);
    if (status !== "created") progress[status] += n;
  }
  return map;
}

export function updateEvaluationRow(db: Db, id: number, changes: EvaluationUpdate) {
  return db.updateTable("evaluations").set(changes).where("id", "=", id).execute();
}

export async function countInvitations(db: Db, evaluationId: number): Promise<number> {
  const row = await db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("evaluation_id", "=", evaluationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Each questionnaire of the evaluations with what picks the one their reports default to: whether its latest
 * version has a scoring model, and how many responses to it the evaluation has submitted. By questionnaire id.
 */
export async function questionnaireStandings(
  db: Db,
  evaluationIds: number[],
): Promise<Map<number, QuestionnaireStanding[]>> {
  const map = new Map<number, QuestionnaireStanding[]>();
  if (evaluationIds.length === 0) return map;
  const rows = await db
    .selectFrom("evaluation_questionnaires as eq")
    .innerJoin("questionnaires as q", "q.id", "eq.questionnaire_id")
    .select((eb) => [
      "eq.evaluation_id",
      "eq.questionnaire_id",
      "q.scoring_id",
      eb
        .selectFrom("responses as r")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("r.evaluation_id", "=", "eq.evaluation_id")
        .whereRef("r.questionnaire_id", "=", "eq.questionnaire_id")
        .where("r.status", "=", "submitted")
        .as("submitted"),
    ])
    .where("eq.evaluation_id", "in", evaluationIds)
    .where(qIsLatestVersion)
    .orderBy("eq.evaluation_id")
    .orderBy("eq.questionnaire_id")
    .execute();
  for (const row of rows) {
    const standing = { id: row.questionnaire_id, scored: row.scoring_id !== null, submitted: Number(row.submitted) };
    map.set(row.evaluation_id, [...(map.get(row.evaluation_id) ?? []), standing]);
  }
  return map;
}
