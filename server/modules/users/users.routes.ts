import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../auth/auth.plugin.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import { ManagedUserView, NewUserBody, UpdateUserBody } from "./users.schemas.ts";
import { createUser, getManagedUser, listManagedUsers, updateUserAccount } from "./users.service.ts";
import { adminRoles } from "../../value-lists.ts";

/** User management: admins only. */
export async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const adminOnly = requireUser(adminRoles);

  app.get(
    "/api/users",
    { preValidation: adminOnly, schema: { response: withErrors({ 200: Type.Array(ManagedUserView) }) } },
    () => listManagedUsers(app.db),
  );

  app.post(
    "/api/users",
    { preValidation: adminOnly, schema: { body: NewUserBody, response: withErrors({ 201: ManagedUserView }) } },
    async (request, reply) => {
      const id = await createUser(app.db, request.body);
      return reply.status(201).send(await getManagedUser(app.db, id));
    },
  );

  app.patch(
    "/api/users/:id",
    {
      preValidation: adminOnly,
      schema: { params: IdParams, body: UpdateUserBody, response: withErrors({ 200: ManagedUserView }) },
    },
    (request) =>
      inTransaction(app.db, (trx) => updateUserAccount(trx, request.user!.id, request.params.id, request.body)),
  );
}
