import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { editorRoles, roles, type Role } from "../../value-lists.ts";
import { forbidden, unauthorized } from "../../errors.ts";
import { resolveSession, type SessionUser } from "./auth.service.ts";

export const sessionCookie = "sapat_session";

declare module "fastify" {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

const mutatingMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A preValidation hook for evaluator routes: a live session, the CSRF header on mutations, and a role allowed to
 * mutate (viewers read only). It runs before body validation, so that a caller without a session gets 401, not
 * a description of the body it should have sent.
 */
export function requireUser(allowed: readonly Role[] = roles, options: { ownAccount?: boolean } = {}) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = request.user;
    if (!user) throw unauthorized();
    if (mutatingMethods.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || !sameToken(header, user.csrfToken)) {
        throw forbidden("csrf_token_invalid", "Missing or wrong x-csrf-token header");
      }
      // Logging out or changing one's own password changes no data, so read-only users may do it too.
      if (!(editorRoles as readonly Role[]).includes(user.role) && !options.ownAccount)
        throw forbidden("read_only", "Viewers cannot change data");
    }
    if (!allowed.includes(user.role)) throw forbidden();
  };
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request) => {
    const token = request.cookies[sessionCookie];
    if (!token || !request.url.startsWith("/api/")) return;
    request.user = await resolveSession(app.db, token, app.config.sessionTtlMs);
  });
});
