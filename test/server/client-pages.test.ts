import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";

// Which page the server sends for which address, on a stand-in for dist/client: a respondent's link gets the
// respondent's own build (respond.html), everything else outside /api the workspace (index.html).

let t: TestApp;
let clientDir: string;

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-client-"));
  fs.mkdirSync(path.join(clientDir, "assets"));
  fs.mkdirSync(path.join(clientDir, "r"));
  fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>workspace</title>");
  fs.writeFileSync(path.join(clientDir, "respond.html"), "<!doctype html><title>respondent</title>");
  fs.writeFileSync(path.join(clientDir, "r", "sw.js"), "// the respondent's worker");
  fs.writeFileSync(path.join(clientDir, "assets", "respond-abc123.js"), "export {};");
  fs.writeFileSync(path.join(clientDir, "assets", "respond-abc123.js.map"), '{"version":3,"sources":["secret.ts"]}');
  t = await buildTestApp({ clientDir });
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: "GET", url });

describe("source maps", () => {
  it("are not served, even when a build left one in the folder", async () => {
    expect((await get("/assets/respond-abc123.js")).statusCode).toBe(200);
    const res = await get("/assets/respond-abc123.js.map");
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("secret.ts");
  });

  it("are not built for production", async () => {
    for (const config of ["vite.config.ts", "vite.respond.config.ts"]) {
      const { default: options } = (await import(`../../${config}`)) as {
        default: { build?: { sourcemap?: unknown } };
      };
      expect(options.build?.sourcemap, config).toBe(false);
    }
  });
});

describe("the client's pages", () => {
  it.each(["/r/3VNizRoSKbYg4hQP5vLtVfMu16fhBFpf", "/r/3VNizRoSKbYg4hQP5vLtVfMu16fhBFpf/", "/r/abc?x=1"])(
    "sends the respondent's page for %s, revalidated",
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("respondent");
      expect(res.headers["cache-control"]).toBe("no-cache");
    },
  );

  it.each(["/", "/evaluations/4", "/r", "/r/abc/more", "/interviews/new"])(
    "sends the workspace for %s",
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("workspace");
    },
  );

  it("serves the respondent's service worker under /r/, revalidated, and the hashed files for good", async () => {
    const worker = await get("/r/sw.js");
    expect(worker.statusCode).toBe(200);
    expect(worker.headers["content-type"]).toMatch(/javascript/);
    expect(worker.headers["cache-control"]).toBe("no-cache");
    const asset = await get("/assets/respond-abc123.js");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("answers an unknown API address with a JSON 404, not a page", async () => {
    const res = await get("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: "not_found" });
  });
});
