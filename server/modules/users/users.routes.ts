import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../../plugins/auth.ts";
import { IdParams } from "../common.schemas.ts";
import { ManagedUserView, NewUserBody, UpdateUserBody } from "./users.schemas.ts";
import { createUser, getManagedUser, listManagedUsers, updateUserAccount } from "./users.service.ts";

/** User management: admins only. */
export async function usersRoutes(app: FastifyInstance) {
  const adminOnly = requireUser(["admin"]);

  app.get("/api/users", { preValidation: adminOnly, schema: { response: { 200: Type.Array(ManagedUserView) } } }, () =>
    listManagedUsers(app.db),
  );

  app.post<{ Body: NewUserBody }>(
    "/api/users",
    { preValidation: adminOnly, schema: { body: NewUserBody, response: { 201: ManagedUserView } } },
    async (request, reply) => {
      const id = await createUser(app.db, request.body);
      return reply.status(201).send(await getManagedUser(app.db, id));
    },
  );

  app.patch<{ Params: IdParams; Body: UpdateUserBody }>(
    "/api/users/:id",
    {
      preValidation: adminOnly,
      schema: { params: IdParams, body: UpdateUserBody, response: { 200: ManagedUserView } },
    },
    (request) =>
      inTransaction(app.db, (trx) => updateUserAccount(trx, request.user!.id, Number(request.params.id), request.body)),
  );
}
