import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, OpenedDatabase } from "../../server/db/database.ts";
import { inTransaction } from "../../server/db/transaction.ts";
import { turnBatched } from "../../server/db/turn-batches.ts";
import { dropTestDatabase, openTestDatabase } from "../helpers/test-database.ts";

// Reads of concurrent requests made by one statement: keys asked for in one turn of the event loop, on a real database.

describe("turnBatched", () => {
  let dir: string;
  let database: OpenedDatabase;
  /** Each statement the read made: its handle and keys. */
  const statements: Array<{ db: Db; keys: string[] }> = [];
  const readNames = turnBatched(async (db: Db, keys: string[]) => {
    statements.push({ db, keys });
    const { rows } = await sql<{
      key: string;
      name: string;
    }>`select key, name from turn_names where key in (${sql.join(keys)})`.execute(db);
    return new Map(rows.map((row) => [row.key, row.name]));
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-turn-batches-"));
    database = await openTestDatabase({ dataDir: dir, databaseFile: path.join(dir, "test.db") });
    await sql`create table turn_names (key text primary key, name text not null)`.execute(database.db);
    await sql`insert into turn_names (key, name) values ('a', 'Ainura'), ('b', 'Bakyt'), ('c', 'Cholpon')`.execute(
      database.db,
    );
  });
  afterAll(async () => {
    await database.db.destroy();
    await dropTestDatabase(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the keys asked for in one turn with one statement, each key once", async () => {
    statements.length = 0;
    const names = await Promise.all(["a", "b", "a", "z"].map((key) => readNames(database.db, key)));
    expect(names).toEqual(["Ainura", "Bakyt", "Ainura", undefined]);
    expect(statements.map((s) => s.keys)).toEqual([["a", "b", "z"]]);
    // The next turn's keys are the next statement's.
    expect(await readNames(database.db, "c")).toBe("Cholpon");
    expect(statements.map((s) => s.keys)).toEqual([["a", "b", "z"], ["c"]]);
  });

  it("fails every read of a statement that fails", async () => {
    const failing = turnBatched((db: Db, keys: string[]) =>
      sql`select * from no_such_table where key in (${sql.join(keys)})`.execute(db).then(() => new Map()),
    );
    const results = await Promise.allSettled(["a", "b"].map((key) => failing(database.db, key)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("reads on a transaction's handle at once, and refuses the database's handle inside a transaction", async () => {
    statements.length = 0;
    let transaction: Db | undefined;
    await inTransaction(database.db, async (trx) => {
      transaction = trx;
      expect(await readNames(trx, "b")).toBe("Bakyt");
      // Batched, it would wait for the connection this transaction holds (SQLite) or read outside it (PostgreSQL).
      await expect(readNames(database.db, "a")).rejects.toThrow(/inside a transaction/);
    });
    expect(statements.map((s) => [s.db === transaction, s.db === database.db, s.keys])).toEqual([
      [true, false, ["b"]],
      [false, true, ["a"]],
    ]);
  });
});
