import { inLockedTransaction } from "../../db/transaction.ts";
import { constants } from "node:zlib";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { TokenParams, withErrors } from "../common.schemas.ts";
import { DraftBody, DraftSaved, OpenQuery, Opened, RespondentView, SubmitBody, Submitted } from "./respond.schemas.ts";
import { markOpened, openQuestionnaire, saveDraft, submitAnswers } from "./respond.service.ts";

// The token in the path is the respondent's only credential: no session, no CSRF header.
export async function respondRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/api/respond/:token",
    {
      schema: { params: TokenParams, querystring: OpenQuery, response: withErrors({ 200: RespondentView }) },
      // The questionnaire is ~80 kB of JSON, ~18 kB with brotli at quality 6 (~2 ms; the default 4 gives ~20 kB):
      // respondents are often on slow connections.
      compress: { brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } } },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return openQuestionnaire(app.db, app.catalogue, request.params.token, request.query.have);
    },
  );

  app.post(
    "/api/respond/:token/opened",
    { schema: { params: TokenParams, response: withErrors({ 200: Opened }) } },
    (request) => markOpened(app.db, request.params.token, (lock, work) => inLockedTransaction(app.db, lock, work)),
  );

  app.put(
    "/api/respond/:token/draft",
    { schema: { params: TokenParams, body: DraftBody, response: withErrors({ 200: DraftSaved }) } },
    (request) =>
      saveDraft(app.db, app.catalogue, request.params.token, request.body, (lock, work) =>
        inLockedTransaction(app.db, lock, work),
      ),
  );

  app.post(
    "/api/respond/:token/submit",
    { schema: { params: TokenParams, body: SubmitBody, response: withErrors({ 200: Submitted }) } },
    async (request) => {
      const submitted = await submitAnswers(
        app.db,
        app.catalogue,
        request.params.token,
        request.body,
        app.submissions.write,
      );
      app.scoreBacklog.add(submitted.responseId);
      return submitted;
    },
  );
}
