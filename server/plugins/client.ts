import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** A respondent's link, `/r/<token>`: its page is respond.html, a build of its own (vite.respond.config.ts). */
const respondentLink = /^\/r\/[^/]+\/?$/;

/**
 * Serves the built client. Hashed assets are immutable; the pages (and the service workers) are always revalidated
 * so a new release reaches people at once. A respondent's link gets respond.html; any other GET outside /api is a
 * workspace route and gets index.html.
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
      // Source maps are not built for production; one left in the folder by an older build is not served either.
      allowedPath: (pathName) => !pathName.endsWith(".map"),
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
      return reply.sendFile(respondentLink.test(url) ? "respond.html" : "index.html");
    }
    return reply
      .status(404)
      .send({ error: "not_found", message: `No route for ${request.method} ${url}`, details: [] });
  });
});
