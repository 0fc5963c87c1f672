import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { ClientIdParams, withErrors } from "../common.schemas.ts";
import { requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { ResponseDetail } from "../responses/responses.schemas.ts";
import { InterviewBody, InterviewSaved } from "./interviews.schemas.ts";
import { getInterview, saveInterview } from "./interviews.service.ts";
import { editorRoles } from "../../value-lists.ts";

export async function interviewsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.put(
    "/api/interviews/:clientId",
    {
      preValidation: [requireUser(editorRoles), requireMember("interview", "write")],
      schema: {
        params: ClientIdParams,
        body: InterviewBody,
        response: withErrors({ 200: InterviewSaved, 201: InterviewSaved }),
      },
    },
    async (request, reply) => {
      const { created, ...result } = await saveInterview(
        app.db,
        app.catalogue,
        request.params.clientId,
        request.body,
        request.user!.id,
        (work) => inTransaction(app.db, work),
      );
      return reply.status(created ? 201 : 200).send(result);
    },
  );

  app.get(
    "/api/interviews/:clientId",
    {
      preValidation: [requireUser(), requireMember("interview", "read")],
      schema: { params: ClientIdParams, response: withErrors({ 200: ResponseDetail }) },
    },
    (request) => getInterview(app.db, request.params.clientId),
  );
}
