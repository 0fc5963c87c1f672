import type { Db } from "../../db/database.ts";
import type { MemberRole, Role } from "../../value-lists.ts";
import { AppError, badRequest, conflict, notFound } from "../../errors.ts";
import {
  countOwners,
  deleteMember,
  evaluationExists,
  evaluationOfInterview,
  evaluationOfInvitation,
  evaluationOfMail,
  evaluationOfResponse,
  findMemberRole,
  findUserForMembership,
  insertMember,
  listMembers,
  listNonMembers,
  memberEvaluationIds,
  updateMemberRole,
} from "./members.repository.ts";
import type { MemberView } from "./members.schemas.ts";
import { inWords } from "../../i18n/details.ts";

/** What a request needs in an evaluation: to read it, to change its data, or to manage its members. */
export type EvaluationNeed = "read" | "write" | "manage";

/**
 * THE access rule: the role a user has in an evaluation, or null when they may not see it at all (then the
 * evaluation answers 404, as one that does not exist). Admins act as owners of every evaluation.
 */
export async function evaluationRoleOf(
  db: Db,
  user: { id: number; role: Role },
  evaluationId: number,
): Promise<MemberRole | null> {
  if (user.role === "admin") return (await evaluationExists(db, evaluationId)) ? "owner" : null;
  const member = await findMemberRole(db, evaluationId, user.id);
  return member?.role ?? null;
}

/** The evaluations a user may see; null for all (admins). */
export async function visibleEvaluationIds(db: Db, user: { id: number; role: Role }): Promise<Set<number> | null> {
  return user.role === "admin" ? null : new Set(await memberEvaluationIds(db, user.id));
}

/** Whether a member of this role may do what is needed; the account's own role is checked by requireUser. */
export function roleAllows(role: MemberRole, need: EvaluationNeed): boolean {
  if (need === "read") return true;
  if (need === "write") return role !== "viewer";
  return role === "owner";
}

export const refuseMemberRole = (role: MemberRole, need: EvaluationNeed) =>
  need === "manage"
    ? new AppError(403, "not_owner", "Only the evaluation's owners and admins manage its members")
    : new AppError(403, "read_only", `You are a ${role} of this evaluation: you may read it, not change it`);

/** The creator of an evaluation becomes its owner. */
export function addOwner(db: Db, evaluationId: number, userId: number) {
  return insertMember(db, { evaluationId, userId, role: "owner", addedBy: userId });
}

export async function listMemberViews(db: Db, evaluationId: number): Promise<MemberView[]> {
  const rows = await listMembers(db, evaluationId);
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    name: r.name,
    role: r.role,
    accountRole: r.accountRole,
    disabled: r.disabledAt !== null,
    addedAt: r.addedAt,
  }));
}

/** Whom an owner may add: the active accounts not in the evaluation yet. */
export function listMemberCandidates(db: Db, evaluationId: number) {
  return listNonMembers(db, evaluationId);
}

export type MemberChange =
  | { kind: "added"; member: MemberView }
  | { kind: "changed"; member: MemberView; previousRole: MemberRole }
  | { kind: "unchanged"; member: MemberView };

/**
 * Adds a user to an evaluation or changes their role there. An account viewer reads only, so they can only be a
 * viewer member; and an evaluation keeps at least one owner.
 */
export async function setMember(
  db: Db,
  evaluationId: number,
  userId: number,
  role: MemberRole,
  byUserId: number,
): Promise<MemberChange> {
  const user = await findUserForMembership(db, userId);
  if (!user) throw notFound("User");
  if (user.role === "viewer" && role !== "viewer") {
    throw badRequest("A viewer account can only be a viewer member", [
      { field: "role", ...inWords("account.readOnlyMember") },
    ]);
  }
  const current = await findMemberRole(db, evaluationId, userId);
  if (!current) {
    await insertMember(db, { evaluationId, userId, role, addedBy: byUserId });
  } else if (current.role !== role) {
    if (current.role === "owner" && (await countOwners(db, evaluationId)) <= 1) throw lastOwner();
    await updateMemberRole(db, evaluationId, userId, role);
  }
  const member = (await listMemberViews(db, evaluationId)).find((m) => m.userId === userId)!;
  if (!current) return { kind: "added", member };
  if (current.role !== role) return { kind: "changed", member, previousRole: current.role };
  return { kind: "unchanged", member };
}

export async function removeMember(db: Db, evaluationId: number, userId: number): Promise<MemberRole> {
  const current = await findMemberRole(db, evaluationId, userId);
  if (!current) throw notFound("Member");
  if (current.role === "owner" && (await countOwners(db, evaluationId)) <= 1) throw lastOwner();
  await deleteMember(db, evaluationId, userId);
  return current.role;
}

const lastOwner = () => conflict("last_owner", "An evaluation keeps at least one owner: make someone else owner first");

/** What an evaluation-scoped route's path names: the evaluation itself, or a thing that belongs to one. */
export const evaluationScopes = {
  evaluation: { what: "Evaluation", locate: async (_db: Db, id: number) => id },
  invitation: { what: "Invitation", locate: evaluationOfInvitation },
  response: { what: "Response", locate: evaluationOfResponse },
  mail: { what: "Message", locate: evaluationOfMail },
} as const;
export type EvaluationScope = keyof typeof evaluationScopes | "interview";

/** The evaluation an interview (by its device-made id) belongs to; undefined for one not stored yet. */
export function evaluationOfInterviewId(db: Db, clientId: string) {
  return evaluationOfInterview(db, clientId);
}
