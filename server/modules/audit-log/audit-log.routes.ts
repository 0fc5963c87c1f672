import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { requireUser } from "../auth/auth.plugin.ts";
import { fileResponse, withErrors } from "../common.schemas.ts";
import { AuditEventList, AuditQuery } from "./audit-log.schemas.ts";
import { allAuditEvents, auditCsv, listAuditEvents } from "./audit-log.service.ts";

/** The most events one CSV download holds; narrow the filters (dates) for more. */
const csvMaxEvents = 100_000;

/** The audit log, for admins. Read-only: no route changes or deletes an event. */
export async function auditLogRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const adminOnly = requireUser(["admin"]);

  app.get(
    "/api/audit",
    { preValidation: adminOnly, schema: { querystring: AuditQuery, response: withErrors({ 200: AuditEventList }) } },
    (request) => listAuditEvents(app.db, request.query),
  );

  app.get(
    "/api/audit/export.csv",
    {
      preValidation: adminOnly,
      schema: {
        querystring: AuditQuery,
        response: withErrors({ 200: fileResponse("text/csv", "The matching events, newest first (UTF-8)") }),
      },
    },
    async (request, reply) => {
      const events = await allAuditEvents(app.db, request.query, csvMaxEvents);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="sapat-audit.csv"')
        .header("cache-control", "no-store")
        .send(auditCsv(events));
    },
  );
}
