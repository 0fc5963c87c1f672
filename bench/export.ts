import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { seedExportBench } from "./export-seed.ts";

// The export benchmark: `rows` generated ngo-capacity responses exported to CSV and XLSX by Sapat's routes, next
// to a bare streaming writer over the same rows, each measured in a process of its own (time and peak RSS).
// Targets (docs/benchmarks.md): within 2x of the bare writer's time; CSV peak RSS under 300 MB.

const run = promisify(execFile);

interface Measure {
  seconds: number;
  peakRssMb: number;
  bytes: number;
}

async function measure(dataDir: string, evaluationId: number, mode: string): Promise<Measure> {
  const child = path.join(import.meta.dirname, "export-child.ts");
  const { stdout } = await run(process.execPath, ["--import", "tsx", child, dataDir, String(evaluationId), mode], {
    maxBuffer: 1024 * 1024,
  });
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as Measure;
}

function label(rows: number): string {
  return rows % 1000 === 0 ? `${rows / 1000}k` : String(rows);
}

export async function runExportBench(options: { rows?: number } = {}): Promise<Array<[string, string]>> {
  const rows = options.rows ?? 100_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-bench-export-"));
  try {
    const { evaluationId } = await seedExportBench(dataDir, rows);
    const figures: Array<[string, string]> = [];
    for (const format of ["csv", "xlsx"] as const) {
      const sapat = await measure(dataDir, evaluationId, format);
      const bare = await measure(dataDir, evaluationId, `${format}-bare`);
      figures.push(
        [`export-${format}-${label(rows)}-s`, sapat.seconds.toFixed(2)],
        [`export-${format}-bare-s`, bare.seconds.toFixed(2)],
        [`export-${format}-ratio`, (sapat.seconds / bare.seconds).toFixed(2)],
        [`export-${format}-peak-rss-mb`, sapat.peakRssMb.toFixed(0)],
        [`export-${format}-bare-peak-rss-mb`, bare.peakRssMb.toFixed(0)],
        [`export-${format}-mb`, (sapat.bytes / (1024 * 1024)).toFixed(1)],
      );
    }
    return figures;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
