import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { inTransaction } from "../../db/transaction.ts";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import { CreatedToken, NewTokenBody, TokenView } from "./tokens.schemas.ts";
import { createToken, listTokens, revokeToken } from "./tokens.service.ts";

/**
 * Personal API tokens: each user manages their own, from a signed-in session (a token cannot make or revoke
 * tokens). Viewers may hold read tokens, so these routes are their own account's business (`ownAccount`).
 */
export async function tokensRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ownSession = requireUser(undefined, { ownAccount: true, sessionOnly: true });

  app.post(
    "/api/tokens",
    { preValidation: ownSession, schema: { body: NewTokenBody, response: withErrors({ 201: CreatedToken }) } },
    async (request, reply) => {
      const created = await inTransaction(app.db, async (trx) => {
        const token = await createToken(trx, request.user!, request.body);
        await recordEvent(trx, actorOf(request), "token_created", auditTarget("token", token.id), {
          name: token.name,
          access: token.access,
          expiresAt: token.expiresAt,
        });
        return token;
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/tokens",
    { preValidation: requireUser(), schema: { response: withErrors({ 200: Type.Array(TokenView) }) } },
    (request) => listTokens(app.db, request.user!.id),
  );

  app.delete(
    "/api/tokens/:id",
    { preValidation: ownSession, schema: { params: IdParams, response: withErrors({ 204: Type.Null() }) } },
    async (request, reply) => {
      await inTransaction(app.db, async (trx) => {
        const { revoked } = await revokeToken(trx, request.user!.id, request.params.id);
        if (revoked) await recordEvent(trx, actorOf(request), "token_revoked", auditTarget("token", request.params.id));
      });
      return reply.status(204).send(null);
    },
  );
}
