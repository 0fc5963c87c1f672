import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Type } from "typebox";
import { withErrors } from "../modules/common.schemas.ts";

export const openApiPath = "/api/openapi.json";

/**
 * The published contract: @fastify/swagger builds the OpenAPI 3 document from the routes' schemas (registered
 * first, so that it sees every route added after it), served at /api/openapi.json and shown at /api/docs. Both are
 * public: they describe shapes, never data.
 */
export const apiDocsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Sapat API",
        version: "1",
        description:
          "Evaluator routes need a session (POST /api/auth/login) and, on POST/PUT/PATCH/DELETE, its csrfToken as the " +
          "x-csrf-token header, or a personal API token (POST /api/tokens) as Authorization: Bearer <token> (no CSRF " +
          "header); respondent routes (/api/respond/{token}) take the link's token as their only credential. " +
          "Errors answer {error, message, details}. Roles and semantics: docs/api.md.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "sapat_session" },
          apiToken: { type: "http", scheme: "bearer" },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    // No call to validator.swagger.io: the Content-Security-Policy allows this host only.
    uiConfig: { validatorUrl: null },
  });
  app.get(
    openApiPath,
    { schema: { hide: true, response: withErrors({ 200: Type.Object({}, { additionalProperties: true }) }) } },
    async () => app.swagger(),
  );
});
