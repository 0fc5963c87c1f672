import { inTransaction } from "../../db/transaction.ts";
import { constants } from "node:zlib";
import type { FastifyInstance } from "fastify";
import {
  DraftBody,
  DraftSaved,
  OpenQuery,
  RespondentView,
  SubmitBody,
  Submitted,
  TokenParams,
} from "./respond.schemas.ts";
import { openQuestionnaire, saveDraft, submitAnswers } from "./respond.service.ts";

// The token in the path is the respondent's only credential: no session, no CSRF header.
export async function respondRoutes(app: FastifyInstance) {
  app.get<{ Params: TokenParams; Querystring: OpenQuery }>(
    "/api/respond/:token",
    {
      schema: { params: TokenParams, querystring: OpenQuery, response: { 200: RespondentView } },
      // The questionnaire is ~80 kB of JSON, ~18 kB with brotli at quality 6 (~2 ms; the default 4 gives ~20 kB):
      // respondents are often on slow connections.
      compress: { brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } } },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return openQuestionnaire(app.db, app.catalogue, request.params.token, request.query.have);
    },
  );

  app.put<{ Params: TokenParams; Body: DraftBody }>(
    "/api/respond/:token/draft",
    { schema: { params: TokenParams, body: DraftBody, response: { 200: DraftSaved } } },
    (request) => inTransaction(app.db, (trx) => saveDraft(trx, app.catalogue, request.params.token, request.body)),
  );

  app.post<{ Params: TokenParams; Body: SubmitBody }>(
    "/api/respond/:token/submit",
    { schema: { params: TokenParams, body: SubmitBody, response: { 200: Submitted } } },
    async (request) => {
      const submitted = await submitAnswers(app.db, app.catalogue, request.params.token, request.body, (work) =>
        app.groupCommit.run(work),
      );
      app.scoreBacklog.add(submitted.responseId);
      return submitted;
    },
  );
}
