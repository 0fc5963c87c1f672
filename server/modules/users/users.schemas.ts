import { Type, type Static } from "typebox";
import { roles } from "../../db/schema.ts";

export const UserView = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union(roles.map((r) => Type.Literal(r))),
});
export type UserView = Static<typeof UserView>;

export const minPasswordLength = 10;
