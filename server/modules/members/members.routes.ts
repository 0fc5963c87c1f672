import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { inTransaction } from "../../db/transaction.ts";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import { requireMember } from "./evaluation-access.ts";
import { MemberBody, MemberCandidate, MemberParams, MemberView } from "./members.schemas.ts";
import { listMemberCandidates, listMemberViews, removeMember, setMember } from "./members.service.ts";

export async function membersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/api/evaluations/:id/members",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, response: withErrors({ 200: Type.Array(MemberView) }) },
    },
    (request) => listMemberViews(app.db, request.params.id),
  );

  // For the members panel's "add" list: owners and admins only, since it lists every active account.
  app.get(
    "/api/evaluations/:id/member-candidates",
    {
      preValidation: [requireUser(["admin", "evaluator"]), requireMember("evaluation", "manage")],
      schema: { params: IdParams, response: withErrors({ 200: Type.Array(MemberCandidate) }) },
    },
    (request) => listMemberCandidates(app.db, request.params.id),
  );

  app.put(
    "/api/evaluations/:id/members/:userId",
    {
      preValidation: [requireUser(["admin", "evaluator"]), requireMember("evaluation", "manage")],
      schema: { params: MemberParams, body: MemberBody, response: withErrors({ 200: MemberView, 201: MemberView }) },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      const change = await inTransaction(app.db, async (trx) => {
        const result = await setMember(trx, id, userId, request.body.role, request.user!.id);
        const details = { evaluationId: id, userId, role: request.body.role };
        if (result.kind === "added") {
          await recordEvent(trx, actorOf(request), "member_added", auditTarget("evaluation", id), details);
        } else if (result.kind === "changed") {
          await recordEvent(trx, actorOf(request), "role_changed", auditTarget("evaluation", id), {
            ...details,
            previousRole: result.previousRole,
          });
        }
        return result;
      });
      return reply.status(change.kind === "added" ? 201 : 200).send(change.member);
    },
  );

  app.delete(
    "/api/evaluations/:id/members/:userId",
    {
      preValidation: [requireUser(["admin", "evaluator"]), requireMember("evaluation", "manage")],
      schema: { params: MemberParams, response: withErrors({ 204: Type.Null() }) },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      await inTransaction(app.db, async (trx) => {
        const role = await removeMember(trx, id, userId);
        await recordEvent(trx, actorOf(request), "member_removed", auditTarget("evaluation", id), {
          evaluationId: id,
          userId,
          role,
        });
      });
      return reply.status(204).send(null);
    },
  );
}
