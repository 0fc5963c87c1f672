import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { QuestionnairesTable } from "../../db/schema.ts";

export function findVersionByHash(db: Db, id: string, contentHash: string) {
  return db
    .selectFrom("questionnaires")
    .select(["id", "version"])
    .where("id", "=", id)
    .where("content_hash", "=", contentHash)
    .executeTakeFirst();
}

export async function findLatestVersionNumber(db: Db, id: string): Promise<number | null> {
  const row = await db
    .selectFrom("questionnaires")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.version ?? null;
}

export function findQuestionnaire(db: Db, id: string, version: number) {
  return db
    .selectFrom("questionnaires")
    .selectAll()
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
}

export function insertQuestionnaireVersion(db: Db, row: QuestionnairesTable) {
  return db.insertInto("questionnaires").values(row).execute();
}

/** A condition for queries that read `questionnaires as q`: that row is its questionnaire's newest version. */
export const qIsLatestVersion = sql<boolean>`q.version = (select max(latest.version) from questionnaires as latest
  where latest.id = q.id)`;

/** The newest version of every questionnaire, with who published it and when. */
export function listLatestQuestionnaires(db: Db) {
  return db
    .selectFrom("questionnaires as q")
    .leftJoin("users as u", "u.id", "q.created_by")
    .select([
      "q.id",
      "q.version",
      "q.title",
      "q.audience",
      "q.scoring_id",
      "q.scoring_version",
      "q.question_count",
      "q.created_at",
      "q.created_by",
      "u.name as publisher_name",
    ])
    .where(qIsLatestVersion)
    .orderBy("q.id")
    .execute();
}

/** Every version of a questionnaire, newest first, with who published it (null: loaded from surveys/). */
export function listVersions(db: Db, id: string) {
  return db
    .selectFrom("questionnaires as q")
    .leftJoin("users as u", "u.id", "q.created_by")
    .select([
      "q.version",
      "q.title",
      "q.source",
      "q.created_at",
      "q.question_count",
      "q.scoring_id",
      "q.scoring_version",
      "q.created_by",
      "u.name as publisher_name",
    ])
    .where("q.id", "=", id)
    .orderBy("q.version", "desc")
    .execute();
}

/** Invitations pinned to each version of a questionnaire, per evaluation. */
export function countInvitationsByVersion(db: Db, id: string) {
  return db
    .selectFrom("invitations as i")
    .innerJoin("evaluations as e", "e.id", "i.evaluation_id")
    .select((eb) => [
      "i.questionnaire_version as version",
      "e.id as evaluationId",
      "e.name",
      eb.fn.countAll<number>().as("n"),
    ])
    .where("i.questionnaire_id", "=", id)
    .groupBy(["i.questionnaire_version", "e.id"])
    .execute();
}

/** Responses (drafts, interviews and submissions) answered on each version of a questionnaire, per evaluation. */
export function countResponsesByVersion(db: Db, id: string) {
  return db
    .selectFrom("responses as r")
    .innerJoin("evaluations as e", "e.id", "r.evaluation_id")
    .select((eb) => [
      "r.questionnaire_version as version",
      "e.id as evaluationId",
      "e.name",
      eb.fn.countAll<number>().as("n"),
    ])
    .where("r.questionnaire_id", "=", id)
    .groupBy(["r.questionnaire_version", "e.id"])
    .execute();
}
