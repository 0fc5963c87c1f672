import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { withErrors } from "../common.schemas.ts";
import { requireUser } from "../auth/auth.plugin.ts";
import {
  QuestionnaireDetail,
  QuestionnaireParams,
  QuestionnaireQuery,
  QuestionnaireRef,
  QuestionnaireSummary,
  UploadQuestionnaireBody,
} from "./questionnaires.schemas.ts";
import { listQuestionnaireSummaries } from "./questionnaires.service.ts";
import { Type } from "typebox";

export async function questionnairesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/api/questionnaires",
    { preValidation: requireUser(), schema: { response: withErrors({ 200: Type.Array(QuestionnaireSummary) }) } },
    () => listQuestionnaireSummaries(app.db),
  );

  app.get(
    "/api/questionnaires/:id",
    {
      preValidation: requireUser(),
      schema: {
        params: QuestionnaireParams,
        querystring: QuestionnaireQuery,
        response: withErrors({ 200: QuestionnaireDetail }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const version = request.query.version ?? (await app.catalogue.latestVersion(id));
      const row = await app.catalogue.get(id, version);
      return { id: row.id, version: row.version, title: row.title, json: JSON.parse(row.json) };
    },
  );

  app.post(
    "/api/questionnaires",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { body: UploadQuestionnaireBody, response: withErrors({ 200: QuestionnaireRef, 201: QuestionnaireRef }) },
    },
    async (request, reply) => {
      const result = await app.catalogue.register(request.body.id, request.body.json, "upload");
      return reply.status(result.created ? 201 : 200).send({ id: result.id, version: result.version });
    },
  );
}
