import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * The Content-Security-Policy of every page: nothing from another host (docs/api.md, "Conventions": respondents
 * may be offline, and their privacy matters). Inline styles are allowed because survey-react-ui sets them; scripts
 * never are, so the built index.html must keep its scripts in files (Vite's does) and the service worker is
 * registered from one.
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

export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  const https = app.config.publicUrl.startsWith("https:");
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // upgrade-insecure-requests is left out: on a plain-http LAN install it would send the browser to an https
      // port that nothing listens on.
      directives: contentSecurityPolicy,
    },
    // Only when PUBLIC_URL is https: behind a TLS proxy, an install published over plain http must not have its
    // host name pinned to https by a browser.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: "deny" },
    // Respondent links carry their credential in the path: never send it on as a Referer.
    referrerPolicy: { policy: "no-referrer" },
  });
});
