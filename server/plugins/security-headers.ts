import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * The Content-Security-Policy of every page: nothing from another host (DESIGN.md: respondents may be offline, and
 * their privacy matters). Inline styles are allowed because survey-react-ui sets them; scripts never are, so the
 * built index.html must keep its scripts in files (Vite's does) and the service worker is registered from one.
 */
export const contentSecurityPolicy = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "worker-src": ["'self'"],
  "manifest-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
} as const;

/**
 * A PDF shown inline is drawn by the browser's own viewer, which Chrome embeds in a page of its own that is bound by
 * the PDF's policy: `object-src 'none'` blanks it ("This content is blocked"), and it styles itself inline. A PDF runs
 * none of our scripts, so it gets a policy of its own that only lets the viewer work.
 */
const pdfContentSecurityPolicy = "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  const https = app.config.publicUrl.startsWith("https:");
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // upgrade-insecure-requests is left out: on a plain-http LAN install it would send the browser to an https
      // port that nothing listens on.
      directives: contentSecurityPolicy,
    },
    // Only over https: on http the header is ignored by browsers anyway, and a proxy that later moves the install
    // to another scheme must not be pinned by it.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: "deny" },
    // Respondent links carry their credential in the path: never send it on as a Referer.
    referrerPolicy: { policy: "no-referrer" },
  });

  app.addHook("onSend", async (_request, reply, payload) => {
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("application/pdf")) {
      reply.header("content-security-policy", pdfContentSecurityPolicy);
    }
    return payload;
  });
});
