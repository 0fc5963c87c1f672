import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { loadConfig } from "../server/config.ts";
import { openConfiguredDatabase, openDatabase, type Db } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { insertEvaluation } from "../server/modules/evaluations/evaluations.repository.ts";
import { insertMember } from "../server/modules/members/members.repository.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../server/modules/users/users.service.ts";
import { scoreBothBases } from "../server/scoring/score-response.ts";
import { visibleQuestionNames } from "../server/survey-model/visible-questions.ts";
import { generateAnswers } from "../test/helpers/generate-answers.ts";

// Seeds one evaluation of `count` submitted ngo-capacity responses and their stored scores, straight into the
// database (the API would take an hour for what this does in seconds): a SQLite data directory in one transaction
// (`seedExportBench`), or a PostgreSQL schema with multi-row inserts in batches, also in one transaction
// (`seedExportBenchPostgres`). Both hold the same rows.

export const benchUser = { email: "bench@example.org", password: "correct horse battery staple" };

/** Distinct generated answer sets the rows are made from (each row then varies its numbers and name). */
const baseSets = 12;

const regions = ["Bishkek", "Chui", "Osh", "Jalal-Abad", "Batken", "Naryn", "Talas", "Issyk-Kul"];

/** Migrates, loads the questionnaires, creates the bench user and the evaluation; what the rows are made from. */
async function prepareSeed(db: Db, surveysDir: string, count: number) {
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, surveysDir);
  const userId = await createUser(db, { ...benchUser, name: "Bench", role: "viewer" });
  const version = await catalogue.latestVersion(db, "ngo-capacity");
  const model = await catalogue.model(db, "ngo-capacity", version);
  const json = JSON.parse((await catalogue.get(db, "ngo-capacity", version)).json) as Record<string, unknown>;
  await catalogue.close();
  const evaluationId = await insertEvaluation(db, {
    name: "Benchmark evaluation",
    round: "endline",
    baselineEvaluationId: null,
    closesAt: null,
    createdBy: userId,
    questionnaireIds: ["ngo-capacity"],
  });
  // Evaluations are visible to their members only: the bench user reads this one as a viewer.
  await insertMember(db, { evaluationId, userId, role: "viewer", addedBy: null });
  const sets = Array.from({ length: baseSets }, (_, i) => {
    const answers = generateAnswers(json, { seed: 1000 + i });
    const visible = visibleQuestionNames(model.survey, model.plan, answers);
    const traces = scoreBothBases(model.scoring!, answers, { isVisible: (q) => visible.has(q) });
    const stored = (trace: typeof traces.self) => ({
      text: JSON.stringify(trace),
      status: trace.overall.status,
      level: trace.overall.level,
    });
    return { answers, self: stored(traces.self), verified: stored(traces.verified) };
  });
  const numeric = model.scoring!.items.filter((i) => i.rule === "thresholds").map((i) => i.question);
  const organizations = Math.max(1, Math.min(2000, Math.ceil(count / 50)));
  const now = new Date().toISOString();

  /** Response `i` (0-based) of the benchmark, for the organisation numbered `firstOrganization` + i % organizations. */
  function response(i: number, firstOrganization: number) {
    const set = sets[i % sets.length]!;
    const answers: Record<string, unknown> = { ...set.answers, P1: `Organisation ${i % organizations}` };
    for (const [k, q] of numeric.entries()) {
      if (typeof answers[q] === "number") answers[q] = (answers[q] as number) + ((i + k) % 17);
    }
    const submitted = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    return {
      row: {
        evaluation_id: evaluationId,
        organization_id: firstOrganization + (i % organizations),
        questionnaire_id: "ngo-capacity",
        questionnaire_version: version,
        mode: i % 5 === 0 ? ("interview" as const) : ("link" as const),
        status: "submitted" as const,
        data: JSON.stringify(answers),
        current_page: 0,
        locale: i % 3 === 0 ? "ru" : "en",
        revision: 1,
        created_at: submitted,
        updated_at: submitted,
        submitted_at: submitted,
      },
      scores: (["self", "verified"] as const).map((basis) => ({
        basis,
        scoring_id: "ngo-capacity",
        scoring_version: "1",
        questionnaire_version: version,
        overall_status: set[basis].status,
        overall_level: set[basis].level,
        trace: set[basis].text,
        computed_at: now,
      })),
    };
  }

  const organizationName = (i: number) => (i === 0 ? `NGO 1 «Бенчмарк»` : `NGO ${i + 1}`);
  return { evaluationId, organizations, organizationName, response, now };
}

