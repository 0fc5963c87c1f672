import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { inTransaction } from "../../db/transaction.ts";
import { storageUnavailable } from "../../errors.ts";

/**
 * Below this much free space where the database lives, the server is not ready: SQLite needs room for its WAL and
 * for new pages, and a write that meets a full disk fails half-way through a respondent's work.
 */
const minFreeDiskBytes = 16 * 1024 * 1024;

/** Liveness: the process can read its database. */
export async function checkLiveness(db: Db): Promise<void> {
  await db.selectFrom("users").select("id").limit(1).execute();
}

/**
 * Readiness: the database takes a write (a read-only file or a failing disk answers SQLITE_READONLY / IOERR, which
 * errors.ts turns into 503 storage_unavailable), it may still grow, and the disk has room.
 */
export async function checkReadiness(db: Db, databaseFile: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("readiness_probe")
      .values({ id: 1, checked_at: new Date().toISOString(), padding: Buffer.alloc(64) })
      .execute();
    await trx.deleteFrom("readiness_probe").execute();
  });
  const { rows } = await sql<{ pages: number; maxPages: number }>`
    select (select page_count from pragma_page_count()) as pages,
           (select max_page_count from pragma_max_page_count()) as maxPages`.execute(db);
  if (rows[0] && rows[0].pages >= rows[0].maxPages) throw storageUnavailable("the database is at its size limit");
  if (databaseFile !== ":memory:") {
    const disk = fs.statfsSync(path.dirname(databaseFile));
    if (disk.bavail * disk.bsize < minFreeDiskBytes) throw storageUnavailable("the disk is nearly full");
  }
}
