import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { requireUser } from "../../plugins/auth.ts";
import { ResponseDetail } from "../responses/responses.schemas.ts";
import { ClientIdParams, InterviewBody, InterviewSaved } from "./interviews.schemas.ts";
import { getInterview, saveInterview } from "./interviews.service.ts";

export async function interviewsRoutes(app: FastifyInstance) {
  app.put<{ Params: ClientIdParams; Body: InterviewBody }>(
    "/api/interviews/:clientId",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: ClientIdParams, body: InterviewBody, response: { 200: InterviewSaved, 201: InterviewSaved } },
    },
    async (request, reply) => {
      const { created, ...result } = await inTransaction(app.db, (trx) =>
        saveInterview(trx, app.catalogue, request.params.clientId, request.body, request.user!.id),
      );
      return reply.status(created ? 201 : 200).send(result);
    },
  );

  app.get<{ Params: ClientIdParams }>(
    "/api/interviews/:clientId",
    { preValidation: requireUser(), schema: { params: ClientIdParams, response: { 200: ResponseDetail } } },
    (request) => getInterview(app.db, request.params.clientId),
  );
}