export async function seedExportBench(dataDir: string, count: number): Promise<{ evaluationId: number }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { db, sqlite } = openDatabase(config.databaseFile);
  const seed = await prepareSeed(db, config.surveysDir, count);
  await db.destroy();
  sqlite.close();

  // A bulk load: no journal, no fsync; the file is reopened in WAL mode by the app.
  const raw = new SQLite(path.join(dataDir, "sapat.db"));
  raw.pragma("journal_mode = OFF");
  raw.pragma("synchronous = OFF");
  const insertOrganization = raw.prepare(
    "insert into organizations (name, kind, region, created_at, updated_at) values (?, 'ngo', ?, ?, ?)",
  );
  const insertResponse = raw.prepare(
    `insert into responses (evaluation_id, organization_id, questionnaire_id, questionnaire_version, mode, status, data,
       current_page, locale, revision, created_at, updated_at, submitted_at)
     values (@evaluation_id, @organization_id, @questionnaire_id, @questionnaire_version, @mode, @status, @data,
       @current_page, @locale, @revision, @created_at, @updated_at, @submitted_at)`,
  );
  const insertScore = raw.prepare(
    `insert into response_scores (response_id, basis, scoring_id, scoring_version, questionnaire_version,
       overall_status, overall_level, trace, computed_at)
     values (@response_id, @basis, @scoring_id, @scoring_version, @questionnaire_version, @overall_status,
       @overall_level, @trace, @computed_at)`,
  );
  raw.transaction(() => {
    let firstOrganization = 0;
    for (let i = 0; i < seed.organizations; i++) {
      const id = Number(
        insertOrganization.run(seed.organizationName(i), regions[i % regions.length], seed.now, seed.now)
          .lastInsertRowid,
      );
      if (i === 0) firstOrganization = id;
    }
    for (let i = 0; i < count; i++) {
      const { row, scores } = seed.response(i, firstOrganization);
      const id = Number(insertResponse.run(row).lastInsertRowid);
      for (const score of scores) insertScore.run({ response_id: id, ...score });
    }
  })();
  raw.close();
  return { evaluationId: seed.evaluationId };
}

/** Rows per multi-row insert: 500 responses (13 values each), then their 1,000 score rows (9 each). */
const postgresBatch = 500;

/** The same rows into the (empty, existing) PostgreSQL schema that `databaseUrl`'s search path names. */
export async function seedExportBenchPostgres(databaseUrl: string, count: number): Promise<{ evaluationId: number }> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: databaseUrl });
  const { db } = openConfiguredDatabase(config);
  try {
    const seed = await prepareSeed(db, config.surveysDir, count);
    await db.transaction().execute(async (trx) => {
      const organizations = await trx
        .insertInto("organizations")
        .values(
          Array.from({ length: seed.organizations }, (_, i) => ({
            name: seed.organizationName(i),
            kind: "ngo",
            region: regions[i % regions.length]!,
            created_at: seed.now,
            updated_at: seed.now,
          })),
        )
        .returning("id")
        .execute();
      const firstOrganization = Math.min(...organizations.map((o) => o.id));
      for (let start = 0; start < count; start += postgresBatch) {
        const batch = Array.from({ length: Math.min(postgresBatch, count - start) }, (_, i) =>
          seed.response(start + i, firstOrganization),
        );
        const ids = await trx
          .insertInto("responses")
          .values(batch.map((r) => r.row))
          .returning("id")
          .execute();
        await trx
          .insertInto("response_scores")
          .values(batch.flatMap((r, i) => r.scores.map((score) => ({ response_id: ids[i]!.id, ...score }))))
          .execute();
      }
    });
    // What autovacuum does after a bulk load (the test server runs without it): the planner then knows the sizes.
    await sql`analyze organizations, responses, response_scores`.execute(db);
    return { evaluationId: seed.evaluationId };
  } finally {
    await db.destroy();
  }
}
