import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { fileResponse, withErrors } from "../common.schemas.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import {
  QuestionnaireDetail,
  QuestionnaireParams,
  QuestionnaireQuery,
  QuestionnaireRef,
  QuestionnaireSummary,
  UploadQuestionnaireBody,
  DiffQuery,
  QuestionnaireDiffView,
  QuestionnaireVersions,
  XlsformImported,
  XlsformImportQuery,
} from "./questionnaires.schemas.ts";
import { describeVersions, diffVersions } from "./questionnaire-versions.service.ts";
import { exportXlsform, importXlsform } from "./xlsform.service.ts";
import { AppError } from "../../errors.ts";
import { listQuestionnaireSummaries } from "./questionnaires.service.ts";
import { Type } from "typebox";
import { editorRoles } from "../../value-lists.ts";

export async function questionnairesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Content already stored publishes nothing, so only a created version is recorded.
  const published = (
    request: FastifyRequest,
    db: Parameters<typeof recordEvent>[0],
    stored: { id: string; version: number },
    format: string,
  ) =>
    recordEvent(db, actorOf(request), "questionnaire_published", auditTarget("questionnaire", stored.id), {
      version: stored.version,
      format,
    });
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
      const version = request.query.version ?? (await app.catalogue.latestVersion(app.db, id));
      const row = await app.catalogue.get(app.db, id, version);
      return { id: row.id, version: row.version, title: row.title, json: JSON.parse(row.json) };
    },
  );

  app.post(
    "/api/questionnaires",
    {
      preValidation: requireUser(editorRoles),
      schema: { body: UploadQuestionnaireBody, response: withErrors({ 200: QuestionnaireRef, 201: QuestionnaireRef }) },
    },
    async (request, reply) => {
      const { id, role } = request.user!;
      const checked = await app.catalogue.check(request.body.id, request.body.json, "upload");
      const result = await inTransaction(app.db, async (trx) => {
        const stored = await app.catalogue.store(trx, checked, { id, role });
        if (stored.created) await published(request, trx, stored, "json");
        return stored;
      });
      return reply.status(result.created ? 201 : 200).send({ id: result.id, version: result.version });
    },
  );

  app.get(
    "/api/questionnaires/:id/versions",
    {
      preValidation: requireUser(),
      schema: { params: QuestionnaireParams, response: withErrors({ 200: QuestionnaireVersions }) },
    },
    (request) => describeVersions(app.db, request.params.id, request.user!),
  );

  app.get(
    "/api/questionnaires/:id/diff",
    {
      preValidation: requireUser(),
      schema: {
        params: QuestionnaireParams,
        querystring: DiffQuery,
        response: withErrors({ 200: QuestionnaireDiffView }),
      },
    },
    (request) => diffVersions(app.db, app.catalogue, request.params.id, request.query.from, request.query.to),
  );

  // Only this plugin's routes take spreadsheets, up to xlsformBodyLimit whatever BODY_LIMIT says: a form of a
  // few hundred questions is well under 1 MB, and the limit bounds what the zip reader must inflate.
  app.addContentTypeParser(
    xlsxContentType,
    { parseAs: "buffer", bodyLimit: xlsformBodyLimit },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post(
    "/api/questionnaires/xlsform",
    {
      preValidation: requireUser(editorRoles),
      schema: {
        querystring: XlsformImportQuery,
        response: withErrors({ 200: XlsformImported, 201: XlsformImported }),
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          415,
          "unsupported_media_type",
          `Send the .xlsx file as the body, with content-type ${xlsxContentType}`,
        );
      }
      const { id, role } = request.user!;
      const result = await importXlsform(app.catalogue, request.body, request.query.id, { id, role }, (work) =>
        inTransaction(app.db, work),
      );
      if (result.created) await published(request, app.db, result, "xlsform");
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    "/api/questionnaires/:id/xlsform",
    {
      preValidation: requireUser(),
      schema: {
        params: QuestionnaireParams,
        querystring: QuestionnaireQuery,
        response: withErrors({ 200: fileResponse(xlsxContentType, "The questionnaire as an XLSForm workbook") }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = request.query.version ?? (await app.catalogue.latestVersion(app.db, id));
      const bytes = await exportXlsform(app.db, app.catalogue, id, version);
      return reply
        .header("content-type", xlsxContentType)
        .header("content-disposition", `attachment; filename="${id}-v${version}.xlsx"`)
        .send(bytes);
    },
  );
}

export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsformBodyLimit = 5 * 1024 * 1024;
