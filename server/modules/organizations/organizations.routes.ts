import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../../errors.ts";
import { sayIn, said } from "../../i18n/details.ts";
import { acceptedUiLanguage } from "../../i18n/languages.ts";
import { requireUser } from "../auth/auth.plugin.ts";
import { IdParams, IdView, withErrors } from "../common.schemas.ts";
import {
  ImportFailure,
  ImportQuery,
  ImportResult,
  NewOrganizationBody,
  OrganizationView,
  UpdateOrganizationBody,
} from "./organizations.schemas.ts";
import {
  createOrganization,
  getOrganizationView,
  importOrganizations,
  listOrganizationViews,
  updateOrganization,
} from "./organizations.service.ts";
import { editorRoles } from "../../value-lists.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * CSV from a spreadsheet: UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode text"), or else Windows-1251,
 * which Excel still writes for Cyrillic on Russian-language Windows.
 */
function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

export async function organizationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/api/organizations",
    {
      preValidation: requireUser(editorRoles),
      schema: { body: NewOrganizationBody, response: withErrors({ 201: IdView }) },
    },
    async (request, reply) => {
      const id = await createOrganization(app.db, request.body);
      return reply.status(201).send({ id });
    },
  );

  app.get(
    "/api/organizations",
    { preValidation: requireUser(), schema: { response: withErrors({ 200: Type.Array(OrganizationView) }) } },
    () => listOrganizationViews(app.db),
  );

  app.get(
    "/api/organizations/:id",
    { preValidation: requireUser(), schema: { params: IdParams, response: withErrors({ 200: OrganizationView }) } },
    (request) => getOrganizationView(app.db, request.params.id),
  );

  app.patch(
    "/api/organizations/:id",
    {
      preValidation: requireUser(editorRoles),
      schema: { params: IdParams, body: UpdateOrganizationBody, response: withErrors({ 200: OrganizationView }) },
    },
    (request) => inTransaction(app.db, (trx) => updateOrganization(trx, request.params.id, request.body)),
  );

  // Only this plugin's routes take CSV; the body limit applies as to any body.
  app.addContentTypeParser("text/csv", { parseAs: "buffer" }, (_request, body, done) => {
    done(null, decodeCsv(body as Buffer));
  });

  app.post(
    "/api/organizations/import",
    {
      preValidation: requireUser(editorRoles),
      schema: { querystring: ImportQuery, response: withErrors({ 200: ImportResult, 422: ImportFailure }) },
    },
    async (request, reply) => {
      const body = request.body ?? "";
      if (typeof body !== "string") {
        throw new AppError(415, "unsupported_media_type", "Send the CSV file as the body, with content-type text/csv");
      }
      const dryRun = request.query.dryRun === "1" || request.query.dryRun === "true";
      // The preview is read by the one importing: in the language they ask for, as error details are.
      const lang = acceptedUiLanguage(request.headers["accept-language"]);
      const result = await inTransaction(app.db, (trx) => importOrganizations(trx, body, dryRun, lang));
      if (dryRun || result.errors.length === 0) return result;
      const lines = new Set(result.errors.map((e) => e.line)).size;
      return reply.status(422).send({
        ...result,
        error: "import_invalid",
        message: `${lines} line(s) of the file have errors; nothing was imported`,
        details: result.errors.map((e) => ({
          ...(e.column ? { field: e.column } : {}),
          message: sayIn(lang, said("import.line", { line: e.line, problem: e.message })),
        })),
      });
    },
  );
}
