import type { Static } from "typebox";
import type {
  ChangePasswordBody,
  LoginBody,
  SessionView,
  UiLanguageBody,
} from "../../../../server/modules/auth/auth.schemas.ts";
import type { Ok } from "../../../../server/modules/common.schemas.ts";
import { requestJson } from "../../lib/http.ts";
import { languageHeader } from "../../lib/i18n.ts";
import type { Api } from "../../lib/session.tsx";

// Signing in and out, the password and the workspace language; the types are the server's schemas.

/** Before there is a session, hence no CSRF token: the answer carries the one to use from then on. */
export const logIn = (body: LoginBody) => requestJson<SessionView>("POST", "/api/auth/login", body, languageHeader());

export const logOut = (api: Api) => api<Static<typeof Ok>>("POST", "/api/auth/logout");

export const changePassword = (api: Api, body: ChangePasswordBody) =>
  api<Static<typeof Ok>>("POST", "/api/auth/password", body);

export const saveUiLanguage = (api: Api, body: UiLanguageBody) =>
  api<UiLanguageBody>("PUT", "/api/auth/me/language", body);
