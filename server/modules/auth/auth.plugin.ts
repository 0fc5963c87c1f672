import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { editorRoles, roles, type Role } from "../../value-lists.ts";
import { forbidden, unauthorized } from "../../errors.ts";
import type { AuditActor } from "../audit/audit.service.ts";
import { resolveBearerToken, resolveSession, type RequestUser } from "./auth.service.ts";

export const sessionCookie = "sapat_session";

declare module "fastify" {
  interface FastifyRequest {
    user: RequestUser | null;
    /** Set when the request carried an Authorization: Bearer token that opens nothing (unknown, revoked, expired). */
    badBearerToken: boolean;
  }
}

const mutatingMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The secret of an `Authorization: Bearer <secret>` header; undefined without one (other schemes are ignored). */
function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * A preValidation hook for evaluator routes: a live session or API token, on mutations the CSRF header (sessions)
 * or a write token, and a role allowed to mutate (viewers read only). It runs before body validation, so that a
 * caller without credentials gets 401, not a description of the body it should have sent.
 *
 * `ownAccount`: logging out or changing one's own password changes no data, so read-only users may do it too.
 * `sessionOnly`: managing credentials (tokens, password, logout) needs the person at a browser, not a token.
 */
export function requireUser(
  allowed: readonly Role[] = roles,
  options: { ownAccount?: boolean; sessionOnly?: boolean } = {},
) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.badBearerToken) throw unauthorized("invalid_token", "Unknown, revoked or expired API token");
    const user = request.user;
    if (!user) throw unauthorized();
    if (user.token && options.sessionOnly) {
      throw forbidden("session_required", "Sign in: API tokens cannot do this");
    }
    if (mutatingMethods.has(request.method)) {
      if (user.token) {
        // A token is sent by a script, not a browser a third-party page could drive: it needs no CSRF header.
        if (user.token.access !== "write") throw forbidden("token_read_only", "This API token may only read");
      } else {
        const header = request.headers["x-csrf-token"];
        if (typeof header !== "string" || !sameToken(header, user.csrfToken)) {
          throw forbidden("csrf_token_invalid", "Missing or wrong x-csrf-token header");
        }
      }
      // Logging out or changing one's own password changes no data, so read-only users may do it too.
      if (!(editorRoles as readonly Role[]).includes(user.role) && !options.ownAccount)
        throw forbidden("read_only", "Viewers cannot change data");
    }
    if (!allowed.includes(user.role)) throw forbidden();
  };
}

/** The audit log's "who": the request's user and client address. */
export function actorOf(request: FastifyRequest): AuditActor {
  return { userId: request.user?.id ?? null, userEmail: request.user?.email ?? null, ip: request.ip };
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("user", null);
  app.decorateRequest("badBearerToken", false);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    // A request that names a token is that token's, cookie or not: a script must not run as whoever is signed in
    // in the same browser, and a bad token must fail loudly rather than fall back to a session.
    const secret = bearerSecret(request);
    if (secret !== undefined) {
      request.user = await resolveBearerToken(app.db, secret);
      request.badBearerToken = request.user === null;
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const user = await resolveSession(app.db, token, app.config.sessionTtlMs);
    request.user = user && { ...user, token: null };
  });
});
