import { inTransaction } from "../db/transaction.ts";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openConfiguredDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { QuestionnaireCatalogue } from "../modules/questionnaires/questionnaire-catalogue.ts";
import { recomputeEvaluationScores } from "../modules/scores/scores.service.ts";

// npm run scores:recompute [-- --evaluation ID]: after a scoring model changed (a new questionnaire version in
// surveys/), re-score every submitted response of one evaluation, or of all.

const { values } = parseArgs({ options: { evaluation: { type: "string" } } });
const config = loadConfig();
const { db } = openConfiguredDatabase(config);
try {
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, config.surveysDir);
  const ids = values.evaluation
    ? [Number(values.evaluation)]
    : (await db.selectFrom("evaluations").select("id").orderBy("id").execute()).map((e) => e.id);
  for (const id of ids) {
    const { recomputed } = await inTransaction(db, (trx) => recomputeEvaluationScores(trx, catalogue, id));
    console.log(`evaluation ${id}: ${recomputed} response(s) re-scored`);
  }
} finally {
  await db.destroy();
}
