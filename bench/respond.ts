import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import SQLite from "better-sqlite3";
import { loadConfig } from "../server/config.ts";
import { openDatabase, type Db } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { inTransaction } from "../server/db/transaction.ts";
import { insertEvaluation } from "../server/modules/evaluations/evaluations.repository.ts";
import { newInvitationToken } from "../server/modules/invitations/invitation-token.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../server/modules/users/users.service.ts";
import { generateAnswers, Rng } from "../test/helpers/generate-answers.ts";

// The respondent benchmark, over real HTTP to 127.0.0.1 against Sapat's server in a child process
// (bench/respond-server.ts), on a fresh SQLite file with the product's durability (WAL, synchronous=FULL):
//   scored-per-s      the scores of those submissions (both bases), computed after each round by the server's
//                     ScoreBacklog (scores follow the acknowledgement), timed by the server.
//   submit-per-s      POST /api/respond/:token/submit of valid ngo-capacity answer sets, one per invitation, 16 at a
//                     time: validation and the submission's writes (response, invitation, revision), acknowledged
//                     once committed (submissions arriving together share a commit).
//   raw-insert-per-s  the same bodies to a bench-only route of the same server that inserts them as one row in one
//                     transaction: the floor that durability and the HTTP stack set.
//   submit-ratio      submit-per-s / raw-insert-per-s.
//   draft-p99-ms      50 respondents at once, each saving 20 growing drafts of its answers (PUT .../draft) with a pause
//                     of 0.25-0.75 s between saves: the 99th percentile of the 1,000 round trips.
//   healthz-under-attack-p99-ms  GET /healthz every 20 ms while 4 clients keep submitting answers that hold a survey
//                     worker until its time budget stops it (a regex validator that backtracks catastrophically and
//                     that the upload lint cannot see): the 99th percentile of those /healthz round trips.

export const questionnaireId = "ngo-capacity";
export const concurrency = 16;
/** Split into alternating rounds of submissions and raw inserts. */
const measureMs = 12_000;
/**
 * Submissions before measuring, on each server started. A submission runs far more JavaScript than a raw insert
 * (survey-core in each survey worker's isolate, besides the server's own), and V8 keeps optimising it for 10-15 s:
 * with 1.5 s of warm-up, its compiler threads took a fifth of the server's CPU through the measured rounds, which
 * measured start-up, not the rate a running server keeps.
 */
export const warmUpMs = 20_000;
/**
 * Before each measured round, the same work unmeasured. Scoring between rounds evicts from PostgreSQL's buffers the
 * pages submissions use (invitations found by token, the responses' indexes), and V8's helper threads work harder
 * again for a while: submissions just after a drain ran at half their rate and took ten seconds to recover, which
 * measured the drain, not submissions. Raw inserts get the same, for symmetry.
 */
export const reWarmMs = 3_000;
/** Scoring what the warm-up submitted takes a while: the server answers the drain request once it is done. */
export const drainTimeoutMs = 300_000;
/** The raw route runs little code of its own, and the submissions before it warmed the HTTP stack they share. */
export const rawWarmUpMs = 1_500;
const rounds = 4;
const draftRespondents = 50;
const draftSaves = 20;
/**
 * A respondent's pause between two saves. The page debounces autosave by 1.2 s, so 50 respondents saving every
 * 0.25-0.75 s are at least twice as busy as 50 real ones.
 */
const draftPauseMs = { min: 250, max: 750 };
/** No phase runs longer than this, whatever the machine. */
const phaseLimitMs = 60_000;

/** A questionnaire whose validator ^(a|a)*$ passes safe-regex2 yet takes minutes on 34 a's and a "!". */
const hostileId = "bench-hostile";
const hostileJson = {
  pages: [
    { name: "p1", elements: [{ type: "text", name: "code", validators: [{ type: "regex", regex: "^(a|a)*$" }] }] },
  ],
};
const hostileAnswers = { code: `${"a".repeat(34)}!` };
const attackers = 4;
const attackMs = 8_000;

interface Seeded {
  hostileTokens: string[];
  tokens: string[];
  answerSets: Array<Record<string, unknown>>;
}

/** The benchmark's evaluator and its evaluation of `questionnaireIds`: the evaluation's id. */
export async function benchEvaluation(db: Db, questionnaireIds: string[]): Promise<number> {
  const userId = await createUser(db, {
    email: "bench@example.org",
    password: "bench password 1",
    name: "Bench",
    role: "admin",
  });
  return insertEvaluation(db, {
    name: "Respondent benchmark",
    round: "baseline",
    baselineEvaluationId: null,
    closesAt: null,
    createdBy: userId,
    questionnaireIds,
  });
}

