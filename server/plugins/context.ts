import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import type { Db } from "../db/database.ts";
import type { SubmissionBatches } from "../modules/respond/submission-batches.ts";
import type { MailService } from "../modules/mail/mail.service.ts";
import type { QuestionnaireCatalogue } from "../modules/questionnaires/questionnaire-catalogue.ts";
import type { ScoreBacklog } from "../modules/scores/score-backlog.ts";

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    db: Db;
    catalogue: QuestionnaireCatalogue;
    mail: MailService;
    scoreBacklog: ScoreBacklog;
    /** Shared commits for respondents' submissions, which arrive in bursts. */
    submissions: SubmissionBatches;
  }
}

export interface AppContext {
  config: Config;
  db: Db;
  catalogue: QuestionnaireCatalogue;
  mail: MailService;
  scoreBacklog: ScoreBacklog;
  submissions: SubmissionBatches;
}

/** Decorates the instance with what every module needs; the process (main.ts) owns their lifecycles. */
export const contextPlugin = fp(async (app: FastifyInstance, context: AppContext) => {
  app.decorate("config", context.config);
  app.decorate("db", context.db);
  app.decorate("catalogue", context.catalogue);
  app.decorate("mail", context.mail);
  app.decorate("scoreBacklog", context.scoreBacklog);
  app.decorate("submissions", context.submissions);
});
