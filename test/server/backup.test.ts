import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backupDatabase } from "../../server/db/backup.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { post } from "../helpers/scenario.ts";
import { onPostgres, sqliteOf } from "../helpers/test-database.ts";

let t: TestApp;
let session: Session;
beforeAll(async () => {
  t = await buildTestApp();
  session = await logInAs(t);
});
afterAll(() => t.close());

// The SQLite backup API; on PostgreSQL `npm run backup` points at pg_dump (test/server/backup-postgres.test.ts).
test.skipIf(onPostgres)(
  "a backup taken while the server runs is consistent and restores into a working server (SQLite only)",
  async () => {
    await post(t, session, "/api/organizations", { name: "Sezim", kind: "ngo", region: "Bishkek" });
    const target = path.join(t.dataDir, "backups", "copy.db");

    const { pages } = await backupDatabase(t.config.databaseFile, target);
    expect(pages).toBeGreaterThan(0);
    // The server keeps writing after the backup; the copy stays as it was.
    await post(t, session, "/api/organizations", { name: "Tomo", kind: "ngo", region: "Issyk-Kul" });

    // Restore as the README says: the copy becomes sapat.db of a (new) data directory.
    const restoredDir = fs.mkdtempSync(path.join(t.dataDir, "restored-"));
    fs.copyFileSync(target, path.join(restoredDir, "sapat.db"));
    const restored = await buildTestApp({ dataDir: restoredDir, databaseFile: path.join(restoredDir, "sapat.db") });
    try {
      expect(sqliteOf(restored.database).pragma("integrity_check", { simple: true })).toBe("ok");
      const names = (await restored.database.db.selectFrom("organizations").select("name").execute()).map(
        (o) => o.name,
      );
      expect(names).toEqual(["Sezim"]);
    } finally {
      await restored.close();
    }
  },
);

test.skipIf(onPostgres)("a backup of a missing database fails with a clear message (SQLite only)", async () => {
  await expect(backupDatabase(path.join(t.dataDir, "nope.db"), path.join(t.dataDir, "x.db"))).rejects.toThrow(
    /No database at/,
  );
});
