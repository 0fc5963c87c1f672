import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { openDatabase } from "../../server/db/database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import type { Database } from "../../server/db/schema.ts";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError } from "../helpers/http.ts";
import { inviteOrganization, type Invited } from "../helpers/scenario.ts";
import { onPostgres, sqliteOf } from "../helpers/test-database.ts";

// /healthz is liveness, /readyz readiness (a write round trip). A write the database cannot take (disk full, file
// read-only) answers 503 storage_unavailable, never 500, and stores nothing of the request.

const importCsv = (lines: number) =>
  "name,kind,region,email\n" +
  Array.from({ length: lines }, (_, i) => `Organisation ${i} with a long enough name,ngo,Chui,org${i}@ngo.kg`).join(
    "\n",
  );

describe.skipIf(onPostgres)("a full disk (SQLITE_FULL from max_page_count on the real file; SQLite only)", () => {
  let t: TestApp;
  let evaluator: Session;
  let invited: Invited;

  beforeAll(async () => {
    t = await buildTestApp();
    evaluator = await logInAs(t, "evaluator");
    invited = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
  });
  afterAll(() => t.close());

  const importOrganizations = () =>
    t.app.inject({
      method: "POST",
      url: "/api/organizations/import",
      headers: { ...evaluator.headers, "content-type": "text/csv" },
      payload: importCsv(2000),
    });

  it("is ready while there is room", async () => {
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).json()).toEqual({ status: "ready" });
  });

  it("stays alive but not ready, and refuses writes with 503 storing nothing", async () => {
    const sqlite = sqliteOf(t.database);
    const pages = sqlite.pragma("page_count", { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    try {
      const live = await t.app.inject({ method: "GET", url: "/healthz" });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: "ok" });
      expectError(await t.app.inject({ method: "GET", url: "/readyz" }), 503, "storage_unavailable");

      const before = await countRows(t, "organizations");
      const res = await importOrganizations();
      const body = expectError(res, 503, "storage_unavailable");
      expect(body.message).toMatch(/nothing was saved/);
      expect(await countRows(t, "organizations")).toBe(before);

      const draft = await t.app.inject({
        method: "PUT",
        url: `/api/respond/${invited.token}/draft`,
        payload: { data: { ORG1: "x".repeat(20_000) }, currentPage: 0 },
      });
      expectError(draft, 503, "storage_unavailable");
      expect(await countRows(t, "responses")).toBe(0);
    } finally {
      sqlite.pragma("max_page_count = 1073741823");
    }
    // Room again: ready, and the same requests go through.
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    expect((await importOrganizations()).statusCode).toBe(200);
    expect(await countRows(t, "organizations")).toBeGreaterThanOrEqual(2000);
  });
});

describe.skipIf(onPostgres)("a read-only database file (SQLite only)", () => {
  let dataDir: string;
  let db: Kysely<Database>;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-readonly-"));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    const writable = openDatabase(config.databaseFile);
    await migrateToLatest(writable.db);
    await createUser(writable.db, {
      email: "ev@example.org",
      name: "Ev",
      role: "evaluator",
      password: "correct horse battery",
    });
    await writable.db.destroy();
    // The file opened read-only, as SQLite opens a file it may not write: every write fails with SQLITE_READONLY.
    db = openDatabase(config.databaseFile, { readonly: true }).db;
    const catalogue = new QuestionnaireCatalogue();
    app = await buildApp({ config, db, catalogue, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("is alive, not ready, and a login (a write) answers 503 storage_unavailable", async () => {
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expectError(await app.inject({ method: "GET", url: "/readyz" }), 503, "storage_unavailable");
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "ev@example.org", password: "correct horse battery" },
    });
    expectError(login, 503, "storage_unavailable");
    expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });
});
