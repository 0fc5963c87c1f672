import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/**
 * Copies the database with SQLite's online backup API: a consistent snapshot even while the server writes,
 * unlike copying the file (which can catch a half-written page, and misses what is still in the WAL).
 */
export async function backupDatabase(sourceFile: string, targetFile: string): Promise<{ pages: number }> {
  if (!fs.existsSync(sourceFile)) throw new Error(`No database at ${sourceFile}`);
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const { totalPages } = await source.backup(targetFile);
    return { pages: totalPages };
  } finally {
    source.close();
  }
}
