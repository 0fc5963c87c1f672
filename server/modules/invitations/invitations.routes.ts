import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../../plugins/auth.ts";
import { IdParams } from "../common.schemas.ts";
import {
  BulkExtendBody,
  BulkResult,
  BulkRevokeBody,
  CreatedInvitation,
  ExtendedInvitation,
  ExtendInvitationBody,
  InvitationView,
  NewInvitationsBody,
} from "./invitations.schemas.ts";
import {
  createInvitations,
  extendInvitation,
  extendInvitations,
  listInvitationViews,
  revokeInvitation,
  revokeInvitations,
} from "./invitations.service.ts";

export async function invitationsRoutes(app: FastifyInstance) {
  app.post<{ Params: IdParams; Body: NewInvitationsBody }>(
    "/api/evaluations/:id/invitations",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: NewInvitationsBody, response: { 201: Type.Array(CreatedInvitation) } },
    },
    async (request, reply) => {
      const created = await inTransaction(app.db, (trx) =>
        createInvitations(trx, Number(request.params.id), request.body, app.config.publicUrl),
      );
      return reply.status(201).send(created);
    },
  );

  app.get<{ Params: IdParams }>(
    "/api/evaluations/:id/invitations",
    { preValidation: requireUser(), schema: { params: IdParams, response: { 200: Type.Array(InvitationView) } } },
    (request) => listInvitationViews(app.db, Number(request.params.id), app.config.publicUrl),
  );

  app.post<{ Params: IdParams }>(
    "/api/invitations/:id/revoke",
    { preValidation: requireUser(["admin", "evaluator"]), schema: { params: IdParams } },
    async (request) => {
      await inTransaction(app.db, (trx) => revokeInvitation(trx, Number(request.params.id)));
      return { status: "revoked" };
    },
  );

  app.post<{ Params: IdParams; Body: ExtendInvitationBody }>(
    "/api/invitations/:id/extend",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: ExtendInvitationBody, response: { 200: ExtendedInvitation } },
    },
    (request) =>
      inTransaction(app.db, (trx) => extendInvitation(trx, Number(request.params.id), request.body.expiresAt)),
  );

  app.post<{ Params: IdParams; Body: BulkRevokeBody }>(
    "/api/evaluations/:id/invitations/revoke",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: BulkRevokeBody, response: { 200: BulkResult } },
    },
    (request) =>
      inTransaction(app.db, (trx) => revokeInvitations(trx, Number(request.params.id), request.body.invitationIds)),
  );

  app.post<{ Params: IdParams; Body: BulkExtendBody }>(
    "/api/evaluations/:id/invitations/extend",
    {
      preValidation: requireUser(["admin", "evaluator"]),
      schema: { params: IdParams, body: BulkExtendBody, response: { 200: BulkResult } },
    },
    (request) =>
      inTransaction(app.db, (trx) =>
        extendInvitations(trx, Number(request.params.id), request.body.invitationIds, request.body.expiresAt),
      ),
  );
}
