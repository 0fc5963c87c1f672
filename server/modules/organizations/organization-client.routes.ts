import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { requireUser } from "../auth/auth.plugin.ts";
import { ClientIdParams, IdView, withErrors } from "../common.schemas.ts";
import { createOrganizationOnce } from "./organization-client.service.ts";
import { NewOrganizationBody } from "./organizations.schemas.ts";
import { editorRoles } from "../../value-lists.ts";

/** Organisations added on the spot during field work, possibly offline: idempotent on the device's UUID. */
export async function organizationClientRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.put(
    "/api/organizations/client/:clientId",
    {
      preValidation: requireUser(editorRoles),
      schema: { params: ClientIdParams, body: NewOrganizationBody, response: withErrors({ 200: IdView, 201: IdView }) },
    },
    async (request, reply) => {
      const { id, created } = await createOrganizationOnce(app.db, request.params.clientId, request.body);
      return reply.status(created ? 201 : 200).send({ id });
    },
  );
}
