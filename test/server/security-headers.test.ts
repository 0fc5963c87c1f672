import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../server/config.ts";
import { contentSecurityPolicy } from "../../server/plugins/security-headers.ts";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | string[] | number | undefined): Record<string, string[]> {
  expect(typeof header).toBe("string");
  return Object.fromEntries(
    (header as string)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("over http (a LAN install)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ publicUrl: "http://192.168.1.10:3000", respondTokenRateLimit: 1 });
  });
  afterAll(() => t.close());

  it("sends the policy on pages, API answers, errors and refusals alike", async () => {
    const responses = [
      await t.app.inject({ method: "GET", url: "/healthz" }),
      await t.app.inject({ method: "GET", url: "/api/auth/me" }), // 401
      await t.app.inject({ method: "GET", url: "/api/no-such-route" }), // 404
      await t.app.inject({ method: "GET", url: "/api/respond/some-token" }), // 404
      await t.app.inject({ method: "GET", url: "/api/respond/some-token" }), // 429
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404, 404, 429]);
    for (const res of responses) {
      expect(directives(res.headers["content-security-policy"])).toEqual(contentSecurityPolicy);
    }
  });

  it("allows nothing from another host, no inline script, and no framing", () => {
    expect(contentSecurityPolicy).toEqual({
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
    });
  });

  it("neither upgrades requests to https nor sends HSTS", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends the other protective headers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "cross-origin-opener-policy": "same-origin",
    });
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });
});

describe("over https", () => {
  it("sends HSTS", async () => {
    const t = await buildTestApp({ publicUrl: "https://sapat.example.org", secureCookies: true });
    try {
      const res = await t.app.inject({ method: "GET", url: "/healthz" });
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000");
      expect(res.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    } finally {
      await t.close();
    }
  });
});

// The pages Vite builds from (the workspace's and the respondent's): Vite only adds <script src> tags, so what holds
// here holds for dist/ (the browser tests check the built pages themselves, with the console's CSP reports).
describe.each(["index.html", "respond.html"])("the client's page %s", (page) => {
  it("has no inline script for the policy to block: every <script> has a src", () => {
    const html = fs.readFileSync(path.join(projectRoot, "client", page), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe("");
    }
    // Nor inline event handlers, which script-src 'self' blocks as well.
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
