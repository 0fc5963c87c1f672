import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { MemberRole } from "../../value-lists.ts";
import { badRequest, notFound } from "../../errors.ts";
import {
  evaluationOfInterviewId,
  evaluationRoleOf,
  evaluationScopes,
  refuseMemberRole,
  roleAllows,
  type EvaluationNeed,
  type EvaluationScope,
} from "./members.service.ts";
import { inWords } from "../../i18n/details.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The user's role in the evaluation the route is scoped to, once requireMember let the request through. */
    evaluationRole: MemberRole | null;
  }
}

/**
 * The one access rule of every evaluation-scoped route, in preValidation right after requireUser: the evaluation
 * named by the path (or by the thing the path names: an invitation, response, message or interview) must be one the
 * user is a member of (admins: all), else 404 as for one that does not exist, so that another team's evaluations
 * cannot even be told to exist; then the member's role must allow what the route needs (403). It runs before the
 * request is validated (as the session and role checks do), so a non-member learns nothing from a 400 either; the
 * path is still text here, and an id that is not one is left to the schema (400).
 */
export function requireMember(scope: EvaluationScope, need: EvaluationNeed) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = request.user!;
    const params = request.params as { id?: string; clientId?: string };
    if (scope === "interview") {
      // An interview is saved into the evaluation its body names, and must stay in the one it is stored in.
      const stored = await evaluationOfInterviewId(request.server.db, params.clientId ?? "");
      if (stored !== undefined) await check(request, stored, need, "Interview");
      const body = request.body as { evaluationId?: unknown } | undefined;
      if (Number.isSafeInteger(body?.evaluationId) && body!.evaluationId !== stored) {
        const evaluationId = body!.evaluationId as number;
        const role = await evaluationRoleOf(request.server.db, user, evaluationId);
        if (!role) throw badRequest("Unknown evaluation", [{ field: "evaluationId", ...inWords("evaluation.noSuch") }]);
        if (!roleAllows(role, need)) throw refuseMemberRole(role, need);
        request.evaluationRole = role;
      }
      return;
    }
    if (!/^[1-9]\d{0,9}$/.test(params.id ?? "")) return;
    const { what, locate } = evaluationScopes[scope];
    const evaluationId = await locate(request.server.db, Number(params.id));
    if (evaluationId === undefined) throw notFound(what);
    await check(request, evaluationId, need, what);
  };
}

async function check(request: FastifyRequest, evaluationId: number, need: EvaluationNeed, what: string) {
  const role = await evaluationRoleOf(request.server.db, request.user!, evaluationId);
  if (!role) throw notFound(what);
  if (!roleAllows(role, need)) throw refuseMemberRole(role, need);
  request.evaluationRole = role;
}

/** Declares `request.evaluationRole` (Fastify wants request properties declared before hooks set them). */
export const evaluationAccessPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("evaluationRole", null);
});
