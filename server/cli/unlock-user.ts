import { loadConfig } from "../config.ts";
import { databaseLabel, openConfiguredDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { clearLoginFailures } from "../modules/auth/login-failures.repository.ts";
import { normalizeLoginEmail } from "../modules/auth/login-throttle.ts";

// npm run user:unlock -- ana@example.org
// Clears the failed logins counted for that email (from every address): its logins are neither refused nor slowed.
// Works while the server runs: the counters live in the database.

const email = process.argv[2];
if (!email || process.argv.length > 3) {
  console.error("usage: npm run user:unlock -- you@example.org");
  process.exit(2);
}

const config = loadConfig();
const { db } = openConfiguredDatabase(config);
try {
  await migrateToLatest(db);
  const cleared = await clearLoginFailures(db, normalizeLoginEmail(email));
  console.log(`Cleared ${cleared} failed login(s) for ${normalizeLoginEmail(email)} in ${databaseLabel(config)}`);
} finally {
  await db.destroy();
}
