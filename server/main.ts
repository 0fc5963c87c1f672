import { inTransaction } from "./db/transaction.ts";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openConfiguredDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { startMailScheduler, type MailScheduler } from "./modules/mail/mail.scheduler.ts";
import { QuestionnaireCatalogue, QuestionnaireFileError } from "./modules/questionnaires/questionnaire-catalogue.ts";
import { ensureFirstAdmin } from "./modules/users/users.service.ts";

/** The process: read config, migrate, load questionnaires, serve, and close cleanly on a signal. */
export async function main(): Promise<void> {
  const config = loadConfig();
  const { db } = openConfiguredDatabase(config);
  await migrateToLatest(db);
  const catalogue = new QuestionnaireCatalogue({ validationTimeoutMs: config.validationTimeoutMs });
  const loaded = await catalogue.loadDirectory(db, config.surveysDir);
  const app = await buildApp({ config, db, catalogue });
  app.log.info({ questionnaires: loaded.map((q) => `${q.id}@${q.version}`) }, "questionnaires loaded");

  const admin = await inTransaction(db, (trx) => ensureFirstAdmin(trx, config.adminEmail, config.adminPassword));
  if (admin === "created") app.log.info(`created the first admin account ${config.adminEmail}`);
  if (admin === "missing") {
    app.log.warn(
      "no user account yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart, or run `npm run user:create -- --email you@example.org --role admin`",
    );
  }

  let closing = false;
  let mailScheduler: MailScheduler | null = null;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    // Lets an email in the middle of its SMTP conversation finish and be recorded, so it is not sent twice.
    await mailScheduler?.stop();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.on("SIGTERM", () => void close("SIGTERM"));
  process.on("SIGINT", () => void close("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  const unscored = await app.scoreBacklog.addUnscored();
  if (unscored > 0) app.log.info(`${unscored} submitted response(s) to score`);
  mailScheduler = startMailScheduler(app.mail, { tickMs: config.mailTickMs, log: app.log });
  if (app.mail.mode === "outbox")
    app.log.info("SMTP_URL is not set: emails are kept in the outbox for delivery by hand");
  app.log.info(`Sapat is ready at ${config.publicUrl}`);
}

/** Starts the server, or explains in one line why it cannot. */
export function runMain(): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof QuestionnaireFileError) {
      console.error(`Sapat cannot start: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
