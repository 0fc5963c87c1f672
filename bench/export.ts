import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inFreshSchema } from "./postgres-schema.ts";
import { benchUser, seedExportBench, seedExportBenchPostgres } from "./export-seed.ts";

// The export benchmark: `rows` generated ngo-capacity responses exported to CSV and XLSX by Sapat's routes, next
// to a bare streaming writer over the same rows, each measured in a process of its own (time and peak RSS).
// Targets (docs/benchmarks.md): within 2x of the bare writer's time; CSV peak RSS under 300 MB.
// `--db=postgres` (runPostgresExportBench): the same rows seeded into a fresh PostgreSQL schema, Sapat's CSV route
// served from it (pg-export-csv-*), and the schema dropped afterwards.

interface Measure {
  seconds: number;
  peakRssMb: number;
  bytes: number;
  /** Sapat's route only: the RSS of the ready, idle server before the request. */
  idleRssMb?: number;
  /** Sapat's route only: the peak RSS until the client has logged in (before the export; scrypt's 32 MiB). */
  loginPeakRssMb?: number;
}

const childPath = path.join(import.meta.dirname, "export-child.ts");

function startChild(dataDir: string, evaluationId: number, mode: string, databaseUrl?: string): ChildProcess {
  const args = [dataDir, String(evaluationId), mode, ...(databaseUrl ? [databaseUrl] : [])];
  return fork(childPath, args, { execArgv: ["--import", "tsx"] });
}

async function nextMessage<T>(child: ChildProcess): Promise<T> {
  const [message] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`benchmark child exited with ${code}`);
    }),
  ])) as [T];
  return message;
}

/** Sapat's export route: a child serves it, this process downloads it over HTTP as a client would. */
async function measureRoute(
  dataDir: string,
  evaluationId: number,
  format: "csv" | "xlsx",
  databaseUrl?: string,
): Promise<Measure> {
  const child = startChild(dataDir, evaluationId, format, databaseUrl);
  try {
    const { address, idleRssMb } = await nextMessage<{ address: string; idleRssMb: number }>(child);
    const login = await fetch(`${address}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(benchUser),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    child.send("export");
    const { loginPeakRssMb } = await nextMessage<{ loginPeakRssMb: number }>(child);
    const started = performance.now();
    const res = await fetch(`${address}/api/evaluations/${evaluationId}/export.${format}`, { headers: { cookie } });
    if (!res.ok || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
    const seconds = (performance.now() - started) / 1000;
    child.send("report");
    const { peakRssMb } = await nextMessage<{ peakRssMb: number }>(child);
    return { seconds, peakRssMb, bytes, idleRssMb, loginPeakRssMb };
  } catch (error) {
    // The child waits for the next step that will not come.
    child.kill();
    throw error;
  } finally {
    if (child.exitCode === null) await once(child, "exit");
  }
}

/** The bare writer, run whole in a child. */
async function measureBare(dataDir: string, evaluationId: number, format: "csv" | "xlsx"): Promise<Measure> {
  const child = startChild(dataDir, evaluationId, `${format}-bare`);
  const measured = await nextMessage<Measure>(child);
  if (child.exitCode === null) await once(child, "exit");
  return measured;
}

function label(rows: number): string {
  return rows % 1000 === 0 ? `${rows / 1000}k` : String(rows);
}

export async function runExportBench(
  options: { rows?: number; /** Reuse a directory seeded before (kept afterwards). */ dataDir?: string } = {},
): Promise<Array<[string, string]>> {
  const rows = options.rows ?? 100_000;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sapat-bench-export-"));
  try {
    const reuse = options.dataDir !== undefined && fs.existsSync(path.join(dataDir, "sapat.db"));
    const { evaluationId } = reuse ? { evaluationId: 1 } : await seedExportBench(dataDir, rows);
    const figures: Array<[string, string]> = [];
    for (const format of ["csv", "xlsx"] as const) {
      const sapat = await measureRoute(dataDir, evaluationId, format);
      const bare = await measureBare(dataDir, evaluationId, format);
      figures.push(
        [`export-${format}-${label(rows)}-s`, sapat.seconds.toFixed(2)],
        [`export-${format}-bare-s`, bare.seconds.toFixed(2)],
        [`export-${format}-ratio`, (sapat.seconds / bare.seconds).toFixed(2)],
        [`export-${format}-peak-rss-mb`, sapat.peakRssMb.toFixed(0)],
        [`export-${format}-idle-rss-mb`, (sapat.idleRssMb ?? 0).toFixed(0)],
        [`export-${format}-login-peak-rss-mb`, (sapat.loginPeakRssMb ?? 0).toFixed(0)],
        [`export-${format}-bare-peak-rss-mb`, bare.peakRssMb.toFixed(0)],
        [`export-${format}-mb`, (sapat.bytes / (1024 * 1024)).toFixed(1)],
      );
    }
    return figures;
  } finally {
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The export of the same rows from PostgreSQL at `serverUrl`, in a schema of its own, dropped afterwards. */
export async function runPostgresExportBench(
  serverUrl: string,
  options: { rows?: number } = {},
): Promise<Array<[string, string]>> {
  const rows = options.rows ?? 100_000;
  // The served process keeps nothing in its data directory on PostgreSQL; it still needs one to start.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-bench-pg-export-"));
  try {
    return await inFreshSchema<Array<[string, string]>>(serverUrl, "bench_export", async (databaseUrl) => {
      const seedStarted = performance.now();
      const { evaluationId } = await seedExportBenchPostgres(databaseUrl, rows);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const sapat = await measureRoute(dataDir, evaluationId, "csv", databaseUrl);
      return [
        [`pg-export-csv-${label(rows)}-s`, sapat.seconds.toFixed(2)],
        ["pg-export-csv-peak-rss-mb", sapat.peakRssMb.toFixed(0)],
        ["pg-export-csv-idle-rss-mb", (sapat.idleRssMb ?? 0).toFixed(0)],
        ["pg-export-csv-login-peak-rss-mb", (sapat.loginPeakRssMb ?? 0).toFixed(0)],
        ["pg-export-csv-mb", (sapat.bytes / (1024 * 1024)).toFixed(1)],
        ["pg-export-seed-s", seedSeconds.toFixed(0)],
      ];
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
