import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { requireUser } from "../../plugins/auth.ts";
import {
  QuestionnaireDetail,
  QuestionnaireParams,
  QuestionnaireQuery,
  QuestionnaireRef,
  QuestionnaireSummary,
  UploadQuestionnaireBody,
} from "./questionnaires.schemas.ts";
import { listLatestQuestionnaires } from "./questionnaires.repository.ts";
import { Type } from "typebox";

export async function questionnairesRoutes(app: FastifyInstance) {
  app.get(
    "/api/questionnaires",
    { preValidation: requireUser(), schema: { response: { 200: Type.Array(QuestionnaireSummary) } } },
    async () => {
      const rows = await listLatestQuestionnaires(app.db);
      return rows.map((r) => ({
        id: r.id,
        version: r.version,
        title: r.title,
        audience: r.audience,
        scoring: r.scoring_id ? { id: r.scoring_id, version: r.scoring_version ?? "" } : null,
        questionCount: r.question_count,
      }));
    },
  );

  app.get<{ Params: QuestionnaireParams; Querystring: QuestionnaireQuery }>(
    "/api/questionnaires/:id",
    {
      preValidation: requireUser(),
      schema: { params: QuestionnaireParams, querystring: QuestionnaireQuery, response: { 200: QuestionnaireDetail } },
    },
    async (request) => {
      const { id } = request.params;
      const version = request.query.version
        ? Number(request.query.version)
        : await app.catalogue.latestVersion(app.db, id);
      const row = await app.catalogue.get(app.db, id, version);
      return { id: row.id, version: row.version, title: row.title, json: JSON.parse(row.json) };
    },
  );

  app.post<{ Body: UploadQuestionnaireBody }>(
    "/api/questionnaires",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { body: UploadQuestionnaireBody, response: { 200: QuestionnaireRef, 201: QuestionnaireRef } },
    },
    async (request, reply) => {
      const result = await inTransaction(app.db, (trx) =>
        app.catalogue.register(trx, request.body.id, request.body.json, "upload"),
      );
      return reply.status(result.created ? 201 : 200).send({ id: result.id, version: result.version });
    },
  );
}
