import path from "node:path";
import { loadConfig } from "../config.ts";
import { backupDatabase } from "../db/backup.ts";

// npm run backup [-- target-file]: a consistent copy of the live database, safe while the server runs.

const config = loadConfig();
if (config.databaseUrl !== null) {
  // The server's own tools copy a live PostgreSQL database consistently; a second way would only be worse.
  console.error(
    "npm run backup copies the SQLite file; this installation uses PostgreSQL (DATABASE_URL). Back it up with\n" +
      '  pg_dump --format=custom --file=sapat-$(date +%F).dump "$DATABASE_URL"\n' +
      'and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" sapat-<date>.dump (README, "PostgreSQL").',
  );
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join(config.dataDir, "backups", `sapat-${stamp}.db`);
const { pages } = await backupDatabase(config.databaseFile, target);
console.log(`Backed up ${config.databaseFile} (${pages} pages) to ${path.resolve(target)}`);
