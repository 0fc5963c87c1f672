import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import SQLite from "better-sqlite3";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { insertEvaluation } from "../server/modules/evaluations/evaluations.repository.ts";
import { newInvitationToken } from "../server/modules/invitations/invitation-token.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../server/modules/users/users.service.ts";
import { generateAnswers } from "../test/helpers/generate-answers.ts";

// The respondent benchmark, over real HTTP to 127.0.0.1 against Sapat's server in a child process
// (bench/respond-server.ts), on a fresh SQLite file with the product's durability (WAL, synchronous=FULL):
//   submit-per-s      POST /api/respond/:token/submit of valid ngo-capacity answer sets, one per invitation, 16 at a
//                     time: validation, the submission's transaction (response, invitation, revision) and its scores.
//   raw-insert-per-s  the same bodies to a bench-only route of the same server that inserts them as one row in one
//                     transaction: the floor that durability and the HTTP stack set.
//   submit-ratio      submit-per-s / raw-insert-per-s.
//   draft-p99-ms      50 respondents at once, each saving 20 growing drafts of its answers back to back (PUT .../draft):
//                     the 99th percentile of the 1,000 round trips.

const questionnaireId = "ngo-capacity";
const concurrency = 16;
const measureMs = 8_000;
const warmUpMs = 1_500;
const draftRespondents = 50;
const draftSaves = 20;
/** No phase runs longer than this, whatever the machine. */
const phaseLimitMs = 60_000;

interface Seeded {
  tokens: string[];
  answerSets: Array<Record<string, unknown>>;
}

export async function seedRespondBench(dataDir: string, invitations: number): Promise<Seeded> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { db, sqlite } = openDatabase(config.databaseFile);
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue(db);
  await catalogue.loadDirectory(config.surveysDir);
  const version = await catalogue.latestVersion(questionnaireId);
  const json = JSON.parse((await catalogue.get(questionnaireId, version)).json) as Record<string, unknown>;
  const userId = await createUser(db, { email: "bench@example.org", password: "bench password 1", name: "Bench", role: "admin" });
  const evaluationId = await insertEvaluation(db, {
    name: "Respondent benchmark",
    round: "baseline",
    baselineEvaluationId: null,
    closesAt: null,
    createdBy: userId,
    questionnaireIds: [questionnaireId],
  });
  await db.destroy();
  sqlite.close();

  const raw = new SQLite(path.join(dataDir, "sapat.db"));
  const now = new Date().toISOString();
  const insertOrganization = raw.prepare(
    "insert into organizations (name, kind, region, created_at, updated_at) values (?, 'ngo', 'Chui', ?, ?)",
  );
  const insertInvitation = raw.prepare(
    `insert into invitations (evaluation_id, organization_id, questionnaire_id, questionnaire_version, token, locale,
       status, sent_at, created_at) values (?, ?, ?, ?, ?, 'en', 'sent', ?, ?)`,
  );
  const tokens: string[] = [];
  raw.transaction(() => {
    for (let i = 0; i < invitations; i++) {
      const organizationId = Number(insertOrganization.run(`NGO ${i + 1}`, now, now).lastInsertRowid);
      const token = newInvitationToken();
      insertInvitation.run(evaluationId, organizationId, questionnaireId, version, token, now, now);
      tokens.push(token);
    }
  })();
  raw.close();
  // Distinct valid answer sets, as a browser running survey-core sends them.
  const answerSets = Array.from({ length: 12 }, (_, i) => generateAnswers(json, { seed: 7000 + i, fill: i % 3 === 0 ? "random" : "all" }));
  return { tokens, answerSets };
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "respond-server.ts"), dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const timeout = setTimeout(() => child.kill("SIGKILL"), 60_000);
  for await (const line of lines) {
    const match = /^listening (\S+)/.exec(line);
    if (match) {
      clearTimeout(timeout);
      return { url: match[1]!, child };
    }
  }
  throw new Error("the benchmark server exited before listening");
}

async function send(url: string, method: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status}: ${text.slice(0, 500)}`);
}

/**
 * Runs `request(i)` from `concurrency` loops until `durationMs` has passed or `limit` requests were started; returns
 * the completed requests per second over the measured window.
 */
async function throughput(
  request: (i: number) => Promise<void>,
  options: { durationMs: number; limit: number },
): Promise<{ perSecond: number; count: number }> {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + Math.min(options.durationMs, phaseLimitMs);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < options.limit) {
        await request(next++);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, count: done };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runRespondBench(): Promise<Array<[string, string]>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-bench-respond-"));
  let child: ChildProcess | null = null;
  try {
    const { tokens, answerSets } = await seedRespondBench(dataDir, 12_000);
    const server = await startServer(dataDir);
    child = server.child;
    const { url } = server;
    let token = 0;
    const nextToken = () => {
      if (token >= tokens.length) throw new Error("the benchmark ran out of invitations: seed more");
      return tokens[token++]!;
    };
    const body = (i: number) => ({ data: answerSets[i % answerSets.length]!, locale: "en" });
    const submit = (i: number) => send(`${url}/api/respond/${nextToken()}/submit`, "POST", body(i));
    const rawInsert = (i: number) => send(`${url}/bench/raw-insert`, "POST", body(i));

    await throughput(submit, { durationMs: warmUpMs, limit: 500 });
    await throughput(rawInsert, { durationMs: warmUpMs, limit: 2_000 });
    const submits = await throughput(submit, { durationMs: measureMs, limit: tokens.length - token - 1_000 });
    const raws = await throughput(rawInsert, { durationMs: measureMs, limit: 1_000_000 });
    console.error(`(respond: ${submits.count} submissions, ${raws.count} raw inserts)`);

    // Drafts: each respondent answers a little more before every save, as autosave sends them.
    const latencies: number[] = [];
    const deadline = performance.now() + phaseLimitMs;
    await Promise.all(
      Array.from({ length: draftRespondents }, async (_, r) => {
        const respondentToken = nextToken();
        const answers = Object.entries(answerSets[r % answerSets.length]!);
        for (let k = 1; k <= draftSaves && performance.now() < deadline; k++) {
          const data = Object.fromEntries(answers.slice(0, Math.ceil((answers.length * k) / draftSaves)));
          const started = performance.now();
          await send(`${url}/api/respond/${respondentToken}/draft`, "PUT", { data, currentPage: 0, locale: "en" });
          latencies.push(performance.now() - started);
        }
      }),
    );

    return [
      ["submit-per-s", submits.perSecond.toFixed(0)],
      ["raw-insert-per-s", raws.perSecond.toFixed(0)],
      ["submit-ratio", (submits.perSecond / raws.perSecond).toFixed(2)],
      ["draft-p50-ms", percentile(latencies, 50).toFixed(1)],
      ["draft-p99-ms", percentile(latencies, 99).toFixed(1)],
    ];
  } finally {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([once(child, "exit"), new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
