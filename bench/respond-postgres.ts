import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { openConfiguredDatabase } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { newInvitationToken } from "../server/modules/invitations/invitation-token.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";
import { generateAnswers } from "../test/helpers/generate-answers.ts";
import { inFreshSchema } from "./postgres-schema.ts";
import {
  benchEvaluation,
  client,
  drainTimeoutMs,
  questionnaireId,
  rawWarmUpMs,
  reWarmMs,
  startServer,
  throughput,
  warmUpMs,
} from "./respond.ts";

// The respondent benchmark on PostgreSQL (`npm run bench -- --db=postgres`): the same submissions and raw inserts as
// bench/respond.ts, over real HTTP, against one server process and then against two on the same database (the
// client alternates between them, as a load balancer would), in a fresh schema of the server at --database-url
// (default postgres://root@127.0.0.1:5432/test), dropped afterwards.
//   pg-submit-per-s, pg-raw-insert-per-s, pg-submit-ratio          one instance
//   pg2-submit-per-s, pg2-raw-insert-per-s, pg2-submit-ratio       two instances

const measureMs = 8_000;
const rounds = 4;

async function seed(databaseUrl: string, dataDir: string, invitations: number) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: databaseUrl });
  const { db } = openConfiguredDatabase(config);
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, config.surveysDir);
  const version = await catalogue.latestVersion(db, questionnaireId);
  const json = JSON.parse((await catalogue.get(db, questionnaireId, version)).json) as Record<string, unknown>;
  await catalogue.close();
  const evaluationId = await benchEvaluation(db, [questionnaireId]);
  const now = new Date().toISOString();
  const tokens: string[] = [];
  for (let start = 0; start < invitations; start += 1000) {
    const count = Math.min(1000, invitations - start);
    const organizations = await db
      .insertInto("organizations")
      .values(
        Array.from({ length: count }, (_, i) => ({
          name: `NGO ${start + i + 1}`,
          kind: "ngo",
          region: "Chui",
          created_at: now,
          updated_at: now,
        })),
      )
      .returning("id")
      .execute();
    const batch = organizations.map(() => newInvitationToken());
    await db
      .insertInto("invitations")
      .values(
        organizations.map((organization, i) => ({
          evaluation_id: evaluationId,
          organization_id: organization.id,
          questionnaire_id: questionnaireId,
          questionnaire_version: version,
          token: batch[i]!,
          locale: "en",
          status: "sent" as const,
          sent_at: now,
          created_at: now,
        })),
      )
      .execute();
    tokens.push(...batch);
  }
  await db.destroy();
  const answerSets = Array.from({ length: 12 }, (_, i) =>
    generateAnswers(json, { seed: 7000 + i, fill: i % 3 === 0 ? "random" : "all" }),
  );
  return { tokens, answerSets };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await Promise.race([once(child, "exit"), new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Submissions and raw inserts in alternating rounds against `servers`, each request to the next server in turn. */
async function measure(urls: string[], tokens: string[], answerSets: Array<Record<string, unknown>>) {
  const clients = urls.map(client);
  let token = 0;
  const pick = (i: number) => clients[i % clients.length]!;
  const body = (i: number) => ({ data: answerSets[i % answerSets.length]!, locale: "en" });
  const submit = async (i: number) => {
    if (token >= tokens.length) throw new Error("the benchmark ran out of invitations: seed more");
    await pick(i).send("POST", `/api/respond/${tokens[token++]!}/submit`, body(i));
  };
  const rawInsert = async (i: number) => void (await pick(i).send("POST", "/bench/raw-insert", body(i)));
  const drain = () => Promise.all(clients.map((c) => c.send("POST", "/bench/drain-scores", {}, drainTimeoutMs)));
  // Every server in `urls` warms up, the one just started as much as one that has served before.
  await throughput(submit, { durationMs: warmUpMs, limit: tokens.length / 2 });
  await drain();
  await throughput(rawInsert, { durationMs: rawWarmUpMs, limit: 10_000 });
  const totals = { submit: { count: 0, seconds: 0 }, raw: { count: 0, seconds: 0 } };
  for (let round = 0; round < rounds; round++) {
    await throughput(submit, { durationMs: reWarmMs, limit: tokens.length - token });
    const submits = await throughput(submit, { durationMs: measureMs / rounds, limit: tokens.length - token });
    await drain();
    await throughput(rawInsert, { durationMs: reWarmMs, limit: 1_000_000 });
    const raws = await throughput(rawInsert, { durationMs: measureMs / rounds, limit: 1_000_000 });
    totals.submit.count += submits.count;
    totals.submit.seconds += submits.count / submits.perSecond;
    totals.raw.count += raws.count;
    totals.raw.seconds += raws.count / raws.perSecond;
  }
  clients.forEach((c) => c.close());
  const submitPerSecond = totals.submit.count / totals.submit.seconds;
  const rawPerSecond = totals.raw.count / totals.raw.seconds;
  return { submitPerSecond, rawPerSecond, tokensLeft: tokens.slice(token) };
}

export async function runPostgresRespondBench(serverUrl: string): Promise<Array<[string, string]>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-bench-pg-"));
  try {
    return await inFreshSchema<Array<[string, string]>>(serverUrl, "bench", async (databaseUrl) => {
      const children: ChildProcess[] = [];
      try {
        const { tokens, answerSets } = await seed(databaseUrl, dataDir, 150_000);
        const first = await startServer(dataDir, databaseUrl);
        children.push(first.child);
        const one = await measure([first.url], tokens, answerSets);
        const second = await startServer(dataDir, databaseUrl);
        children.push(second.child);
        const two = await measure([first.url, second.url], one.tokensLeft, answerSets);
        return [
          ["pg-submit-per-s", one.submitPerSecond.toFixed(0)],
          ["pg-raw-insert-per-s", one.rawPerSecond.toFixed(0)],
          ["pg-submit-ratio", (one.submitPerSecond / one.rawPerSecond).toFixed(2)],
          ["pg2-submit-per-s", two.submitPerSecond.toFixed(0)],
          ["pg2-raw-insert-per-s", two.rawPerSecond.toFixed(0)],
          ["pg2-submit-ratio", (two.submitPerSecond / two.rawPerSecond).toFixed(2)],
        ];
      } finally {
        // Before the schema goes: the servers hold connections to it.
        for (const child of children) await stop(child);
      }
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
