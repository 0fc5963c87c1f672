import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";

interface Operation {
  parameters?: Array<{ in: string; name: string; schema: { type?: string; minimum?: number } }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
}

describe("the published contract", () => {
  let t: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("serves the OpenAPI 3 document without a session", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    document = res.json();
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info.title).toBe("Sapat API");
  });

  it("describes every API route with a success and an error answer", () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    // Every module's routes are there, the respondent's and the scores' included.
    for (const path of [
      "/api/auth/login",
      "/api/evaluations/{id}",
      "/api/respond/{token}/submit",
      "/api/interviews/{clientId}",
      "/api/evaluations/{id}/scores",
      "/api/responses/{id}/verified/{question}",
      "/api/evaluations/{id}/export.csv",
      "/api/users/{id}",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    expect(operations.length).toBeGreaterThan(50);
    for (const { path, method, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((s) => /^2/.test(s)),
        `${method} ${path}`,
      ).toBe(true);
      expect(statuses, `${method} ${path}`).toContain("4XX");
    }
  });

  it("types ids in the path as positive integers and files by their content type", () => {
    const get = document.paths["/api/evaluations/{id}"]!.get!;
    expect(get.parameters).toContainEqual(
      expect.objectContaining({
        in: "path",
        name: "id",
        schema: expect.objectContaining({ type: "integer", minimum: 1 }),
      }),
    );
    const csv = document.paths["/api/evaluations/{id}/export.csv"]!.get!;
    expect(Object.keys(csv.responses["200"]!.content ?? {})).toEqual(["text/csv"]);
    const pdf = document.paths["/api/responses/{id}/report.pdf"]!.get!;
    expect(Object.keys(pdf.responses["200"]!.content ?? {})).toEqual(["application/pdf"]);
    // The error answer's shape is the one of server/plugins/errors.ts.
    const error = get.responses["4XX"]!.content!["application/json"] as { schema: { required: string[] } };
    expect(error.schema.required).toEqual(["error", "message", "details"]);
  });

  it("shows the document at /api/docs without a session, under the site's Content-Security-Policy", async () => {
    const page = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    // The policy allows scripts from files of this host only: the page has no inline script, and every file it
    // names is served.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="[^"]+"/);
      expect(body!.trim()).toBe("");
    }
    const files = [...page.body.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(file).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(file, "http://localhost/api/docs/").pathname;
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
    }
    // The initializer points the viewer at the document, and at no outside validator.
    const initializer = await t.app.inject({ method: "GET", url: "/api/docs/static/swagger-initializer.js" });
    expect(initializer.body).toContain("validatorUrl");
    expect(initializer.body).not.toContain("validator.swagger.io");
  });
});

describe("the route contract check", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { ready: false });
  });
  afterAll(() => t.close());

  it("refuses an API route without a response schema, so that the app does not build", () => {
    expect(() => t.app.get("/api/no-schema", async () => ({ ok: true }))).toThrow(
      "GET /api/no-schema has no response schema for success",
    );
    expect(() =>
      t.app.get("/api/success-only", { schema: { response: { 200: { type: "object" } } } }, async () => ({})),
    ).toThrow("GET /api/success-only has no response schema for errors");
  });
});
