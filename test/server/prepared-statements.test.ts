import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/database.ts";
import { PreparedStatements } from "../../server/db/prepared-statements.ts";
import { inTransaction } from "../../server/db/transaction.ts";
import { buildTestApp, type TestApp } from "../helpers/build-app.ts";
import { onPostgres, testDatabaseUrlFor } from "../helpers/test-database.ts";

// PostgreSQL statements are prepared once a text repeats (server/db/prepared-statements.ts).

describe("which texts are named", () => {
  it("a text the second time it runs, under the same name after that; never a schema change", () => {
    const statements = new PreparedStatements();
    const text = "select * from responses where id = $1";
    expect(statements.nameOf(text)).toBeUndefined();
    const name = statements.nameOf(text);
    expect(name).toMatch(/^sapat_0_\d+$/);
    expect(statements.nameOf(text)).toBe(name);
    expect(statements.nameOf("alter table responses add column x integer")).toBeUndefined();
    expect(statements.nameOf("alter table responses add column x integer")).toBeUndefined();
  });

  it("after a schema change, under new names only", () => {
    const statements = new PreparedStatements();
    const text = "select * from invitations where token = $1";
    statements.nameOf(text);
    const before = statements.nameOf(text);
    statements.nameOf('create index "x" on "invitations" ("token")');
    expect(statements.nameOf(text)).toBeUndefined();
    const after = statements.nameOf(text);
    expect(after).toMatch(/^sapat_1_\d+$/);
    expect(after).not.toBe(before);
  });
});

describe.runIf(onPostgres)("prepared statements on PostgreSQL", () => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await buildTestApp();
    db = t.database.db;
    await sql`create table prepared_probe (id integer primary key, name text not null)`.execute(db);
    await sql`insert into prepared_probe values (1, 'one')`.execute(db);
  });
  afterAll(() => t.close());

  /** What another process (an instance of a newer version, migrating) does to the schema. */
  async function elsewhere(statement: string) {
    const client = new pg.Client({ connectionString: testDatabaseUrlFor(t.dataDir)! });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  it("are prepared on the connection that runs a repeated text, and give the same rows", async () => {
    const names = await db.connection().execute(async (connection) => {
      for (let i = 0; i < 3; i++) {
        const { rows } = await sql<{ name: string }>`select name from prepared_probe where id = ${1}`.execute(
          connection,
        );
        expect(rows).toEqual([{ name: "one" }]);
      }
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(connection);
      return rows;
    });
    expect(names).toContainEqual({
      name: expect.stringMatching(/^sapat_\d+_\d+$/),
      statement: "select name from prepared_probe where id = $1",
    });
  });

  it("survive another process adding a column: a transaction that meets the stale statement runs again", async () => {
    const read = (trx: Db) =>
      trx
        .selectFrom("prepared_probe" as never)
        .selectAll()
        .execute();
    // Prepared on every connection a few times over, so that the next read meets a stale one.
    for (let i = 0; i < 30; i++) await Promise.all(Array.from({ length: 10 }, () => inTransaction(db, read)));
    await elsewhere("alter table prepared_probe add column added integer");
    const rows = await Promise.all(Array.from({ length: 10 }, () => inTransaction(db, read)));
    for (const found of rows) expect(found).toEqual([{ id: 1, name: "one", added: null }]);
  });
});
