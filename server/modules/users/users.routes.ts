import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
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
      // Not one transaction: the password hash is slow on purpose, and no write lock is held while it runs.
      const id = await createUser(app.db, request.body);
      const view = await getManagedUser(app.db, id);
      await recordEvent(app.db, actorOf(request), "user_created", auditTarget("user", id), {
        email: view.email,
        role: view.role,
      });
      return reply.status(201).send(view);
    },
  );

  app.patch(
    "/api/users/:id",
    {
      preValidation: adminOnly,
      schema: { params: IdParams, body: UpdateUserBody, response: withErrors({ 200: ManagedUserView }) },
    },
    (request) =>
      inTransaction(app.db, async (trx) => {
        const before = await getManagedUser(trx, request.params.id);
        const after = await updateUserAccount(trx, request.user!.id, request.params.id, request.body);
        const target = auditTarget("user", after.id);
        if (!before.disabled && after.disabled) {
          await recordEvent(trx, actorOf(request), "user_disabled", target, { email: after.email });
        }
        if (before.role !== after.role) {
          await recordEvent(trx, actorOf(request), "role_changed", target, {
            email: after.email,
            previousRole: before.role,
            role: after.role,
          });
        }
        return after;
      }),
  );
}
