import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { badRequest } from "../../errors.ts";
import { auditTarget, recordEvent } from "../audit/audit.service.ts";
import { actorOf, requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { parseGroupBy, type GroupBy } from "../../scoring/cohort.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import {
  CohortQuery,
  EvaluationChange,
  EvaluationScores,
  EvaluationSummary,
  Recomputed,
  ScoreQuery,
  ScoreTrace,
  VerifiedBody,
  VerifiedLevels,
  VerifiedParams,
  VerifiedSaved,
} from "./scores.schemas.ts";
import {
  evaluationChange,
  evaluationScores,
  evaluationSummary,
  recomputeEvaluationScores,
  responseScore,
  setVerifiedLevel,
  verifiedLevelsView,
} from "./scores.service.ts";
import { editorRoles } from "../../value-lists.ts";
import { inWords } from "../../i18n/details.ts";

function readGroupBy(text: string | undefined): GroupBy {
  const groupBy = parseGroupBy(text ?? "all");
  if (!groupBy) throw badRequest("Invalid groupBy", [{ field: "groupBy", ...inWords("scores.groupBy") }]);
  return groupBy;
}

export async function scoresRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/api/responses/:id/score",
    {
      preValidation: [requireUser(), requireMember("response", "read")],
      schema: { params: IdParams, querystring: ScoreQuery, response: withErrors({ 200: ScoreTrace }) },
    },
    (request) => responseScore(app.db, app.catalogue, request.params.id, request.query.basis ?? "verified"),
  );

  app.get(
    "/api/evaluations/:id/scores",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: CohortQuery, response: withErrors({ 200: EvaluationScores }) },
    },
    (request) =>
      evaluationScores(app.db, app.catalogue, request.params.id, {
        questionnaireId: request.query.questionnaireId,
        basis: request.query.basis ?? "verified",
        groupBy: readGroupBy(request.query.groupBy),
        minGroupSize: request.query.minGroupSize ?? app.config.minGroupSize,
      }),
  );

  app.get(
    "/api/evaluations/:id/change",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: CohortQuery, response: withErrors({ 200: EvaluationChange }) },
    },
    (request) =>
      evaluationChange(app.db, app.catalogue, request.params.id, {
        questionnaireId: request.query.questionnaireId,
        basis: request.query.basis ?? "verified",
      }),
  );

  app.get(
    "/api/evaluations/:id/summary",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, querystring: CohortQuery, response: withErrors({ 200: EvaluationSummary }) },
    },
    (request) =>
      evaluationSummary(app.db, app.catalogue, request.params.id, {
        questionnaireId: request.query.questionnaireId,
        groupBy: readGroupBy(request.query.groupBy),
      }),
  );

  app.post(
    "/api/evaluations/:id/scores/recompute",
    {
      preValidation: [requireUser(editorRoles), requireMember("evaluation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: Recomputed }) },
    },
    (request) => inTransaction(app.db, (trx) => recomputeEvaluationScores(trx, app.catalogue, request.params.id)),
  );

  app.put(
    "/api/responses/:id/verified/:question",
    {
      preValidation: [requireUser(editorRoles), requireMember("response", "write")],
      schema: { params: VerifiedParams, body: VerifiedBody, response: withErrors({ 200: VerifiedSaved }) },
    },
    (request) =>
      inTransaction(app.db, async (trx) => {
        const saved = await setVerifiedLevel(trx, app.catalogue, {
          responseId: request.params.id,
          question: request.params.question,
          level: request.body.level,
          note: request.body.note,
          userId: request.user!.id,
        });
        await recordEvent(trx, actorOf(request), "verified_level_set", auditTarget("response", request.params.id), {
          question: request.params.question,
          level: request.body.level,
          note: request.body.note,
        });
        return saved;
      }),
  );

  app.get(
    "/api/responses/:id/verified",
    {
      preValidation: [requireUser(), requireMember("response", "read")],
      schema: { params: IdParams, response: withErrors({ 200: VerifiedLevels }) },
    },
    (request) => verifiedLevelsView(app.db, request.params.id),
  );
}
