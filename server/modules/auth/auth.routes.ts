import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { AppError, tooManyRequests } from "../../errors.ts";
import { requireUser, sessionCookie } from "../../plugins/auth.ts";
import { ChangePasswordBody, UserView } from "../users/users.schemas.ts";
import { preparePasswordChange, storePasswordChange } from "../users/users.service.ts";
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

  // Two limits, both in memory (one process): every attempt counts per client address and email, so one client
  // cannot guess fast; failed attempts also count per email from any address, so that many clients guessing at
  // one account are slowed too. While either is reached even the right password is refused.
  const loginEmail = (request: FastifyRequest) => {
    const body = request.body as { email?: unknown } | undefined;
    return typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
  };
  const windowMs = app.config.loginRateWindowMs;
  const countFailure = app.createRateLimit({
    max: app.config.loginFailureLimit,
    timeWindow: windowMs,
    keyGenerator: (request) => `failed-login|${loginEmail(request)}`,
  });

  app.post<{ Body: Static<typeof LoginBody> }>(
    "/api/auth/login",
    {
      schema: { body: LoginBody, response: { 200: SessionView } },
      config: {
        rateLimit: {
          // After validation, so that the key can include the email of the body.
          hook: "preHandler",
          max: app.config.loginRateLimit,
          timeWindow: windowMs,
          cache: 100_000,
          keyGenerator: (request) => `login|${request.ip}|${loginEmail(request)}`,
          errorResponseBuilder: (_request, context) => tooManyRequests(context.ttl / 1000),
        },
      },
    },
    async (request, reply) => {
      const failures = await countFailure(request, { increment: false });
      if (!failures.isAllowed && failures.remaining <= 0) {
        reply.header("retry-after", failures.ttlInSeconds);
        throw tooManyRequests(failures.ttlInSeconds);
      }
      const session = await logIn(app.db, request.body.email, request.body.password, app.config.sessionTtlMs).catch(
        async (error: unknown) => {
          if (error instanceof AppError && error.code === "invalid_credentials") await countFailure(request);
          throw error;
        },
      );
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
      const { currentPassword, newPassword } = request.body;
      const { passwordHash } = await preparePasswordChange(app.db, user.id, currentPassword, newPassword);
      await inTransaction(app.db, (trx) => storePasswordChange(trx, user.id, user.sessionId, passwordHash));
      return { ok: true };
    },
  );
}
