import { runExportBench, runPostgresExportBench } from "./export.ts";
import { runPageBench } from "./page.ts";
import { runPostgresRespondBench } from "./respond-postgres.ts";
import { runRespondBench } from "./respond.ts";
import { runScoresBench } from "./scores.ts";

// `npm run bench [-- --rows=N] [-- --data-dir=DIR]`: runs each benchmark in turn and prints `name: value` lines.
// Add a benchmark by adding its function here. --data-dir keeps (and on later runs reuses) the seeded database.

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = option("rows") ? Number(option("rows")) : undefined;
const dataDir = option("data-dir");
// --db=postgres: the PostgreSQL benchmarks instead, on --database-url (a schema of their own, dropped afterwards).
const onPostgres = option("db") === "postgres";
const databaseUrl = option("database-url") ?? "postgres://root@127.0.0.1:5432/test";

const sqliteBenches: Array<[string, () => Promise<Array<[string, string]>>]> = [
  ["export", () => runExportBench({ ...(rows ? { rows } : {}), ...(dataDir ? { dataDir } : {}) })],
  ["respond", () => runRespondBench()],
  ["scores", () => runScoresBench()],
  ["page", () => runPageBench()],
];
const postgresBenches: Array<[string, () => Promise<Array<[string, string]>>]> = [
  ["respond", () => runPostgresRespondBench(databaseUrl)],
  ["export", () => runPostgresExportBench(databaseUrl, rows ? { rows } : {})],
];
const benches = onPostgres ? postgresBenches : sqliteBenches;
// --only=respond,scores runs those benchmarks alone.
const only = option("only")?.split(",");

for (const [name, bench] of benches) {
  if (only && !only.includes(name)) continue;
  const started = performance.now();
  for (const [key, value] of await bench()) console.log(`${key}: ${value}`);
  console.error(`(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
