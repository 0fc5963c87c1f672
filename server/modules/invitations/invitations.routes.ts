import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import { mayHandleLinks, withoutLink } from "./respondent-links.ts";
import {
  BulkExtendBody,
  BulkResult,
  BulkRevokeBody,
  CreatedInvitation,
  ExtendedInvitation,
  ExtendInvitationBody,
  InvitationView,
  NewInvitationsBody,
  RevokedInvitation,
} from "./invitations.schemas.ts";
import {
  createInvitations,
  extendInvitation,
  extendInvitations,
  listInvitationViews,
  revokeInvitation,
  revokeInvitations,
} from "./invitations.service.ts";
import { editorRoles } from "../../value-lists.ts";

export async function invitationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/api/evaluations/:id/invitations",
    {
      preValidation: [requireUser(editorRoles), requireMember("evaluation", "write")],
      schema: {
        params: IdParams,
        body: NewInvitationsBody,
        response: withErrors({ 201: Type.Array(CreatedInvitation) }),
      },
    },
    async (request, reply) => {
      const created = await inTransaction(app.db, (trx) =>
        createInvitations(trx, request.params.id, request.body, app.config.publicUrl),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/evaluations/:id/invitations",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, response: withErrors({ 200: Type.Array(InvitationView) }) },
    },
    async (request) => {
      const views = await listInvitationViews(app.db, request.params.id, app.config.publicUrl);
      return mayHandleLinks(request.user!.role, request.evaluationRole) ? views : views.map(withoutLink);
    },
  );

  app.post(
    "/api/invitations/:id/revoke",
    {
      preValidation: [requireUser(editorRoles), requireMember("invitation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: RevokedInvitation }) },
    },
    async (request) => {
      await inTransaction(app.db, (trx) => revokeInvitation(trx, request.params.id));
      return { status: "revoked" as const };
    },
  );

  app.post(
    "/api/invitations/:id/extend",
    {
      preValidation: [requireUser(editorRoles), requireMember("invitation", "write")],
      schema: { params: IdParams, body: ExtendInvitationBody, response: withErrors({ 200: ExtendedInvitation }) },
    },
    (request) => inTransaction(app.db, (trx) => extendInvitation(trx, request.params.id, request.body.expiresAt)),
  );

  app.post(
    "/api/evaluations/:id/invitations/revoke",
    {
      preValidation: [requireUser(editorRoles), requireMember("evaluation", "write")],
      schema: { params: IdParams, body: BulkRevokeBody, response: withErrors({ 200: BulkResult }) },
    },
    (request) => inTransaction(app.db, (trx) => revokeInvitations(trx, request.params.id, request.body.invitationIds)),
  );

  app.post(
    "/api/evaluations/:id/invitations/extend",
    {
      preValidation: [requireUser(editorRoles), requireMember("evaluation", "write")],
      schema: { params: IdParams, body: BulkExtendBody, response: withErrors({ 200: BulkResult }) },
    },
    (request) =>
      inTransaction(app.db, (trx) =>
        extendInvitations(trx, request.params.id, request.body.invitationIds, request.body.expiresAt),
      ),
  );
}