export async function seedRespondBench(dataDir: string, invitations: number): Promise<Seeded> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { db, sqlite } = openDatabase(config.databaseFile);
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, config.surveysDir);
  const version = await catalogue.latestVersion(db, questionnaireId);
  const json = JSON.parse((await catalogue.get(db, questionnaireId, version)).json) as Record<string, unknown>;
  const checked = await catalogue.check(hostileId, hostileJson, "upload");
  const hostile = await inTransaction(db, (trx) => catalogue.store(trx, checked));
  await catalogue.close();
  const evaluationId = await benchEvaluation(db, [questionnaireId, hostileId]);
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
  const hostileTokens: string[] = [];
  raw.transaction(() => {
    for (let i = 0; i < 200; i++) {
      const organizationId = Number(insertOrganization.run(`Hostile ${i + 1}`, now, now).lastInsertRowid);
      const token = newInvitationToken();
      insertInvitation.run(evaluationId, organizationId, hostileId, hostile.version, token, now, now);
      hostileTokens.push(token);
    }
    for (let i = 0; i < invitations; i++) {
      const organizationId = Number(insertOrganization.run(`NGO ${i + 1}`, now, now).lastInsertRowid);
      const token = newInvitationToken();
      insertInvitation.run(evaluationId, organizationId, questionnaireId, version, token, now, now);
      tokens.push(token);
    }
  })();
  raw.close();
  // Distinct valid answer sets, as a browser running survey-core sends them.
  const answerSets = Array.from({ length: 12 }, (_, i) =>
    generateAnswers(json, { seed: 7000 + i, fill: i % 3 === 0 ? "random" : "all" }),
  );
  return { tokens, hostileTokens, answerSets };
}

/** `BENCH_NODE_ARGS` (space-separated) goes to the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
export async function startServer(
  dataDir: string,
  databaseUrl?: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ").filter(Boolean) : []),
      "--import",
      "tsx",
      path.join(import.meta.dirname, "respond-server.ts"),
      dataDir,
      ...(databaseUrl ? [databaseUrl] : []),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
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

/**
 * A keep-alive HTTP client as light as Node offers: fetch() costs the load generator more CPU per request than the
 * server spends on a raw insert, and on two cores it would measure the client.
 */
export function client(base: string) {
  const { hostname, port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    send(method: string, path: string, body: unknown, timeoutMs = 30_000): Promise<string> {
      const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            host: hostname,
            port,
            path,
            method,
            agent,
            headers: { "content-type": "application/json", "content-length": payload.length },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => {
              if (response.statusCode === 200) resolve(Buffer.concat(chunks).toString());
              else
                reject(
                  new Error(
                    `${method} ${path} -> ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 500)}`,
                  ),
                );
            });
          },
        );
        request.setTimeout(timeoutMs, () => request.destroy(new Error(`${method} ${path} timed out`)));
        request.on("error", reject);
        request.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/**
 * Runs `request(i)` from `concurrency` loops until `durationMs` has passed or `limit` requests were started; returns
 * the completed requests per second over the measured window.
 */
