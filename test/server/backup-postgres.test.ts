import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { projectRoot } from "../../server/config.ts";

// `npm run backup` copies the SQLite file; on PostgreSQL it says what to use instead, before connecting anywhere.
test("npm run backup with DATABASE_URL points at pg_dump and pg_restore, and fails", async () => {
  const run = promisify(execFile)(process.execPath, ["--import", "tsx", "server/cli/backup.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: "postgres://sapat@db.invalid:5432/sapat" },
  });
  const failure = await run.then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(2);
  expect(failure?.stderr).toMatch(/pg_dump --format=custom/);
  expect(failure?.stderr).toMatch(/pg_restore/);
});
