import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors.ts";
import { recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser, sessionCookie } from "./auth.plugin.ts";
import { Ok, withErrors } from "../common.schemas.ts";
import { ChangePasswordBody, LoginBody, SessionView, UiLanguageBody } from "./auth.schemas.ts";
import { logIn, logOut, preparePasswordChange, setUiLanguage, storePasswordChange } from "./auth.service.ts";
import { LoginThrottled, normalizeLoginEmail, throttleLogin } from "./login-throttle.ts";

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: app.config.secureCookies,
  };

  app.post(
    "/api/auth/login",
    { schema: { body: LoginBody, response: withErrors({ 200: SessionView }) } },
    async (request, reply) => {
      const { email, password } = request.body;
      const session = await throttleLogin(app.db, app.config, email, request.ip, () =>
        logIn(app.db, email, password, app.config.sessionTtlMs),
      ).catch(async (error: unknown) => {
        if (error instanceof LoginThrottled) reply.header("retry-after", error.retryAfterSeconds);
        if (error instanceof AppError && (error.code === "invalid_credentials" || error instanceof LoginThrottled)) {
          const actor = { userId: null, userEmail: normalizeLoginEmail(email), ip: request.ip };
          await recordEvent(app.db, actor, "login_failed", null, { reason: error.code });
        }
        throw error;
      });
      const { token, csrfToken, user } = session;
      await recordEvent(app.db, { userId: user.id, userEmail: user.email, ip: request.ip }, "login", null);
      reply.setCookie(sessionCookie, token, { ...cookieOptions, maxAge: Math.floor(app.config.sessionTtlMs / 1000) });
      return { user, csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      preValidation: requireUser(undefined, { ownAccount: true, sessionOnly: true }),
      schema: { response: withErrors({ 200: Ok }) },
    },
    async (request, reply) => {
      await logOut(app.db, request.user!.sessionId!);
      await recordEvent(app.db, actorOf(request), "logout", null);
      reply.clearCookie(sessionCookie, cookieOptions);
      return { ok: true };
    },
  );

  app.get(
    "/api/auth/me",
    { preValidation: requireUser(), schema: { response: withErrors({ 200: SessionView }) } },
    async (request) => {
      const { id, email, name, role, uiLanguage, csrfToken } = request.user!;
      // Empty for an API token, which needs no CSRF header.
      return { user: { id, email, name, role, uiLanguage }, csrfToken: csrfToken ?? "" };
    },
  );

  app.put(
    "/api/auth/me/language",
    {
      preValidation: requireUser(undefined, { ownAccount: true }),
      schema: { body: UiLanguageBody, response: withErrors({ 200: UiLanguageBody }) },
    },
    async (request) => {
      await setUiLanguage(app.db, request.user!.id, request.body.uiLanguage);
      return { uiLanguage: request.body.uiLanguage };
    },
  );

  app.post(
    "/api/auth/password",
    {
      preValidation: requireUser(undefined, { ownAccount: true, sessionOnly: true }),
      schema: { body: ChangePasswordBody, response: withErrors({ 200: Ok }) },
    },
    async (request) => {
      const user = request.user!;
      const { currentPassword, newPassword } = request.body;
      const { passwordHash } = await preparePasswordChange(app.db, user.id, currentPassword, newPassword);
      await inTransaction(app.db, (trx) => storePasswordChange(trx, user.id, user.sessionId!, passwordHash));
      return { ok: true };
    },
  );
}
