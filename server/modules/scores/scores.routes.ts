import { inTransaction } from "../../db/transaction.ts";
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { badRequest } from "../../errors.ts";
import { requireUser } from "../../plugins/auth.ts";
import { parseGroupBy, type GroupBy } from "../../scoring/cohort.ts";
import { IdParams } from "../common.schemas.ts";
import { listVerifiedLevels, verifiedLevelHistory } from "./scores.repository.ts";
import {
  evaluationChange,
  evaluationScores,
  evaluationSummary,
  recomputeEvaluationScores,
  responseScore,
  setVerifiedLevel,
} from "./scores.service.ts";

const Basis = Type.Union([Type.Literal("self"), Type.Literal("verified")]);
const ScoreQuery = Type.Object({ basis: Type.Optional(Basis) }, { additionalProperties: false });
const CohortQuery = Type.Object(
  {
    questionnaireId: Type.Optional(Type.String({ maxLength: 64 })),
    basis: Type.Optional(Basis),
    groupBy: Type.Optional(Type.String({ maxLength: 200 })),
    minGroupSize: Type.Optional(Type.String({ pattern: "^[1-9][0-9]?$" })),
  },
  { additionalProperties: false },
);
const VerifiedParams = Type.Object({ id: IdParams.properties.id, question: Type.String({ maxLength: 200 }) });
// Checked by the service so that a bad level or a missing note is a 422 naming the field, as the contract says.
const VerifiedBody = Type.Object({ level: Type.Optional(Type.Unknown()), note: Type.Optional(Type.Unknown()) });

function readGroupBy(text: string | undefined): GroupBy {
  const groupBy = parseGroupBy(text ?? "all");
  if (!groupBy)
    throw badRequest("Invalid groupBy", [
      { field: "groupBy", message: "must be all, region, orgType or q:<question>" },
    ]);
  return groupBy;
}

export async function scoresRoutes(app: FastifyInstance) {
  app.get<{ Params: IdParams; Querystring: Static<typeof ScoreQuery> }>(
    "/api/responses/:id/score",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: ScoreQuery } },
    (request) => responseScore(app.db, app.catalogue, Number(request.params.id), request.query.basis ?? "verified"),
  );

  app.get<{ Params: IdParams; Querystring: Static<typeof CohortQuery> }>(
    "/api/evaluations/:id/scores",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: CohortQuery } },
    (request) =>
      evaluationScores(app.db, app.catalogue, Number(request.params.id), {
        questionnaireId: request.query.questionnaireId,
        basis: request.query.basis ?? "verified",
        groupBy: readGroupBy(request.query.groupBy),
        minGroupSize: request.query.minGroupSize ? Number(request.query.minGroupSize) : app.config.minGroupSize,
      }),
  );

  app.get<{ Params: IdParams; Querystring: Static<typeof CohortQuery> }>(
    "/api/evaluations/:id/change",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: CohortQuery } },
    (request) =>
      evaluationChange(app.db, app.catalogue, Number(request.params.id), {
        questionnaireId: request.query.questionnaireId,
        basis: request.query.basis ?? "verified",
      }),
  );

  app.get<{ Params: IdParams; Querystring: Static<typeof CohortQuery> }>(
    "/api/evaluations/:id/summary",
    { preValidation: requireUser(), schema: { params: IdParams, querystring: CohortQuery } },
    (request) =>
      evaluationSummary(app.db, app.catalogue, Number(request.params.id), {
        questionnaireId: request.query.questionnaireId,
        groupBy: readGroupBy(request.query.groupBy),
      }),
  );

  app.post<{ Params: IdParams }>(
    "/api/evaluations/:id/scores/recompute",
    { preValidation: requireUser(["admin", "evaluator"]), schema: { params: IdParams } },
    (request) =>
      inTransaction(app.db, (trx) => recomputeEvaluationScores(trx, app.catalogue, Number(request.params.id))),
  );

  app.put<{ Params: Static<typeof VerifiedParams>; Body: Static<typeof VerifiedBody> }>(
    "/api/responses/:id/verified/:question",
    { preValidation: requireUser(["admin", "evaluator"]), schema: { params: VerifiedParams, body: VerifiedBody } },
    (request) =>
      inTransaction(app.db, (trx) =>
        setVerifiedLevel(trx, app.catalogue, {
          responseId: Number(request.params.id),
          question: request.params.question,
          level: request.body.level,
          note: request.body.note,
          userId: request.user!.id,
        }),
      ),
  );

  app.get<{ Params: IdParams }>(
    "/api/responses/:id/verified",
    { preValidation: requireUser(), schema: { params: IdParams } },
    async (request) => {
      const id = Number(request.params.id);
      const [levels, history] = await Promise.all([listVerifiedLevels(app.db, id), verifiedLevelHistory(app.db, id)]);
      return {
        levels: levels.map((l) => ({
          question: l.question,
          level: l.level,
          note: l.note,
          updatedAt: l.updated_at,
          by: l.user_name,
        })),
        history: history.map((h) => ({
          question: h.question,
          previousLevel: h.previous_level,
          level: h.level,
          note: h.note,
          at: h.created_at,
          by: h.user_name,
        })),
      };
    },
  );
}
