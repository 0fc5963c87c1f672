import type { FastifyInstance } from "fastify";
import { requireUser } from "../../plugins/auth.ts";
import { IdView } from "../common.schemas.ts";
import { ClientIdParams } from "../interviews/interviews.schemas.ts";
import { createOrganizationOnce } from "./organization-client.service.ts";
import { NewOrganizationBody } from "./organizations.schemas.ts";

/** Organisations added on the spot during field work, possibly offline: idempotent on the device's UUID. */
export async function organizationClientRoutes(app: FastifyInstance) {
  app.put<{ Params: ClientIdParams; Body: NewOrganizationBody }>(
    "/api/organizations/client/:clientId",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: ClientIdParams, body: NewOrganizationBody, response: { 200: IdView, 201: IdView } },
    },
    async (request, reply) => {
      const { id, created } = await createOrganizationOnce(app.db, request.params.clientId, request.body);
      return reply.status(created ? 201 : 200).send({ id });
    },
  );
}
