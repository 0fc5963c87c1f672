import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../../plugins/auth.ts";
import { IdParams, IdView } from "../common.schemas.ts";
import { EvaluationView, NewEvaluationBody, UpdateEvaluationBody } from "./evaluations.schemas.ts";
import { createEvaluation, getEvaluationView, listEvaluationViews, updateEvaluation } from "./evaluations.service.ts";

export async function evaluationsRoutes(app: FastifyInstance) {
  app.post<{ Body: NewEvaluationBody }>(
    "/api/evaluations",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { body: NewEvaluationBody, response: { 201: IdView } },
    },
    async (request, reply) => {
      const id = await inTransaction(app.db, (trx) => createEvaluation(trx, request.body, request.user!.id));
      return reply.status(201).send({ id });
    },
  );

  app.get(
    "/api/evaluations",
    { preValidation: requireUser(), schema: { response: { 200: Type.Array(EvaluationView) } } },
    () => listEvaluationViews(app.db),
  );

  app.get<{ Params: IdParams }>(
    "/api/evaluations/:id",
    { preValidation: requireUser(), schema: { params: IdParams, response: { 200: EvaluationView } } },
    (request) => getEvaluationView(app.db, Number(request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: UpdateEvaluationBody }>(
    "/api/evaluations/:id",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: UpdateEvaluationBody, response: { 200: EvaluationView } },
    },
    (request) => inTransaction(app.db, (trx) => updateEvaluation(trx, Number(request.params.id), request.body)),
  );
}
