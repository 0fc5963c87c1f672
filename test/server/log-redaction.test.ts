import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { openDatabase, type OpenedDatabase } from "../../server/db/database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../../server/modules/users/users.service.ts";

// The real logger, writing into a stream this test reads: no line may hold a respondent's token, whatever the route,
// the status or the error.

let app: FastifyInstance;
let database: OpenedDatabase;
let dataDir: string;
const lines: string[] = [];
let token: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-log-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "info" });
  database = openDatabase(config.databaseFile);
  await migrateToLatest(database.db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(database.db, config.surveysDir);
  const stream = new PassThrough();
  let pending = "";
  stream.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const parts = pending.split("\n");
    pending = parts.pop()!;
    lines.push(...parts);
  });
  app = await buildApp({ config, db: database.db, catalogue, logger: { stream } });
  await app.ready();

  await createUser(database.db, {
    email: "ev@example.org",
    name: "Ev",
    role: "evaluator",
    password: "correct horse battery",
  });
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: "ev@example.org", password: "correct horse battery" },
  });
  const headers = {
    cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join("; "),
    "x-csrf-token": login.json().csrfToken as string,
  };
  const post = async (url: string, payload: object) =>
    (await app.inject({ method: "POST", url, payload, headers })).json();
  const org = await post("/api/organizations", { name: "Ak-Jol", kind: "ngo", region: "Chui" });
  const evaluation = await post("/api/evaluations", { name: "Logs", questionnaireIds: ["ngo-capacity"] });
  const [invitation] = await post(`/api/evaluations/${evaluation.id}/invitations`, {
    organizationIds: [org.id],
    questionnaireId: "ngo-capacity",
  });
  token = invitation.token;
});

afterAll(async () => {
  await app.close();
  await database.db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the log", () => {
  it("never holds a respondent's token", async () => {
    const requests: Array<{ method: "GET" | "PUT" | "POST"; url: string; payload?: object }> = [
      { method: "GET", url: `/r/${token}` },
      { method: "GET", url: `/r/${token}?lang=ru` },
      { method: "GET", url: `/api/respond/${token}` },
      { method: "GET", url: `/api/respond/${token}?have=ngo-capacity@1` },
      { method: "PUT", url: `/api/respond/${token}/draft`, payload: { data: { ORG1: "x" }, currentPage: 0 } },
      { method: "PUT", url: `/api/respond/${token}/draft`, payload: { data: "not answers" } },
      { method: "POST", url: `/api/respond/${token}/submit`, payload: { data: {} } },
      { method: "GET", url: `/api/respond/${token}/copy.pdf` },
      { method: "GET", url: `/api/respond/${token}/no-such-route` },
      { method: "GET", url: `/api/respond/${token}x` },
    ];
    for (const r of requests) await app.inject(r);

    const log = lines.join("\n");
    expect(lines.length).toBeGreaterThan(requests.length);
    expect(log).not.toContain(token);
    // The lines are still there, with the token replaced.
    const urls = lines
      .map((line) => JSON.parse(line) as { req?: { url?: string } })
      .flatMap((entry) => (entry.req?.url ? [entry.req.url] : []));
    expect(urls).toEqual(
      expect.arrayContaining([
        "/r/[redacted]",
        "/r/[redacted]?lang=ru",
        "/api/respond/[redacted]",
        "/api/respond/[redacted]/draft",
        "/api/respond/[redacted]/submit",
        "/api/respond/[redacted]/copy.pdf",
        "/api/respond/[redacted]/no-such-route",
      ]),
    );
  });
});
