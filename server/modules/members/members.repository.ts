import type { Db } from "../../db/database.ts";
import type { MemberRole } from "../../value-lists.ts";

export function findMemberRole(db: Db, evaluationId: number, userId: number) {
  return db
    .selectFrom("evaluation_members")
    .select("role")
    .where("evaluation_id", "=", evaluationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function memberEvaluationIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("evaluation_members")
    .select("evaluation_id")
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => r.evaluation_id);
}

export function evaluationExists(db: Db, evaluationId: number) {
  return db.selectFrom("evaluations").select("id").where("id", "=", evaluationId).executeTakeFirst();
}

export function listMembers(db: Db, evaluationId: number) {
  return db
    .selectFrom("evaluation_members")
    .innerJoin("users", "users.id", "evaluation_members.user_id")
    .select([
      "users.id as userId",
      "users.email",
      "users.name",
      "users.role as accountRole",
      "users.disabled_at as disabledAt",
      "evaluation_members.role",
      "evaluation_members.created_at as addedAt",
    ])
    .where("evaluation_members.evaluation_id", "=", evaluationId)
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

export function insertMember(
  db: Db,
  member: { evaluationId: number; userId: number; role: MemberRole; addedBy: number | null },
) {
  return db
    .insertInto("evaluation_members")
    .values({
      evaluation_id: member.evaluationId,
      user_id: member.userId,
      role: member.role,
      added_by: member.addedBy,
      created_at: new Date().toISOString(),
    })
    .execute();
}

export function updateMemberRole(db: Db, evaluationId: number, userId: number, role: MemberRole) {
  return db
    .updateTable("evaluation_members")
    .set({ role })
    .where("evaluation_id", "=", evaluationId)
    .where("user_id", "=", userId)
    .execute();
}

export function deleteMember(db: Db, evaluationId: number, userId: number) {
  return db
    .deleteFrom("evaluation_members")
    .where("evaluation_id", "=", evaluationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function countOwners(db: Db, evaluationId: number): Promise<number> {
  const row = await db
    .selectFrom("evaluation_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("evaluation_id", "=", evaluationId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active users who are not members of the evaluation: whom an owner may add. */
export function listNonMembers(db: Db, evaluationId: number) {
  return db
    .selectFrom("users")
    .select(["id as userId", "email", "name", "role as accountRole"])
    .where("disabled_at", "is", null)
    .where("id", "not in", (eb) =>
      eb.selectFrom("evaluation_members").select("user_id").where("evaluation_id", "=", evaluationId),
    )
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export function findUserForMembership(db: Db, userId: number) {
  return db.selectFrom("users").select(["id", "role", "disabled_at"]).where("id", "=", userId).executeTakeFirst();
}

// Where an evaluation-scoped thing belongs: undefined when there is no such thing.

export async function evaluationOfInvitation(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom("invitations").select("evaluation_id").where("id", "=", id).executeTakeFirst();
  return row?.evaluation_id;
}

export async function evaluationOfResponse(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom("responses").select("evaluation_id").where("id", "=", id).executeTakeFirst();
  return row?.evaluation_id;
}

export async function evaluationOfInterview(db: Db, clientId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("responses")
    .select("evaluation_id")
    .where("client_id", "=", clientId.toLowerCase())
    .executeTakeFirst();
  return row?.evaluation_id;
}

export async function evaluationOfMail(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom("mail_messages").select("evaluation_id").where("id", "=", id).executeTakeFirst();
  return row?.evaluation_id;
}
