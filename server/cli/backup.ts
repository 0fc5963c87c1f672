import path from "node:path";
import { loadConfig } from "../config.ts";
import { backupDatabase } from "../db/backup.ts";

// npm run backup [-- target-file]: a consistent copy of the live database, safe while the server runs.

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join(config.dataDir, "backups", `sapat-${stamp}.db`);
const { pages } = await backupDatabase(config.databaseFile, target);
console.log(`Backed up ${config.databaseFile} (${pages} pages) to ${path.resolve(target)}`);
