import { runExportBench } from "./export.ts";

// `npm run bench [-- --rows=N]`: runs each benchmark in turn and prints `name: value` lines.
// Add a benchmark by adding its function here.

const rowsArg = process.argv.find((a) => a.startsWith("--rows="));
const rows = rowsArg ? Number(rowsArg.slice("--rows=".length)) : undefined;

const benches: Array<[string, () => Promise<Array<[string, string]>>]> = [
  ["export", () => runExportBench(rows ? { rows } : {})],
];

for (const [name, bench] of benches) {
  const started = performance.now();
  for (const [key, value] of await bench()) console.log(`${key}: ${value}`);
  console.error(`(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
