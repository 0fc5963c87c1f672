import { PostgresIntrospector } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OwnSchemaIntrospector } from "../../server/db/own-schema-introspector.ts";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";
import { onPostgres, schemaFor, testDatabaseUrl } from "../helpers/test-database.ts";

// Kysely's migrator asks the introspector whether its tables exist. Several installations (and the tests, each in a
// schema of its own) share one PostgreSQL server: what one drops must not fail another's start.
describe.skipIf(!onPostgres)("the PostgreSQL introspector (PostgreSQL only)", () => {
  let t: TestApp;
  let other: pg.Client;
  beforeAll(async () => {
    t = await buildTestApp();
    other = new pg.Client({ connectionString: testDatabaseUrl! });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await t?.close();
  });

  it("reads the tables of its own schema only, Kysely's own among them when asked", async () => {
    const neighbour = `${schemaFor(t.dataDir)}_neighbour`;
    await other.query(`create schema ${neighbour}`);
    try {
      await other.query(`create table ${neighbour}.kysely_migration (name text)`);
      await other.query(`create table ${neighbour}.elsewhere (id integer)`);
      const tables = await t.database.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(new Set(tables.map((table) => table.schema))).toEqual(new Set([schemaFor(t.dataDir)]));
      const names = tables.map((table) => table.name);
      expect(names).toEqual(expect.arrayContaining(["kysely_migration", "kysely_migration_lock", "responses"]));
      expect(names).not.toContain("elsewhere");
      expect(names.filter((name) => name === "kysely_migration")).toHaveLength(1);
      const withoutKysely = await t.database.db.introspection.getTables();
      expect(withoutKysely.map((table) => table.name)).not.toContain("kysely_migration");
      const responses = tables.find((table) => table.name === "responses")!;
      expect(responses.columns.find((column) => column.name === "id")).toMatchObject({
        isAutoIncrementing: true,
        isNullable: false,
      });
    } finally {
      await other.query(`drop schema ${neighbour} cascade`);
    }
  });

  it("is not failed by schemas another session drops meanwhile, where Kysely's own is", async () => {
    const churn = `${schemaFor(t.dataDir)}_churn`;
    let stop = false;
    // Another installation's schemas come and go as fast as the server allows.
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        await other.query(`create schema ${churn}_${i}; create table ${churn}_${i}.t (id integer)`);
        await other.query(`drop schema ${churn}_${i} cascade`);
      }
    })();
    const failures = async (introspector: { getTables: () => Promise<unknown> }, times: number) => {
      let failed = 0;
      for (let i = 0; i < times; i++) await introspector.getTables().catch(() => failed++);
      return failed;
    };
    try {
      // Kysely's reads every schema: the race is real (this shows the test can see it).
      let kyselys = 0;
      for (let round = 0; round < 20 && kyselys === 0; round++) {
        kyselys += await failures(new PostgresIntrospector(t.database.db), 50);
      }
      expect(kyselys).toBeGreaterThan(0);
      expect(await failures(new OwnSchemaIntrospector(t.database.db), 500)).toBe(0);
    } finally {
      stop = true;
      await churning;
    }
  });
});
