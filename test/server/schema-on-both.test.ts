import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";
import { onPostgres } from "../helpers/test-database.ts";

// The same migrations create the same schema on SQLite and PostgreSQL, and the SQL that SQLite databases created
// before PostgreSQL was supported already ran stays exactly what it was.

describe("the migrations on SQLite", () => {
  it("write the schema SQL they always wrote (test/fixtures/sqlite-schema.sql)", async () => {
    const { db, sqlite } = openDatabase(":memory:");
    try {
      await migrateToLatest(db);
      const rows = sqlite
        .prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name")
        .all() as Array<{ type: string; name: string; sql: string | null }>;
      const schema = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? "(automatic)"};\n`).join("\n");
      const expected = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/sqlite-schema.sql"), "utf8");
      expect(schema).toBe(expected);
    } finally {
      await db.destroy();
    }
  });
});

describe.runIf(onPostgres)("the migrations on PostgreSQL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("number ids with identity columns and keep floating-point numbers in 8 bytes", async () => {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
      select table_name, column_name, data_type, is_identity from information_schema.columns
      where table_schema = current_schema()`.execute(t.database.db);
    const column = (table: string, name: string) => rows.find((r) => r.table_name === table && r.column_name === name);
    for (const table of ["users", "organizations", "evaluations", "invitations", "responses", "mail_messages"]) {
      expect(column(table, "id")).toMatchObject({ data_type: "integer", is_identity: "YES" });
    }
    expect(column("invitations", "progress")?.data_type).toBe("double precision");
    expect(column("response_scores", "overall_level")?.data_type).toBe("double precision");
    expect(column("readiness_probe", "padding")?.data_type).toBe("bytea");
  });

  it("compress answers, diffs and score traces with lz4 where the server has it", async () => {
    const { rows: settings } = await sql<{ lz4: boolean }>`
      select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(
      t.database.db,
    );
    const { rows } = await sql<{ relname: string; attname: string; attcompression: string }>`
      select c.relname, a.attname, a.attcompression from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relnamespace = current_schema()::regnamespace and a.attname in ('data', 'diff', 'trace', 'json')
      order by c.relname, a.attname`.execute(t.database.db);
    const lz4 = settings[0]!.lz4 ? "l" : "";
    expect(rows.map((r) => `${r.relname}.${r.attname}:${r.attcompression}`)).toEqual([
      "questionnaires.json:",
      `response_revisions.data:${lz4}`,
      `response_revisions.diff:${lz4}`,
      `response_scores.trace:${lz4}`,
      `responses.data:${lz4}`,
    ]);
  });

  it("keep every digit of a floating-point number", async () => {
    const org = await t.database.db
      .insertInto("organizations")
      .values({ name: "A", kind: "ngo", region: "Chui", created_at: "x", updated_at: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(typeof org.id).toBe("number");
    const value = 2.8333333333333335;
    const { rows } = await sql<{ v: number }>`select ${value}::double precision as v`.execute(t.database.db);
    expect(rows[0]!.v).toBe(value);
    const counted = await t.database.db
      .selectFrom("organizations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(counted.n).toBe(1);
  });
});
