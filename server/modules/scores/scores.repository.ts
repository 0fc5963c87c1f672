import type { Db } from "../../db/database.ts";
import { lockingSkipped } from "../../db/dialect.ts";
import type { ResponseScoresTable } from "../../db/schema.ts";

/** Stores score rows, several in one statement (each response and basis once), replacing any stored before. */
export async function upsertScores(db: Db, rows: ResponseScoresTable[]) {
  if (rows.length === 0) return;
  await db
    .insertInto("response_scores")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["response_id", "basis"]).doUpdateSet((eb) => ({
        scoring_id: eb.ref("excluded.scoring_id"),
        scoring_version: eb.ref("excluded.scoring_version"),
        questionnaire_version: eb.ref("excluded.questionnaire_version"),
        overall_status: eb.ref("excluded.overall_status"),
        overall_level: eb.ref("excluded.overall_level"),
        trace: eb.ref("excluded.trace"),
        computed_at: eb.ref("excluded.computed_at"),
      })),
    )
    .execute();
}

export async function deleteScoresOf(db: Db, responseIds: readonly number[]) {
  if (responseIds.length === 0) return;
  await db
    .deleteFrom("response_scores")
    .where("response_id", "in", [...responseIds])
    .execute();
}

/** What scoring reads of the responses `ids`. */
export function responsesToScore(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("responses")
    .select(["id", "status", "questionnaire_id", "questionnaire_version", "data"])
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
}

export function findScore(db: Db, responseId: number, basis: "self" | "verified") {
  return db
    .selectFrom("response_scores")
    .selectAll()
    .where("response_id", "=", responseId)
    .where("basis", "=", basis)
    .executeTakeFirst();
}

export async function verifiedLevelsOf(db: Db, responseId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("verified_levels")
    .select(["question", "level"])
    .where("response_id", "=", responseId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.question, r.level]));
}

/** The verified levels of several responses, by response (those without any are absent). */
export async function verifiedLevelsOfResponses(
  db: Db,
  responseIds: readonly number[],
): Promise<Map<number, Record<string, number>>> {
  const byResponse = new Map<number, Record<string, number>>();
  if (responseIds.length === 0) return byResponse;
  const rows = await db
    .selectFrom("verified_levels")
    .select(["response_id", "question", "level"])
    .where("response_id", "in", [...responseIds])
    .execute();
  for (const row of rows) {
    const levels = byResponse.get(row.response_id) ?? {};
    levels[row.question] = row.level;
    byResponse.set(row.response_id, levels);
  }
  return byResponse;
}

export function listVerifiedLevels(db: Db, responseId: number) {
  return db
    .selectFrom("verified_levels")
    .leftJoin("users", "users.id", "verified_levels.user_id")
    .select([
      "verified_levels.question",
      "verified_levels.level",
      "verified_levels.note",
      "verified_levels.updated_at",
      "users.name as user_name",
    ])
    .where("verified_levels.response_id", "=", responseId)
    .orderBy("verified_levels.question")
    .execute();
}

export function findVerifiedLevel(db: Db, responseId: number, question: string) {
  return db
    .selectFrom("verified_levels")
    .selectAll()
    .where("response_id", "=", responseId)
    .where("question", "=", question)
    .executeTakeFirst();
}

export async function saveVerifiedLevel(
  db: Db,
  change: {
    responseId: number;
    question: string;
    level: number;
    note: string;
    userId: number;
    previous: number | null;
  },
) {
  const now = new Date().toISOString();
  await db
    .insertInto("verified_levels")
    .values({
      response_id: change.responseId,
      question: change.question,
      level: change.level,
      note: change.note,
      user_id: change.userId,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(["response_id", "question"])
        .doUpdateSet({ level: change.level, note: change.note, user_id: change.userId, updated_at: now }),
    )
    .execute();
  await db
    .insertInto("verified_level_history")
    .values({
      response_id: change.responseId,
      question: change.question,
      previous_level: change.previous,
      level: change.level,
      note: change.note,
      user_id: change.userId,
      created_at: now,
    })
    .execute();
}

export function verifiedLevelHistory(db: Db, responseId: number) {
  return db
    .selectFrom("verified_level_history")
    .leftJoin("users", "users.id", "verified_level_history.user_id")
    .select([
      "verified_level_history.question",
      "verified_level_history.previous_level",
      "verified_level_history.level",
      "verified_level_history.note",
      "verified_level_history.created_at",
      "users.name as user_name",
    ])
    .where("verified_level_history.response_id", "=", responseId)
    .orderBy("verified_level_history.id", "desc")
    .execute();
}

/** Submitted responses of one questionnaire in an evaluation, with what grouping needs. */
export function submittedResponses(db: Db, evaluationId: number, questionnaireId: string) {
  return db
    .selectFrom("responses")
    .innerJoin("organizations", "organizations.id", "responses.organization_id")
    .select([
      "responses.id",
      "responses.organization_id",
      "responses.questionnaire_version",
      "responses.data",
      "responses.submitted_at",
      "responses.mode",
      "organizations.name",
      "organizations.region",
      "organizations.org_type",
    ])
    .where("responses.evaluation_id", "=", evaluationId)
    .where("responses.questionnaire_id", "=", questionnaireId)
    .where("responses.status", "=", "submitted")
    .orderBy("responses.submitted_at")
    .orderBy("responses.id")
    .execute();
}

export function storedTraces(db: Db, responseIds: number[], basis: "self" | "verified") {
  if (responseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("response_scores")
    .select(["response_id", "trace"])
    .where("response_id", "in", responseIds)
    .where("basis", "=", basis)
    .execute();
}

/** Submitted responses without stored scores, oldest first, with the questionnaire version they answered. */
/**
 * Of `ids`, the submitted responses still without scores, locked for this transaction on PostgreSQL: another
 * instance scoring the same ones at the same time skips them (and finds them scored afterwards), so each is
 * scored once.
 */
export async function claimUnscored(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const query = db
    .selectFrom("responses as r")
    .select("r.id")
    .where("r.id", "in", [...ids])
    .where("r.status", "=", "submitted")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("response_scores as s")
            .select("s.response_id")
            .whereRef("s.response_id", "=", "r.id")
            .where("s.basis", "=", "verified"),
        ),
      ),
    )
    .orderBy("r.id");
  const rows = await lockingSkipped(db, query).execute();
  return rows.map((row) => row.id);
}

export function unscoredResponses(db: Db) {
  return db
    .selectFrom("responses as r")
    .leftJoin("response_scores as s", (join) => join.onRef("s.response_id", "=", "r.id").on("s.basis", "=", "verified"))
    .select(["r.id", "r.questionnaire_id", "r.questionnaire_version"])
    .where("r.status", "=", "submitted")
    .where("s.response_id", "is", null)
    .orderBy("r.id")
    .execute();
}
