import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { insertEvaluation } from "../server/modules/evaluations/evaluations.repository.ts";
import { QuestionnaireCatalogue } from "../server/modules/questionnaires/questionnaire-catalogue.ts";
import { createUser } from "../server/modules/users/users.service.ts";
import { scoreBothBases } from "../server/scoring/score-response.ts";
import { visibleQuestionNames } from "../server/survey-model/visible-questions.ts";
import { generateAnswers } from "../test/helpers/generate-answers.ts";

// Seeds a data directory with one evaluation of `count` submitted ngo-capacity responses and their stored scores,
// inserted straight into SQLite in one transaction (the API would take an hour for what this does in seconds).

export const benchUser = { email: "bench@example.org", password: "correct horse battery staple" };

/** Distinct generated answer sets the rows are made from (each row then varies its numbers and name). */
const baseSets = 12;

export async function seedExportBench(dataDir: string, count: number): Promise<{ evaluationId: number }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { db, sqlite } = openDatabase(config.databaseFile);
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, config.surveysDir);
  await createUser(db, { ...benchUser, name: "Bench", role: "viewer" });
  const version = await catalogue.latestVersion(db, "ngo-capacity");
  const model = await catalogue.model(db, "ngo-capacity", version);
  const json = JSON.parse((await catalogue.get(db, "ngo-capacity", version)).json) as Record<string, unknown>;
  const evaluationId = await insertEvaluation(db, {
    name: "Benchmark evaluation",
    round: "endline",
    baselineEvaluationId: null,
    closesAt: null,
    createdBy: 1,
    questionnaireIds: ["ngo-capacity"],
  });
  await db.destroy();
  sqlite.close();

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

  // A bulk load: no journal, no fsync; the file is reopened in WAL mode by the app.
  const raw = new SQLite(path.join(dataDir, "sapat.db"));
  raw.pragma("journal_mode = OFF");
  raw.pragma("synchronous = OFF");
  const organizations = Math.max(1, Math.min(2000, Math.ceil(count / 50)));
  const regions = ["Bishkek", "Chui", "Osh", "Jalal-Abad", "Batken", "Naryn", "Talas", "Issyk-Kul"];
  const now = new Date().toISOString();
  const insertOrganization = raw.prepare(
    "insert into organizations (name, kind, region, created_at, updated_at) values (?, 'ngo', ?, ?, ?)",
  );
  const insertResponse = raw.prepare(
    `insert into responses (evaluation_id, organization_id, questionnaire_id, questionnaire_version, mode, status, data,
       current_page, locale, revision, created_at, updated_at, submitted_at)
     values (?, ?, 'ngo-capacity', ?, ?, 'submitted', ?, 0, ?, 1, ?, ?, ?)`,
  );
  const insertScore = raw.prepare(
    `insert into response_scores (response_id, basis, scoring_id, scoring_version, questionnaire_version,
       overall_status, overall_level, trace, computed_at)
     values (?, ?, 'ngo-capacity', '1', ?, ?, ?, ?, ?)`,
  );
  raw.transaction(() => {
    const firstOrganization = Number(insertOrganization.run(`NGO 1 «Бенчмарк»`, regions[0], now, now).lastInsertRowid);
    for (let i = 1; i < organizations; i++)
      insertOrganization.run(`NGO ${i + 1}`, regions[i % regions.length], now, now);
    for (let i = 0; i < count; i++) {
      const set = sets[i % sets.length]!;
      const answers: Record<string, unknown> = { ...set.answers, P1: `Organisation ${i % organizations}` };
      for (const [k, q] of numeric.entries()) {
        if (typeof answers[q] === "number") answers[q] = (answers[q] as number) + ((i + k) % 17);
      }
      const submitted = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const id = Number(
        insertResponse.run(
          evaluationId,
          firstOrganization + (i % organizations),
          version,
          i % 5 === 0 ? "interview" : "link",
          JSON.stringify(answers),
          i % 3 === 0 ? "ru" : "en",
          submitted,
          submitted,
          submitted,
        ).lastInsertRowid,
      );
      for (const basis of ["self", "verified"] as const) {
        const trace = set[basis];
        insertScore.run(id, basis, version, trace.status, trace.level, trace.text, now);
      }
    }
  })();
  raw.close();
  return { evaluationId };
}
