import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../server/db/database.ts";

// The database handle keeps prepared statements by their SQL text: reusing one must never give another query's rows.

/** The test's own table, not the product's schema. */
type Items = Kysely<{ item: { id: number; name: string } }>;

let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-statements-"));
  opened = openDatabase(path.join(dir, "test.db"));
  await sql`create table item (id integer primary key, name text not null)`.execute(opened.db);
  for (const name of ["one", "two", "three"]) await sql`insert into item (name) values (${name})`.execute(opened.db);
});
afterAll(async () => {
  await opened.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const items = () => opened.db as unknown as Items;
const byId = (id: number) => items().selectFrom("item").select("name").where("id", "=", id).executeTakeFirst();

it("binds each execution's own values to a reused statement", async () => {
  expect(await byId(1)).toEqual({ name: "one" });
  expect(await byId(3)).toEqual({ name: "three" });
  expect(await byId(4)).toBeUndefined();
  expect(await byId(2)).toEqual({ name: "two" });
});

it("runs a query again in full after a stream of it was left early", async () => {
  const query = () => items().selectFrom("item").select("name").orderBy("id");
  for await (const row of query().stream()) {
    expect(row).toEqual({ name: "one" });
    break;
  }
  expect(await query().execute()).toEqual([{ name: "one" }, { name: "two" }, { name: "three" }]);
  const streamed: string[] = [];
  for await (const row of query().stream()) streamed.push(row.name);
  expect(streamed).toEqual(["one", "two", "three"]);
});

it("keeps writes and reads apart: a changed row is read as changed", async () => {
  await sql`update item set name = ${"uno"} where id = ${1}`.execute(opened.db);
  expect(await byId(1)).toEqual({ name: "uno" });
});
