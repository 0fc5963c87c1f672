import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../../plugins/auth.ts";
import { insertOrganization, listOrganizations, toOrganizationView } from "./organizations.repository.ts";
import { IdView } from "../common.schemas.ts";
import { NewOrganizationBody, OrganizationView } from "./organizations.schemas.ts";

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
}
