import { Type, type Static } from "typebox";
import { roles } from "../../value-lists.ts";

const RoleSchema = Type.Enum(roles);

/** A user as the admin's users page shows it. */
export const ManagedUserView = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type ManagedUserView = Static<typeof ManagedUserView>;

export const NewUserBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    name: Type.String({ maxLength: 200 }),
    role: RoleSchema,
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type NewUserBody = Static<typeof NewUserBody>;

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
