import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../server/app.ts";
import { loadConfig, type Config } from "../../server/config.ts";
import type { OpenedDatabase } from "../../server/db/database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import type { Role } from "../../server/value-lists.ts";
import { dropTestDatabase, openTestDatabase, testDatabaseUrlFor } from "./test-database.ts";

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: OpenedDatabase;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real app on a fresh temporary SQLite file (or, under `npm run test:pg`, a fresh PostgreSQL schema), migrated,
 * with surveys/ loaded. With `dataDir`, on the database already there (a restart): that directory (and its
 * schema) then belongs to the caller and close() leaves it.
 */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  options: { dataDir?: string; ready?: boolean } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sapat-test-"));
  // The validation budget is a safety net for production; on a test machine busy with parallel test files it would
  // trip on ordinary answers, so tests that exercise it set their own.
  const config = loadConfig(
    { DATA_DIR: dataDir, LOG_LEVEL: "silent" },
    {
      validationTimeoutMs: 30_000,
      databaseUrl: testDatabaseUrlFor(dataDir),
      ...overrides,
    },
  );
  const database = await openTestDatabase(config);
  await migrateToLatest(database.db);
  const catalogue = new QuestionnaireCatalogue({ validationTimeoutMs: config.validationTimeoutMs });
  await catalogue.loadDirectory(database.db, config.surveysDir);
  const app = await buildApp({ config, db: database.db, catalogue, logger: false });
  // Not ready: a test may still add a route (the route contract check runs as routes are added).
  if (options.ready !== false) await app.ready();
  return {
    app,
    config,
    database,
    dataDir,
    async close() {
      await app.close();
      await database.db.destroy();
      if (!options.dataDir) {
        await dropTestDatabase(dataDir);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

let userCounter = 0;

/** Creates a user of the given role and logs in through the real route. */
/** A session of a user logInAs created, with who they are. */
export interface UserSession extends Session {
  userId: number;
  email: string;
}

export async function logInAs(testApp: TestApp, role: Role = "evaluator"): Promise<UserSession> {
  const email = `${role}${++userCounter}@example.org`;
  const password = "correct horse battery";
  await createUser(testApp.database.db, { email, name: role, role, password });
  const res = await testApp.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const { csrfToken, user } = res.json() as { csrfToken: string; user: { id: number } };
  return { userId: user.id, email, cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}

/** Makes a user a member of an evaluation, directly in the database (tests of other things share evaluations so). */
export async function addMember(
  testApp: TestApp,
  evaluationId: number,
  userId: number,
  role: "owner" | "evaluator" | "viewer" = "evaluator",
): Promise<void> {
  await testApp.database.db
    .insertInto("evaluation_members")
    .values({
      evaluation_id: evaluationId,
      user_id: userId,
      role,
      added_by: null,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["evaluation_id", "user_id"]).doUpdateSet({ role }))
    .execute();
}
