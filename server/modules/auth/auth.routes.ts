import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { requireUser, sessionCookie } from "../../plugins/auth.ts";
import { ChangePasswordBody, UserView } from "../users/users.schemas.ts";
import { changePassword } from "../users/users.service.ts";
import { logIn, logOut } from "./auth.service.ts";
import { LoginThrottled, throttleLogin } from "./login-throttle.ts";

const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
const SessionView = Type.Object({ user: UserView, csrfToken: Type.String() });

export async function authRoutes(app: FastifyInstance) {
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: app.config.secureCookies,
  };

  app.post<{ Body: Static<typeof LoginBody> }>(
    "/api/auth/login",
    { schema: { body: LoginBody, response: { 200: SessionView } } },
    async (request, reply) => {
      const { email, password } = request.body;
      const session = await throttleLogin(app.db, app.config, email, request.ip, () =>
        logIn(app.db, email, password, app.config.sessionTtlMs),
      ).catch((error: unknown) => {
        if (error instanceof LoginThrottled) reply.header("retry-after", error.retryAfterSeconds);
        throw error;
      });
      const { token, csrfToken, user } = session;
      reply.setCookie(sessionCookie, token, { ...cookieOptions, maxAge: Math.floor(app.config.sessionTtlMs / 1000) });
      return { user, csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    { preValidation: requireUser(undefined, { ownAccount: true }) },
    async (request, reply) => {
      await logOut(app.db, request.user!.sessionId);
      reply.clearCookie(sessionCookie, cookieOptions);
      return { ok: true };
    },
  );

  app.get(
    "/api/auth/me",
    { preValidation: requireUser(), schema: { response: { 200: SessionView } } },
    async (request) => {
      const { id, email, name, role, csrfToken } = request.user!;
      return { user: { id, email, name, role }, csrfToken };
    },
  );

  app.post<{ Body: ChangePasswordBody }>(
    "/api/auth/password",
    { preValidation: requireUser(undefined, { ownAccount: true }), schema: { body: ChangePasswordBody } },
    async (request) => {
      const user = request.user!;
      await changePassword(app.db, user.id, user.sessionId, request.body.currentPassword, request.body.newPassword);
      return { ok: true };
    },
  );
}
