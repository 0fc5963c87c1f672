import { Type, type Static } from "typebox";
import { roles } from "../../value-lists.ts";
import { minPasswordLength } from "./password.ts";
import { uiLanguages } from "../../i18n/languages.ts";

/** The signed-in user, as the session answers carry it. */
export const UserView = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum(roles),
  /** The workspace language the user chose; null until they choose: the workspace follows the browser. */
  uiLanguage: Type.Union([Type.Enum(uiLanguages), Type.Null()]),
});
export type UserView = Static<typeof UserView>;

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** The answer of login and of GET /api/auth/me: the csrfToken goes in the x-csrf-token header of every change. */
export const SessionView = Type.Object({ user: UserView, csrfToken: Type.String() });
export type SessionView = Static<typeof SessionView>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ minLength: minPasswordLength, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const UiLanguageBody = Type.Object(
  { uiLanguage: Type.Union([Type.Enum(uiLanguages), Type.Null()]) },
  { additionalProperties: false },
);
export type UiLanguageBody = Static<typeof UiLanguageBody>;
