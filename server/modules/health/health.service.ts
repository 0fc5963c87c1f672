import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/database.ts";
import { atSizeLimit, dialectOf } from "../../db/dialect.ts";
import { inTransaction } from "../../db/transaction.ts";
import { storageUnavailable } from "../../errors.ts";

/**
 * Below this much free space where the database lives, the server is not ready: SQLite needs room for its WAL and
 * for new pages, and a write that meets a full disk fails half-way through a respondent's work.
 */
const minFreeDiskBytes = 16 * 1024 * 1024;

/** Liveness: the process can read its database (the SQLite file, or the PostgreSQL server answers). */
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
  // PostgreSQL's room is its server's business: a full disk there fails the probe's write above.
  if (dialectOf(db) === "postgres") return;
  if (await atSizeLimit(db)) throw storageUnavailable("the database is at its size limit");
  if (databaseFile !== ":memory:") {
    const disk = fs.statfsSync(path.dirname(databaseFile));
    if (disk.bavail * disk.bsize < minFreeDiskBytes) throw storageUnavailable("the disk is nearly full");
  }
}
