import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { withErrors } from "../common.schemas.ts";
import { checkLiveness, checkReadiness } from "./health.service.ts";

export async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Liveness: the process answers and can read its database. A full disk does not make it fail (a restart would
  // not help), so this stays 200 while /readyz says 503.
  app.get(
    "/healthz",
    { schema: { response: withErrors({ 200: Type.Object({ status: Type.Literal("ok") }) }) } },
    async () => {
      await checkLiveness(app.db);
      return { status: "ok" as const };
    },
  );

  app.get(
    "/readyz",
    { schema: { response: withErrors({ 200: Type.Object({ status: Type.Literal("ready") }) }) } },
    async () => {
      await checkReadiness(app.db, app.config.databaseFile);
      return { status: "ready" as const };
    },
  );
}
