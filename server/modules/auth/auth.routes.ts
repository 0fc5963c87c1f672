import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { requireUser, sessionCookie } from "../../plugins/auth.ts";
import { UserView } from "../users/users.schemas.ts";
import { logIn, logOut } from "./auth.service.ts";

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
      const { token, csrfToken, user } = await logIn(
        app.db,
        request.body.email,
        request.body.password,
        app.config.sessionTtlMs,
      );
      reply.setCookie(sessionCookie, token, { ...cookieOptions, maxAge: Math.floor(app.config.sessionTtlMs / 1000) });
      return { user, csrfToken };
    },
  );

  app.post("/api/auth/logout", { preValidation: requireUser() }, async (request, reply) => {
    await logOut(app.db, request.user!.sessionId);
    reply.clearCookie(sessionCookie, cookieOptions);
    return { ok: true };
  });

  app.get(
    "/api/auth/me",
    { preValidation: requireUser(), schema: { response: { 200: SessionView } } },
    async (request) => {
      const { id, email, name, role, csrfToken } = request.user!;
      return { user: { id, email, name, role }, csrfToken };
    },
  );
}
