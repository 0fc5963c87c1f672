import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { ensureFirstAdmin } from "../../server/modules/users/users.service.ts";
import { buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";
import { expectError, request } from "../helpers/http.ts";
import { onPostgres, sqliteOf } from "../helpers/test-database.ts";

describe("loadConfig", () => {
  it("runs everything on one machine by default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      dataDir: path.resolve(process.cwd(), "data"),
      databaseFile: path.resolve(process.cwd(), "data", "sapat.db"),
      publicUrl: "http://localhost:3000",
      databaseUrl: null,
      redisUrl: null,
      redisKeyPrefix: "sapat-",
      smtpUrl: null,
      adminEmail: null,
      adminPassword: null,
      logLevel: "info",
      bodyLimit: 1024 * 1024,
      secureCookies: false,
    });
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.sessionTtlMs).toBeGreaterThan(0);
  });

  it("reads every variable it is given", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "127.0.0.1",
      DATA_DIR: "/var/lib/sapat",
      PUBLIC_URL: "https://sapat.example.org/",
      SMTP_URL: "smtp://user:pass@mail.example.org:587",
      MAIL_FROM: "Sapat <sapat@example.org>",
      ADMIN_EMAIL: "admin@example.org",
      ADMIN_PASSWORD: "a long enough password",
      LOG_LEVEL: "warn",
      BODY_LIMIT: "2048",
      DATABASE_URL: "postgres://sapat:secret@db.example.org:5432/sapat",
      REDIS_URL: "redis://cache.example.org:6379",
      REDIS_KEY_PREFIX: "sapat-staging:",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir: "/var/lib/sapat",
      databaseFile: "/var/lib/sapat/sapat.db",
      publicUrl: "https://sapat.example.org",
      smtpUrl: "smtp://user:pass@mail.example.org:587",
      mailFrom: "Sapat <sapat@example.org>",
      adminEmail: "admin@example.org",
      adminPassword: "a long enough password",
      logLevel: "warn",
      bodyLimit: 2048,
      databaseUrl: "postgres://sapat:secret@db.example.org:5432/sapat",
      redisUrl: "redis://cache.example.org:6379",
      redisKeyPrefix: "sapat-staging:",
      secureCookies: true,
    });
  });

  it("derives the default public URL from PORT", () => {
    expect(loadConfig({ PORT: "4000" }).publicUrl).toBe("http://localhost:4000");
  });

  it.each([
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["PORT", { PORT: "-1" }],
    ["PORT", { PORT: "3000.5" }],
    ["BODY_LIMIT", { BODY_LIMIT: "lots" }],
    ["BODY_LIMIT", { BODY_LIMIT: "10" }],
    ["PUBLIC_URL", { PUBLIC_URL: "sapat.example.org" }],
    ["SMTP_URL", { SMTP_URL: "not a url" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://db.example.org/sapat" }],
    ["REDIS_URL", { REDIS_URL: "not a url" }],
    ["REDIS_KEY_PREFIX", { REDIS_KEY_PREFIX: "two words" }],
    ["ADMIN_EMAIL and ADMIN_PASSWORD", { ADMIN_EMAIL: "admin@example.org" }],
    ["ADMIN_EMAIL and ADMIN_PASSWORD", { ADMIN_PASSWORD: "a long enough password" }],
    ["ADMIN_PASSWORD", { ADMIN_EMAIL: "admin@example.org", ADMIN_PASSWORD: "short" }],
  ])("throws a ConfigError naming %s for %j", (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe("start-up", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it.skipIf(onPostgres)("keeps the data in a real SQLite file in DATA_DIR (SQLite only)", () => {
    expect(t.config.databaseFile).toBe(path.join(t.dataDir, "sapat.db"));
    expect(fs.existsSync(t.config.databaseFile)).toBe(true);
    expect(sqliteOf(t.database).name).toBe(t.config.databaseFile);
  });

  it.skipIf(onPostgres)(
    "opens SQLite with WAL, foreign keys, synchronous=FULL and a busy timeout (SQLite only)",
    () => {
      const pragma = (name: string) => sqliteOf(t.database).pragma(name, { simple: true });
      expect(pragma("journal_mode")).toBe("wal");
      expect(pragma("foreign_keys")).toBe(1);
      expect(pragma("synchronous")).toBe(2);
      expect(pragma("busy_timeout")).toBeGreaterThan(0);
    },
  );

  it("enforces foreign keys", async () => {
    const insert = t.database.db
      .insertInto("evaluation_questionnaires")
      .values({ evaluation_id: 999999, questionnaire_id: "ngo-capacity" })
      .execute();
    await expect(insert).rejects.toThrow(/foreign key/i);
  });

  it("finds nothing left to migrate on a second start", async () => {
    expect(await migrateToLatest(t.database.db)).toEqual([]);
  });

  it("creates the first admin only when there is no user at all", async () => {
    const users = () => t.database.db.selectFrom("users").select(["email", "role"]).execute();
    expect(await users()).toEqual([]);
    expect(await ensureFirstAdmin(t.database.db, null, null)).toBe("missing");
    expect(await users()).toEqual([]);

    expect(await ensureFirstAdmin(t.database.db, "Admin@Example.org", "first admin password")).toBe("created");
    expect(await users()).toEqual([{ email: "admin@example.org", role: "admin" }]);
    const login = await request(t, "POST", "/api/auth/login", {
      email: "admin@example.org",
      password: "first admin password",
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.role).toBe("admin");

    expect(await ensureFirstAdmin(t.database.db, "other@example.org", "another long password")).toBe("exists");
    expect(await users()).toEqual([{ email: "admin@example.org", role: "admin" }]);
  });

  it("creates no admin when another user already exists", async () => {
    const other = await buildTestApp();
    try {
      await logInAs(other, "viewer");
      expect(await ensureFirstAdmin(other.database.db, "admin@example.org", "first admin password")).toBe("exists");
      const admins = await other.database.db.selectFrom("users").select("id").where("role", "=", "admin").execute();
      expect(admins).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("answers GET /healthz with 200 {status: ok}", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it.each([
    ["GET", "/api/nothing-here"],
    ["POST", "/api/nothing-here"],
    ["GET", "/api"],
    ["DELETE", "/api/organizations"],
  ] as const)("answers %s %s with a JSON 404", async (method, url) => {
    const res = await t.app.inject({ method, url });
    const body = expectError(res, 404, "not_found");
    expect(body.details).toEqual([]);
    expect(body.message).toContain(url);
  });
});
