import { inTransaction } from "../db/transaction.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { databaseLabel, openConfiguredDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { loadDemo } from "../demo/load-demo.ts";
import { QuestionnaireCatalogue, QuestionnaireFileError } from "../modules/questionnaires/questionnaire-catalogue.ts";
import { ensureFirstAdmin } from "../modules/users/users.service.ts";

// npm run demo: loads the "PHT final evaluation 2005" (server/demo/pht-2005.json) into the configured database.
// Running it again changes nothing. Works while the server runs.

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Sapat demo: ${error.message}`);
  process.exit(1);
}

const { db } = openConfiguredDatabase(config);
try {
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue();
  await catalogue.loadDirectory(db, config.surveysDir);
  // As the server's start does: ADMIN_EMAIL/ADMIN_PASSWORD make the first admin, who then owns the demo.
  await inTransaction(db, (trx) => ensureFirstAdmin(trx, config.adminEmail, config.adminPassword));

  const result = await loadDemo(db, catalogue, { publicUrl: config.publicUrl });
  const url = `${config.publicUrl}/evaluations/${result.evaluationId}`;
  if (result.status === "already_loaded") {
    console.log(`The demo is already loaded: evaluation ${result.evaluationId}. Nothing was changed.`);
    console.log(`Open ${url}`);
  } else {
    console.log(
      `Loaded the demo evaluation "PHT final evaluation 2005" (id ${result.evaluationId}) into ${databaseLabel(config)}:`,
    );
    console.log(
      `  demo organisations: ${result.organisations.created} created, ${result.organisations.existing} from an ` +
        "earlier load; organisations of your own are left alone, whatever their names",
    );
    console.log(`  NGO questionnaires submitted: ${result.ngoResponses}`);
    console.log(`  government interviews: ${result.interviews}`);
    console.log(`  verified levels: ${result.verifiedLevels}`);
    console.log("  counts are as the 2005 report gives them; rubric answers and verified levels are illustrative");
    if (result.user.created) {
      console.log("");
      console.log("  DEMO-ONLY ACCOUNT (there was no user): log in with");
      console.log(`    email:    ${result.user.email}`);
      console.log(`    password: ${result.user.password}`);
      console.log("  Anyone who reads this can log in: do not keep it on a server with real data.");
      console.log(
        "  It is an evaluator; add an admin with: npm run user:create -- --email you@example.org --role admin",
      );
    } else {
      console.log(`  created by ${result.user.email}`);
    }
    console.log("");
    console.log(`Open ${url}`);
  }
} catch (error) {
  if (!(error instanceof QuestionnaireFileError)) throw error;
  console.error(`Sapat demo: ${error.message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
