import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * Serves the built client. Hashed assets are immutable; index.html is always revalidated so a new release
 * reaches people at once. Any other GET outside /api is a client route and gets index.html.
 */
export const clientPlugin = fp(async (app: FastifyInstance) => {
  const root = app.config.clientDir;
  const hasClient = fs.existsSync(path.join(root, "index.html"));
  if (hasClient) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders(reply, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split("?")[0] ?? "/";
    const wantsPage = request.method === "GET" && !url.startsWith("/api/") && url !== "/api";
    if (wantsPage && hasClient && !path.extname(url)) {
      reply.header("cache-control", "no-cache");
      return reply.sendFile("index.html");
    }
    return reply
      .status(404)
      .send({ error: "not_found", message: `No route for ${request.method} ${url}`, details: [] });
  });
});
