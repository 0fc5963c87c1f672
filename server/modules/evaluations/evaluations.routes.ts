import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { IdParams, IdView, withErrors } from "../common.schemas.ts";
import { EvaluationView, NewEvaluationBody, UpdateEvaluationBody } from "./evaluations.schemas.ts";
import { createEvaluation, getEvaluationView, listEvaluationViews, updateEvaluation } from "./evaluations.service.ts";
import { editorRoles } from "../../value-lists.ts";

export async function evaluationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/api/evaluations",
    {
      preValidation: requireUser(editorRoles),
      schema: { body: NewEvaluationBody, response: withErrors({ 201: IdView }) },
    },
    async (request, reply) => {
      const id = await inTransaction(app.db, (trx) => createEvaluation(trx, request.body, request.user!));
      return reply.status(201).send({ id });
    },
  );

  app.get(
    "/api/evaluations",
    { preValidation: requireUser(), schema: { response: withErrors({ 200: Type.Array(EvaluationView) }) } },
    (request) => listEvaluationViews(app.db, request.user!),
  );

  app.get(
    "/api/evaluations/:id",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, response: withErrors({ 200: EvaluationView }) },
    },
    (request) => getEvaluationView(app.db, request.params.id),
  );

  app.patch(
    "/api/evaluations/:id",
    {
      preValidation: [requireUser(editorRoles), requireMember("evaluation", "write")],
      schema: { params: IdParams, body: UpdateEvaluationBody, response: withErrors({ 200: EvaluationView }) },
    },
    (request) => inTransaction(app.db, (trx) => updateEvaluation(trx, request.params.id, request.body, request.user!)),
  );
}
