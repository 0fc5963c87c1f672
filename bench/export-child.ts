import { once } from "node:events";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import SQLite from "better-sqlite3";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/database.ts";
import { waitForWorksheet } from "../server/modules/reports/export.service.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";
import { benchUser } from "./export-seed.ts";

// One measured export in a process of its own, so that its peak RSS is its own:
//   node --import tsx bench/export-child.ts <dataDir> <evaluationId> csv|csv-bare|xlsx|xlsx-bare
// csv / xlsx: Sapat's export route over a real HTTP connection to 127.0.0.1, the body read as it comes.
// csv-bare / xlsx-bare: the same rows straight from SQLite into csv-stringify / exceljs, no column planning.
// Prints one JSON line: {seconds, peakRssMb, bytes}.

const [dataDir, evaluationIdText, mode] = process.argv.slice(2);
if (!dataDir || !evaluationIdText || !mode) throw new Error("usage: export-child.ts <dataDir> <evaluationId> <mode>");
const evaluationId = Number(evaluationIdText);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

/** A sink that counts what it is given, as a client reading the download would. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

async function viaHttp(format: "csv" | "xlsx"): Promise<number> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { db } = openDatabase(config.databaseFile);
  const catalogue = new QuestionnaireCatalogue(db);
  await catalogue.loadDirectory(config.surveysDir);
  const app = await buildApp({ config, db, catalogue, logger: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const login = await fetch(`${address}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(benchUser),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const started = performance.now();
    const res = await fetch(`${address}/api/evaluations/${evaluationId}/export.${format}`, { headers: { cookie } });
    if (!res.ok || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
    report(started, bytes);
  } finally {
    await app.close();
    await db.destroy();
  }
  return 0;
}

const rowsSql = `
  select r.id, o.name, o.region, o.kind, r.mode, r.status, r.submitted_at, r.questionnaire_version, r.data,
         v.trace as verified, s.trace as self
  from responses r
  join organizations o on o.id = r.organization_id
  left join response_scores v on v.response_id = r.id and v.basis = 'verified'
  left join response_scores s on s.response_id = r.id and s.basis = 'self'
  where r.evaluation_id = ? and r.status = 'submitted'
  order by r.id`;

interface BareRow {
  id: number;
  name: string;
  region: string;
  kind: string;
  mode: string;
  status: string;
  submitted_at: string;
  questionnaire_version: number;
  data: string;
  verified: string | null;
  self: string | null;
}

interface Trace {
  basis: string;
  overall: { status: string; level: number | null; band: string | null; coverage: number | null; weakest: string | null; criticalGaps: string[] };
  dimensions: Array<{ id: string; status: string; level: number | null }>;
}

function flatAnswers(data: string): unknown[] {
  return Object.values(JSON.parse(data) as Record<string, unknown>).map((v) => (Array.isArray(v) ? v.join(";") : v));
}

function levels(text: string | null): unknown[] {
  if (!text) return [];
  const trace = JSON.parse(text) as Trace;
  return [trace.overall.level, ...trace.dimensions.map((d) => d.level)];
}

function openRows() {
  const sqlite = new SQLite(path.join(dataDir!, "sapat.db"), { readonly: true });
  return { sqlite, rows: () => sqlite.prepare(rowsSql).iterate(evaluationId) as IterableIterator<BareRow> };
}

async function bareCsv(): Promise<void> {
  const { sqlite, rows } = openRows();
  const started = performance.now();
  const sink = countingSink();
  const csv = stringify({ cast: { boolean: (b) => (b ? "true" : "false") }, record_delimiter: "\r\n" });
  csv.pipe(sink);
  for (const row of rows()) {
    const record = [
      row.id,
      row.name,
      row.region,
      row.kind,
      row.mode,
      row.status,
      row.submitted_at,
      row.questionnaire_version,
      ...flatAnswers(row.data),
      ...levels(row.verified),
      ...levels(row.self),
    ];
    if (!csv.write(record)) await once(csv, "drain");
  }
  csv.end();
  await once(sink, "finish");
  sqlite.close();
  report(started, sink.bytes);
}

async function bareXlsx(): Promise<void> {
  const { sqlite, rows } = openRows();
  const started = performance.now();
  const sink = countingSink();
  const out = new PassThrough();
  out.pipe(sink);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const responses = workbook.addWorksheet("responses");
  let n = 0;
  for (const row of rows()) {
    responses
      .addRow([row.id, row.name, row.region, row.kind, row.mode, row.status, row.submitted_at, row.questionnaire_version, ...flatAnswers(row.data)])
      .commit();
    // The same flow control as Sapat's writer: without it exceljs holds the whole file in memory.
    if (++n % 500 === 0) await waitForWorksheet(responses, out);
  }
  responses.commit();
  const scores = workbook.addWorksheet("scores");
  for (const row of rows()) {
    for (const text of [row.verified, row.self]) {
      if (!text) continue;
      const t = JSON.parse(text) as Trace;
      scores
        .addRow([
          row.id,
          row.name,
          t.basis,
          t.overall.status,
          t.overall.level,
          t.overall.band,
          t.overall.coverage,
          t.overall.weakest,
          t.overall.criticalGaps.join(";"),
          ...t.dimensions.flatMap((d) => [d.status, d.level]),
        ])
        .commit();
    }
    if (++n % 500 === 0) await waitForWorksheet(scores, out);
  }
  scores.commit();
  await workbook.commit();
  await once(sink, "finish");
  sqlite.close();
  report(started, sink.bytes);
}

function report(started: number, bytes: number): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: peakRss / (1024 * 1024), bytes })}\n`);
}

switch (mode) {
  case "csv":
  case "xlsx":
    await viaHttp(mode);
    break;
  case "csv-bare":
    await bareCsv();
    break;
  case "xlsx-bare":
    await bareXlsx();
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}
clearInterval(sampler);
