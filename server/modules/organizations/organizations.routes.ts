import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../../errors.ts";
import { requireUser } from "../../plugins/auth.ts";
import { insertOrganization, listOrganizations, toOrganizationView } from "./organizations.repository.ts";
import { IdParams, IdView } from "../common.schemas.ts";
import {
  ImportFailure,
  ImportQuery,
  ImportResult,
  NewOrganizationBody,
  OrganizationView,
  UpdateOrganizationBody,
} from "./organizations.schemas.ts";
import { getOrganizationView, importOrganizations, updateOrganization } from "./organizations.service.ts";

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

export async function organizationsRoutes(app: FastifyInstance) {
  app.post<{ Body: NewOrganizationBody }>(
    "/api/organizations",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { body: NewOrganizationBody, response: { 201: IdView } },
    },
    async (request, reply) => {
      const body = request.body;
      const now = new Date().toISOString();
      const id = await insertOrganization(app.db, {
        name: body.name.trim(),
        kind: body.kind,
        region: body.region.trim(),
        district: body.district ?? null,
        org_type: body.orgType ?? null,
        email: body.email?.trim().toLowerCase() ?? null,
        contact_name: body.contactName ?? null,
        locale: body.locale ?? null,
        created_at: now,
        updated_at: now,
      });
      return reply.status(201).send({ id });
    },
  );

  app.get(
    "/api/organizations",
    { preValidation: requireUser(), schema: { response: { 200: Type.Array(OrganizationView) } } },
    async () => (await listOrganizations(app.db)).map(toOrganizationView),
  );

  app.get<{ Params: IdParams }>(
    "/api/organizations/:id",
    { preValidation: requireUser(), schema: { params: IdParams, response: { 200: OrganizationView } } },
    (request) => getOrganizationView(app.db, Number(request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: UpdateOrganizationBody }>(
    "/api/organizations/:id",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: UpdateOrganizationBody, response: { 200: OrganizationView } },
    },
    (request) => inTransaction(app.db, (trx) => updateOrganization(trx, Number(request.params.id), request.body)),
  );

  // Only this plugin's routes take CSV; the body limit applies as to any body.
  app.addContentTypeParser("text/csv", { parseAs: "buffer" }, (_request, body, done) => {
    done(null, decodeCsv(body as Buffer));
  });

  app.post<{ Querystring: ImportQuery; Body: unknown }>(
    "/api/organizations/import",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { querystring: ImportQuery, response: { 200: ImportResult, 422: ImportFailure } },
    },
    async (request, reply) => {
      const body = request.body ?? "";
      if (typeof body !== "string") {
        throw new AppError(415, "unsupported_media_type", "Send the CSV file as the body, with content-type text/csv");
      }
      const dryRun = request.query.dryRun === "1" || request.query.dryRun === "true";
      const result = await inTransaction(app.db, (trx) => importOrganizations(trx, body, dryRun));
      if (dryRun || result.errors.length === 0) return result;
      const lines = new Set(result.errors.map((e) => e.line)).size;
      return reply.status(422).send({
        ...result,
        error: "import_invalid",
        message: `${lines} line(s) of the file have errors; nothing was imported`,
        details: result.errors.map((e) => ({
          ...(e.column ? { field: e.column } : {}),
          message: `Line ${e.line}: ${e.message}`,
        })),
      });
    },
  );
}
