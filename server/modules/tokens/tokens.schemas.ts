import { Type, type Static } from "typebox";
import { tokenAccesses } from "../../value-lists.ts";

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const TokenAccess = Type.Enum(tokenAccesses);

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    access: TokenAccess,
    /** A date (the end of that day, UTC) or an instant; absent or null: the token does not expire. */
    expiresAt: Type.Optional(nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);
export type NewTokenBody = Static<typeof NewTokenBody>;

/** A token as its owner's list shows it: never the secret. */
export const TokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  access: TokenAccess,
  /** The secret's first characters, to tell tokens apart. */
  prefix: Type.String(),
  createdAt: Type.String(),
  expiresAt: nullable(Type.String()),
  lastUsedAt: nullable(Type.String()),
  revokedAt: nullable(Type.String()),
});
export type TokenView = Static<typeof TokenView>;

/** The answer of a creation: the only time the secret is shown. */
export const CreatedToken = Type.Object({ ...TokenView.properties, token: Type.String() });
export type CreatedToken = Static<typeof CreatedToken>;
