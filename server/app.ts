import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import ajvCompiler from "@fastify/ajv-compiler";
import fastifyRateLimit from "@fastify/rate-limit";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify from "fastify";
import type { Config } from "./config.ts";
import type { Db } from "./db/database.ts";
import { loggerOptions } from "./log-redaction.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { evaluationsRoutes } from "./modules/evaluations/evaluations.routes.ts";
import { interviewsRoutes } from "./modules/interviews/interviews.routes.ts";
import { invitationsRoutes } from "./modules/invitations/invitations.routes.ts";
import { mailRoutes } from "./modules/mail/mail.routes.ts";
import { evaluationAccessPlugin } from "./modules/members/evaluation-access.ts";
import { membersRoutes } from "./modules/members/members.routes.ts";
import { MailService } from "./modules/mail/mail.service.ts";
import { organizationClientRoutes } from "./modules/organizations/organization-client.routes.ts";
import { organizationsRoutes } from "./modules/organizations/organizations.routes.ts";
import type { QuestionnaireCatalogue } from "./modules/questionnaires/questionnaire-catalogue.ts";
import { questionnairesRoutes } from "./modules/questionnaires/questionnaires.routes.ts";
import { scoresRoutes } from "./modules/scores/scores.routes.ts";
import { SubmissionBatches } from "./modules/respond/submission-batches.ts";
import { ScoreBacklog } from "./modules/scores/score-backlog.ts";
import { reportsRoutes } from "./modules/reports/reports.routes.ts";
import { respondRoutes } from "./modules/respond/respond.routes.ts";
import { responsesRoutes } from "./modules/responses/responses.routes.ts";
import { usersRoutes } from "./modules/users/users.routes.ts";
import { tokensRoutes } from "./modules/tokens/tokens.routes.ts";
import { auditLogRoutes } from "./modules/audit-log/audit-log.routes.ts";
import { authPlugin } from "./modules/auth/auth.plugin.ts";
import { clientPlugin } from "./plugins/client.ts";
import { contextPlugin } from "./plugins/context.ts";
import { answerFrameworkError, errorsPlugin } from "./plugins/errors.ts";
import { apiDocsPlugin } from "./plugins/api-docs.ts";
import { jsonBodyPlugin } from "./plugins/json-body.ts";
import { rateLimitStorage } from "./plugins/rate-limit-storage.ts";
import { respondentRateLimitPlugin } from "./plugins/respondent-rate-limit.ts";
import { checkRouteContract } from "./plugins/route-contract.ts";
import { securityHeadersPlugin } from "./plugins/security-headers.ts";

const validatorPool = ajvCompiler();
const strictBody = { coerceTypes: false, removeAdditional: false, allErrors: true } as const;

/**
 * Fastify's own ajv compiler, twice: bodies are taken as sent (a string where a number belongs is an error, not
 * something to coerce), while the path and the query string are text by nature, so `id: Type.Integer()` there is
 * parsed from it.
 */
const buildRequestValidator: typeof validatorPool = (externalSchemas) => {
  const body = validatorPool(externalSchemas, { customOptions: strictBody });
  const urlParts = validatorPool(externalSchemas, { customOptions: { ...strictBody, coerceTypes: "array" } });
  return (route) => (route.httpPart === "body" ? body(route) : urlParts(route));
};

export interface AppDependencies {
  config: Config;
  db: Db;
  catalogue: QuestionnaireCatalogue;
  /** False: no log; a stream: the log lines go there (tests read them); default: standard output. */
  logger?: false | { stream: NodeJS.WritableStream };
}

/** Builds the HTTP application; plugins and modules are registered explicitly, in this order. */
export async function buildApp({ config, db, catalogue, logger }: AppDependencies) {
  const app = Fastify({
    logger: logger === false ? false : loggerOptions(config.logLevel, logger?.stream),
    bodyLimit: config.bodyLimit,
    // Trusting X-Forwarded-For from anyone would let a client pick its own address and escape rate limits.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    // A URL the router cannot decode, or a path parameter over its length limit, in the contract's error shape.
    frameworkErrors: answerFrameworkError,
    schemaController: { compilersFactory: { buildValidator: buildRequestValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Every API route states its answers: a route without them fails the build of the app, so no test passes.
  app.addHook("onRoute", checkRouteContract);

  // Built here from the config (SMTP_URL unset = outbox mode); the scheduler that drives it is main.ts's.
  const mail = new MailService(db, config);
  app.addHook("onClose", async () => mail.close());
  const scoreBacklog = new ScoreBacklog(db, catalogue, undefined, (error) =>
    app.log.error({ err: error }, "scoring submitted responses failed; they are scored when next read"),
  );
  app.addHook("onClose", async () => scoreBacklog.close());
  // The survey worker threads would otherwise keep the process (and a test run) alive.
  app.addHook("onClose", async () => catalogue.close());
  await app.register(contextPlugin, {
    config,
    db,
    catalogue,
    mail,
    scoreBacklog,
    submissions: new SubmissionBatches(db),
  });
  await app.register(errorsPlugin);
  // First of the onRequest hooks, so that every answer carries the headers, errors and 429s included.
  await app.register(securityHeadersPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(fastifyCookie);
  // Opt-in per route (`compress: {}`): streamed exports and PDFs stay as they are. Request bodies are never inflated,
  // so the body limit bounds what a request can make the server hold.
  await app.register(fastifyCompress, { global: false, globalDecompression: false, encodings: ["br", "gzip"] });
  // Off by default; the respondent routes use it (plugins/respondent-rate-limit.ts). Counted where every instance sees.
  const rateLimits = rateLimitStorage(config, db);
  app.addHook("onClose", () => rateLimits.close());
  await app.register(fastifyRateLimit, { global: false, ...rateLimits.options });
  await app.register(respondentRateLimitPlugin);
  await app.register(authPlugin);
  await app.register(evaluationAccessPlugin);

  await app.register(apiDocsPlugin);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(questionnairesRoutes);
  await app.register(organizationsRoutes);
  await app.register(organizationClientRoutes);
  await app.register(evaluationsRoutes);
  await app.register(membersRoutes);
  await app.register(invitationsRoutes);
  await app.register(respondRoutes);
  await app.register(interviewsRoutes);
  await app.register(responsesRoutes);
  await app.register(mailRoutes);
  await app.register(usersRoutes);
  await app.register(tokensRoutes);
  await app.register(auditLogRoutes);
  await app.register(scoresRoutes);
  await app.register(reportsRoutes);
  await app.register(clientPlugin);
  return app;
}
