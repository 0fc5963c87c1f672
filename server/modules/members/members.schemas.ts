import { Type, type Static } from "typebox";
import { memberRoles, roles } from "../../value-lists.ts";
import { Id } from "../common.schemas.ts";

export const MemberRole = Type.Enum(memberRoles);

export const MemberParams = Type.Object({ id: Id, userId: Id });
export type MemberParams = Static<typeof MemberParams>;

export const MemberBody = Type.Object({ role: MemberRole }, { additionalProperties: false });
export type MemberBody = Static<typeof MemberBody>;

/** An account an owner may add to the evaluation. */
export const MemberCandidate = Type.Object({
  userId: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  accountRole: Type.Enum(roles),
});

export const MemberView = Type.Object({
  userId: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  /** The role in this evaluation. */
  role: MemberRole,
  /** The account's own role (an account viewer is a viewer everywhere, whatever its membership). */
  accountRole: Type.Enum(roles),
  disabled: Type.Boolean(),
  addedAt: Type.String(),
});
export type MemberView = Static<typeof MemberView>;
