import type { Db } from "../../db/database.ts";
import type { NewResponse, NewResponseRevision, ResponsesTable } from "../../db/schema.ts";
import type { ResponseMode, ResponseStatus } from "../../value-lists.ts";
import type { Updateable } from "kysely";

export function findResponseByInvitation(db: Db, invitationId: number) {
  return db.selectFrom("responses").selectAll().where("invitation_id", "=", invitationId).executeTakeFirst();
}

export async function findResponsesByInvitations(db: Db, invitationIds: readonly number[]) {
  if (invitationIds.length === 0) return [];
  return db
    .selectFrom("responses")
    .selectAll()
    .where("invitation_id", "in", [...invitationIds])
    .execute();
}

export function findResponse(db: Db, id: number) {
  return db.selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findResponseByClientId(db: Db, clientId: string) {
  return db.selectFrom("responses").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

export async function insertResponse(db: Db, row: NewResponse): Promise<number> {
  const inserted = await db.insertInto("responses").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Several responses in one statement: each one's id beside its invitation's. Neither database promises `returning`
 * in the order of `values` (SQLite says the order is arbitrary), so the rows say which is which.
 */
export async function insertResponses(db: Db, rows: readonly NewResponse[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto("responses")
    .values([...rows])
    .returning(["id", "invitation_id"])
    .execute();
}

export function updateResponse(db: Db, id: number, changes: Updateable<ResponsesTable>) {
  return db.updateTable("responses").set(changes).where("id", "=", id).execute();
}

export function insertRevision(db: Db, row: NewResponseRevision) {
  return db.insertInto("response_revisions").values(row).execute();
}

export async function insertRevisions(db: Db, rows: readonly NewResponseRevision[]) {
  if (rows.length === 0) return;
  await db
    .insertInto("response_revisions")
    .values([...rows])
    .execute();
}

export function listRevisions(db: Db, responseId: number) {
  return db
    .selectFrom("response_revisions")
    .leftJoin("users", "users.id", "response_revisions.user_id")
    .select([
      "response_revisions.revision",
      "response_revisions.created_at",
      "response_revisions.reason",
      "response_revisions.diff",
      "response_revisions.user_id",
      "users.name as user_name",
    ])
    .where("response_revisions.response_id", "=", responseId)
    .orderBy("response_revisions.revision", "desc")
    .execute();
}

export function findUserName(db: Db, id: number) {
  return db.selectFrom("users").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
}

export interface ResponseFilters {
  evaluationId?: number;
  responseId?: number;
  status?: ResponseStatus;
  mode?: ResponseMode;
  organizationId?: number;
  region?: string;
  questionnaireId?: string;
  /** Only the evaluations this user is a member of. */
  memberId?: number;
}

/** Responses with their organisation and interviewer, newest change first; `data` is not selected. */
export function selectResponses(db: Db, filters: ResponseFilters) {
  let query = db
    .selectFrom("responses")
    .innerJoin("organizations", "organizations.id", "responses.organization_id")
    .leftJoin("users as interviewer", "interviewer.id", "responses.interviewer_id")
    .leftJoin("users as editor", "editor.id", "responses.updated_by")
    .select([
      "responses.id",
      "responses.evaluation_id",
      "responses.organization_id",
      "organizations.name as organization_name",
      "organizations.region",
      "responses.questionnaire_id",
      "responses.questionnaire_version",
      "responses.invitation_id",
      "responses.client_id",
      "responses.mode",
      "responses.status",
      "responses.revision",
      "responses.interviewee",
      "responses.conducted_at",
      "responses.place",
      "responses.locale",
      "responses.submitted_at",
      "responses.updated_at",
      "responses.created_at",
      "responses.interviewer_id",
      "interviewer.name as interviewer_name",
      "responses.updated_by",
      "editor.name as updated_by_name",
    ]);
  if (filters.responseId !== undefined) query = query.where("responses.id", "=", filters.responseId);
  if (filters.evaluationId !== undefined) query = query.where("responses.evaluation_id", "=", filters.evaluationId);
  if (filters.status) query = query.where("responses.status", "=", filters.status);
  if (filters.mode) query = query.where("responses.mode", "=", filters.mode);
  if (filters.organizationId !== undefined)
    query = query.where("responses.organization_id", "=", filters.organizationId);
  if (filters.region) query = query.where("organizations.region", "=", filters.region);
  if (filters.questionnaireId) query = query.where("responses.questionnaire_id", "=", filters.questionnaireId);
  if (filters.memberId !== undefined) {
    const memberId = filters.memberId;
    query = query.where("responses.evaluation_id", "in", (eb) =>
      eb.selectFrom("evaluation_members").select("evaluation_id").where("user_id", "=", memberId),
    );
  }
  return query.orderBy("responses.updated_at", "desc").orderBy("responses.id", "desc");
}

export type ResponseListRow = Awaited<ReturnType<ReturnType<typeof selectResponses>["executeTakeFirstOrThrow"]>>;
