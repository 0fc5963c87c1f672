import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import {
  AllResponsesQuery,
  CorrectionBody,
  CorrectionResult,
  ResponseDetail,
  ResponseListItem,
  ResponseListQuery,
  RevisionView,
} from "./responses.schemas.ts";
import {
  correctResponse,
  getResponseDetail,
  listAllResponses,
  listEvaluationResponses,
  listRevisionViews,
} from "./responses.service.ts";
import { editorRoles } from "../../value-lists.ts";

export async function responsesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/api/evaluations/:id/responses",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: {
        params: IdParams,
        querystring: ResponseListQuery,
        response: withErrors({ 200: Type.Array(ResponseListItem) }),
      },
    },
    (request) => listEvaluationResponses(app.db, request.params.id, request.query),
  );

  app.get(
    "/api/responses",
    {
      preValidation: requireUser(),
      schema: { querystring: AllResponsesQuery, response: withErrors({ 200: Type.Array(ResponseListItem) }) },
    },
    (request) => listAllResponses(app.db, request.query, request.user!),
  );

  app.get(
    "/api/responses/:id",
    {
      preValidation: [requireUser(), requireMember("response", "read")],
      schema: { params: IdParams, response: withErrors({ 200: ResponseDetail }) },
    },
    (request) => getResponseDetail(app.db, request.params.id),
  );

  app.patch(
    "/api/responses/:id",
    {
      preValidation: [requireUser(editorRoles), requireMember("response", "write")],
      schema: { params: IdParams, body: CorrectionBody, response: withErrors({ 200: CorrectionResult }) },
    },
    async (request) => {
      const result = await correctResponse(
        app.db,
        app.catalogue,
        request.params.id,
        request.body,
        request.user!.id,
        (work) => inTransaction(app.db, work),
      );
      // Recorded once the correction is stored (the correction waits on a survey worker before its transaction).
      if (result.changed) {
        await recordEvent(app.db, actorOf(request), "response_corrected", auditTarget("response", result.responseId), {
          revision: result.revision,
          reason: request.body.reason,
        });
      }
      return result;
    },
  );

  app.get(
    "/api/responses/:id/revisions",
    {
      preValidation: [requireUser(), requireMember("response", "read")],
      schema: { params: IdParams, response: withErrors({ 200: Type.Array(RevisionView) }) },
    },
    (request) => listRevisionViews(app.db, request.params.id),
  );
}
