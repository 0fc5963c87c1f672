import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { tooManyRequests } from "../errors.ts";

/** Every route under this prefix takes a respondent token as its only credential. */
const respondentRoutePrefix = "/api/respond/:token";

/**
 * Limits the respondent routes per token and per client address, counted over all of them together. It is a global
 * onRequest hook rather than each route's `config.rateLimit`: @fastify/rate-limit keeps one counter store per route
 * and applies only one route limit to a request, and the token routes live in more than one module (the respondent's
 * PDF copy is a reports route). Being registered before the session lookup, it also runs before any database work.
 */
export const respondentRateLimitPlugin = fp(async (app: FastifyInstance) => {
  const { respondTokenRateLimit, respondIpRateLimit, respondRateWindowMs } = app.config;
  // Without a keyGenerator the address is the key, IPv6 grouped by /64 (one household or office, usually).
  const perAddress = app.createRateLimit({ max: respondIpRateLimit, timeWindow: respondRateWindowMs });
  const perToken = app.createRateLimit({
    max: respondTokenRateLimit,
    timeWindow: respondRateWindowMs,
    keyGenerator: (request) => (request.params as { token?: string }).token ?? "",
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.url?.startsWith(respondentRoutePrefix)) return;
    // Both counted at once: asked for in one turn, the database store counts them in one statement.
    for (const result of await Promise.all([perAddress(request), perToken(request)])) {
      if (!result.isAllowed && result.isExceeded) {
        reply.header("retry-after", result.ttlInSeconds);
        throw tooManyRequests(result.ttlInSeconds);
      }
    }
  });
});