export async function throughput(
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runRespondBench(): Promise<Array<[string, string]>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-bench-respond-"));
  let child: ChildProcess | null = null;
  try {
    const { tokens, hostileTokens, answerSets } = await seedRespondBench(dataDir, 90_000);
    const server = await startServer(dataDir);
    child = server.child;
    const http = client(server.url);
    let token = 0;
    const nextToken = () => {
      if (token >= tokens.length) throw new Error("the benchmark ran out of invitations: seed more");
      return tokens[token++]!;
    };
    const body = (i: number) => ({ data: answerSets[i % answerSets.length]!, locale: "en" });
    const submit = async (i: number) => void (await http.send("POST", `/api/respond/${nextToken()}/submit`, body(i)));
    const rawInsert = async (i: number) => void (await http.send("POST", "/bench/raw-insert", body(i)));
    const scoring = { count: 0, ms: 0 };
    const drainScores = async () => {
      const drained = JSON.parse(await http.send("POST", "/bench/drain-scores", {}, drainTimeoutMs)) as {
        scored: number;
        ms: number;
      };
      scoring.count += drained.scored;
      scoring.ms += drained.ms;
    };

    await throughput(submit, { durationMs: warmUpMs, limit: 30_000 });
    await drainScores();
    await throughput(rawInsert, { durationMs: rawWarmUpMs, limit: 10_000 });
    scoring.count = 0;
    scoring.ms = 0;
    // Alternating rounds, so that a change in the machine's load (or the disk's) weighs on both the same.
    const totals = { submit: { count: 0, seconds: 0 }, raw: { count: 0, seconds: 0 } };
    for (let round = 0; round < rounds; round++) {
      const submitLimit = () => tokens.length - token - draftRespondents;
      await throughput(submit, { durationMs: reWarmMs, limit: submitLimit() });
      const submits = await throughput(submit, { durationMs: measureMs / rounds, limit: submitLimit() });
      await drainScores();
      await throughput(rawInsert, { durationMs: reWarmMs, limit: 1_000_000 });
      const raws = await throughput(rawInsert, { durationMs: measureMs / rounds, limit: 1_000_000 });
      totals.submit.count += submits.count;
      totals.submit.seconds += submits.count / submits.perSecond;
      totals.raw.count += raws.count;
      totals.raw.seconds += raws.count / raws.perSecond;
    }
    const submitPerSecond = totals.submit.count / totals.submit.seconds;
    const rawPerSecond = totals.raw.count / totals.raw.seconds;

    // Autosave: each respondent answers a little more before every save and waits between saves.
    const latencies: number[] = [];
    const deadline = performance.now() + phaseLimitMs;
    const rng = new Rng(20260101);
    await Promise.all(
      Array.from({ length: draftRespondents }, async (_, r) => {
        const respondentToken = nextToken();
        const answers = Object.entries(answerSets[r % answerSets.length]!);
        await sleep(rng.next() * draftPauseMs.max);
        for (let k = 1; k <= draftSaves && performance.now() < deadline; k++) {
          const data = Object.fromEntries(answers.slice(0, Math.ceil((answers.length * k) / draftSaves)));
          const started = performance.now();
          await http.send("PUT", `/api/respond/${respondentToken}/draft`, { data, currentPage: 0, locale: "en" });
          latencies.push(performance.now() - started);
          await sleep(draftPauseMs.min + rng.next() * (draftPauseMs.max - draftPauseMs.min));
        }
      }),
    );

    // Hostile submissions (each answered 503 once its worker is stopped) while /healthz is probed.
    const healthz: number[] = [];
    const refusals = { count: 0 };
    let attacking = true;
    const attackEnds = performance.now() + attackMs;
    await Promise.all([
      ...Array.from({ length: attackers }, async (_, a) => {
        for (let k = 0; performance.now() < attackEnds; k++) {
          const hostileToken = hostileTokens[(a * 50 + k) % hostileTokens.length]!;
          await http.send("POST", `/api/respond/${hostileToken}/submit`, { data: hostileAnswers }).then(
            () => {
              throw new Error("a hostile submission was accepted");
            },
            (error: Error) => {
              if (!error.message.includes("-> 503")) throw error;
              refusals.count++;
            },
          );
        }
      }),
      (async () => {
        await sleep(200);
        while (attacking) {
          const started = performance.now();
          await http.send("GET", "/healthz", undefined);
          healthz.push(performance.now() - started);
          await sleep(20);
          if (performance.now() >= attackEnds) attacking = false;
        }
      })(),
    ]);
    http.close();
    console.error(
      `(respond: under attack, ${refusals.count} hostile submissions stopped at the budget, ${healthz.length} /healthz; ` +
        `max ${Math.max(...healthz).toFixed(1)} ms)`,
    );
    console.error(
      `(respond: ${totals.submit.count} submissions, ${totals.raw.count} raw inserts, ${latencies.length} drafts; ` +
        `draft p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; ` +
        `${scoring.count} submissions scored after their rounds in ${(scoring.ms / 1000).toFixed(1)} s)`,
    );

    return [
      // Both bases of each submission, scored after the acknowledgement (ScoreBacklog), in batches.
      ["scored-per-s", ((scoring.count / scoring.ms) * 1000).toFixed(0)],
      ["submit-per-s", submitPerSecond.toFixed(0)],
      ["raw-insert-per-s", rawPerSecond.toFixed(0)],
      ["submit-ratio", (submitPerSecond / rawPerSecond).toFixed(2)],
      ["draft-p99-ms", percentile(latencies, 99).toFixed(1)],
      ["healthz-under-attack-p99-ms", percentile(healthz, 99).toFixed(1)],
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
