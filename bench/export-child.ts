import { once } from "node:events";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { stringify } from "csv-stringify";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openConfiguredDatabase, openDatabase } from "../server/db/database.ts";
import { waitForWorksheet } from "../server/modules/reports/export.service.ts";
import { exportRowsQuery } from "../server/modules/reports/reports.repository.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";

// One measured export in a process of its own, so that its peak RSS is its own (started by bench/export.ts with
// child_process.fork, arguments <dataDir> <evaluationId> csv|csv-bare|xlsx|xlsx-bare [postgres-url]):
// csv / xlsx: serves Sapat on 127.0.0.1 and tells the parent where; the parent logs in, then downloads the export
//   over HTTP (so the client's memory is not counted here) and then asks for this process's peak RSS since it was
//   ready: the login's and the export's. The login's peak is also reported on its own (verifying a password is
//   scrypt, which holds 32 MiB while it runs).
//   With a PostgreSQL URL (its search path naming the seeded schema), Sapat serves that database instead.
// csv-bare / xlsx-bare: the same rows straight from SQLite into csv-stringify / exceljs, no column planning,
//   into a sink that counts bytes.
// Answers the parent with {address, idleRssMb} then {loginPeakRssMb} (served modes), and {seconds?, peakRssMb, bytes?}.

const [dataDir, evaluationIdText, mode, databaseUrl] = process.argv.slice(2);
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

function nextFromParent(): Promise<void> {
  return new Promise((resolve) => process.once("message", () => resolve()));
}

/** Serves the app until the parent has downloaded the export and asks for the peak RSS. */
async function serve(): Promise<void> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: databaseUrl });
  const { db } = openConfiguredDatabase(config);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, config.surveysDir);
  const app = await buildApp({ config, db, catalogue, logger: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  // The RSS of the idle, ready server: what the export adds is on top of it.
  const idleRssMb = process.memoryUsage().rss / (1024 * 1024);
  peakRss = process.memoryUsage().rss;
  send({ address, idleRssMb });
  await nextFromParent();
  send({ loginPeakRssMb: Math.max(peakRss, process.memoryUsage().rss) / (1024 * 1024) });
  await nextFromParent();
  send({ peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / (1024 * 1024) });
  await app.close();
  await db.destroy();
}

function send(message: Record<string, unknown>): void {
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
}

interface BareRow {
  id: number;
  organization: string;
  region: string;
  kind: string;
  mode: string;
  status: string;
  submitted_at: string;
  questionnaire_version: number;
  data: string;
  verified_summary: string | null;
  self_summary: string | null;
}

const dimensionCount = 9;

function flatAnswers(data: string): unknown[] {
  return Object.values(JSON.parse(data) as Record<string, unknown>).map((v) => (Array.isArray(v) ? v.join(";") : v));
}

/** The overall level, then each dimension's (the summary holds id, status, level per dimension from index 7). */
function levels(summary: string | null): unknown[] {
  if (!summary) return [];
  const values = JSON.parse(summary) as unknown[];
  return [values[2], ...Array.from({ length: dimensionCount }, (_, i) => values[7 + 3 * i + 2])];
}

/** The same rows as Sapat's export (the same query, scores summarised by SQLite), read in one go with iterate(). */
function openRows() {
  const { db, sqlite } = openDatabase(path.join(dataDir!, "sapat.db"));
  const filter = { evaluationId, questionnaireId: "ngo-capacity", statuses: ["submitted" as const] };
  const statement = (data: boolean, scores: number | false) => {
    const compiled = exportRowsQuery(db, filter, { data, scores }).compile();
    const prepared = sqlite.prepare(compiled.sql);
    return () => prepared.iterate(...(compiled.parameters as unknown[])) as IterableIterator<BareRow>;
  };
  return {
    close: () => sqlite.close(),
    /** All columns (the CSV). */
    rows: statement(true, dimensionCount),
    /** As Sapat's XLSX reads them: answers for the responses sheet, then scores for the scores sheet. */
    answers: statement(true, false),
    scores: statement(false, dimensionCount),
  };
}

async function bareCsv(): Promise<void> {
  const { close, rows } = openRows();
  const started = performance.now();
  const sink = countingSink();
  const csv = stringify({ cast: { boolean: (b) => (b ? "true" : "false") }, record_delimiter: "\r\n" });
  csv.pipe(sink);
  for (const row of rows()) {
    const record = [
      row.id,
      row.organization,
      row.region,
      row.kind,
      row.mode,
      row.status,
      row.submitted_at,
      row.questionnaire_version,
      ...flatAnswers(row.data),
      ...levels(row.verified_summary),
      ...levels(row.self_summary),
    ];
    if (!csv.write(record)) await once(csv, "drain");
  }
  csv.end();
  if (!sink.writableFinished) await once(sink, "finish");
  close();
  report(started, sink.bytes);
}

async function bareXlsx(): Promise<void> {
  // As in Sapat, exceljs is loaded only where an XLSX is written (not in the process serving the CSV).
  const { default: ExcelJS } = await import("exceljs");
  const { close, answers, scores: scoreRows } = openRows();
  const started = performance.now();
  const sink = countingSink();
  const out = new PassThrough();
  out.pipe(sink);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const responses = workbook.addWorksheet("responses");
  let n = 0;
  for (const row of answers()) {
    responses
      .addRow([
        row.id,
        row.organization,
        row.region,
        row.kind,
        row.mode,
        row.status,
        row.submitted_at,
        row.questionnaire_version,
        ...flatAnswers(row.data),
      ])
      .commit();
    // The same flow control as Sapat's writer: without it exceljs holds the whole file in memory.
    if (++n % 500 === 0) await waitForWorksheet(responses, out);
  }
  responses.commit();
  const scores = workbook.addWorksheet("scores");
  for (const row of scoreRows()) {
    for (const text of [row.verified_summary, row.self_summary]) {
      if (!text) continue;
      const v = JSON.parse(text) as unknown[];
      const gaps = Array.isArray(v[6]) ? v[6].join(";") : "";
      scores
        .addRow([row.id, row.organization, ...v.slice(0, 6), gaps, ...v.slice(7).filter((_, i) => i % 3 !== 0)])
        .commit();
    }
    if (++n % 500 === 0) await waitForWorksheet(scores, out);
  }
  scores.commit();
  await workbook.commit();
  if (!sink.writableFinished) await once(sink, "finish");
  close();
  report(started, sink.bytes);
}

function report(started: number, bytes: number): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  send({ seconds: (performance.now() - started) / 1000, peakRssMb: peakRss / (1024 * 1024), bytes });
}

switch (mode) {
  case "csv":
  case "xlsx":
    await serve();
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
