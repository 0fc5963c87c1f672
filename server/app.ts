import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyServerOptions } from "fastify";
import type { Config } from "./config.ts";
import type { Db } from "./db/database.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { evaluationsRoutes } from "./modules/evaluations/evaluations.routes.ts";
import { invitationsRoutes } from "./modules/invitations/invitations.routes.ts";
import { organizationsRoutes } from "./modules/organizations/organizations.routes.ts";
import type { QuestionnaireCatalogue } from "./modules/questionnaires/questionnaire-catalogue.ts";
import { questionnairesRoutes } from "./modules/questionnaires/questionnaires.routes.ts";
import { respondRoutes } from "./modules/respond/respond.routes.ts";
import { authPlugin } from "./plugins/auth.ts";
import { clientPlugin } from "./plugins/client.ts";
import { contextPlugin } from "./plugins/context.ts";
import { errorsPlugin } from "./plugins/errors.ts";

export interface AppDependencies {
  config: Config;
  db: Db;
  catalogue: QuestionnaireCatalogue;
  logger?: FastifyServerOptions["logger"];
}

/** Builds the HTTP application; plugins and modules are registered explicitly, in this order. */
export async function buildApp({ config, db, catalogue, logger }: AppDependencies) {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: true,
    ajv: {
      // Bodies are taken as sent: a string where a number belongs is an error, not something to coerce.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true },
    },
  });

  await app.register(contextPlugin, { config, db, catalogue });
  await app.register(errorsPlugin);
  await app.register(fastifyCookie);
  await app.register(authPlugin);

  app.get("/healthz", async () => {
    await db.selectFrom("users").select("id").limit(1).execute();
    return { status: "ok" };
  });

  await app.register(authRoutes);
  await app.register(questionnairesRoutes);
  await app.register(organizationsRoutes);
  await app.register(evaluationsRoutes);
  await app.register(invitationsRoutes);
  await app.register(respondRoutes);
  await app.register(clientPlugin);
  return app;
}
