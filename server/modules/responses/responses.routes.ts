import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../../plugins/auth.ts";
import { IdParams } from "../common.schemas.ts";
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

export async function responsesRoutes(app: FastifyInstance) {
  app.get<{ Params: IdParams; Querystring: ResponseListQuery }>(
    "/api/evaluations/:id/responses",
    {
      preValidation: requireUser(),
      schema: { params: IdParams, querystring: ResponseListQuery, response: { 200: Type.Array(ResponseListItem) } },
    },
    (request) => listEvaluationResponses(app.db, Number(request.params.id), request.query),
  );

  app.get<{ Querystring: AllResponsesQuery }>(
    "/api/responses",
    {
      preValidation: requireUser(),
      schema: { querystring: AllResponsesQuery, response: { 200: Type.Array(ResponseListItem) } },
    },
    (request) => listAllResponses(app.db, request.query),
  );

  app.get<{ Params: IdParams }>(
    "/api/responses/:id",
    { preValidation: requireUser(), schema: { params: IdParams, response: { 200: ResponseDetail } } },
    (request) => getResponseDetail(app.db, Number(request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: CorrectionBody }>(
    "/api/responses/:id",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: CorrectionBody, response: { 200: CorrectionResult } },
    },
    (request) =>
      inTransaction(app.db, (trx) =>
        correctResponse(trx, app.catalogue, Number(request.params.id), request.body, request.user!.id),
      ),
  );

  app.get<{ Params: IdParams }>(
    "/api/responses/:id/revisions",
    { preValidation: requireUser(), schema: { params: IdParams, response: { 200: Type.Array(RevisionView) } } },
    (request) => listRevisionViews(app.db, Number(request.params.id)),
  );
}
