import { Type, type Static } from "typebox";
import { Id } from "../common.schemas.ts";

// The shapes of the scores API. The pure engine (server/scoring/) keeps its own interfaces, free of any HTTP
// library; these schemas describe the same objects as they leave the server, so a field added there and not here
// is dropped from the answer (and a test of the route fails).

const Num = Type.Union([Type.Number(), Type.Null()]);
const Str = Type.Union([Type.String(), Type.Null()]);
const AnyId = Type.Union([Type.Integer(), Type.String()]);

export const Basis = Type.Enum(["self", "verified"]);
export const Band = Type.Enum(["Nascent", "Emerging", "Expanding", "Mature"]);
const BandOrNull = Type.Union([Band, Type.Null()]);
/** A title as the questionnaire gives it: one text, or one per language. */
export const LocalizedText = Type.Union([Type.String(), Type.Record(Type.String(), Type.String())]);
/** `all`, a region or organisation type, or a choice value (null: no answer). */
const GroupKey = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const ItemTrace = Type.Object({
  question: Type.String(),
  status: Type.Enum(["answered", "not_applicable", "dont_know", "missing"]),
  value: Type.Unknown(),
  rule: Type.String(),
  level: Num,
  weight: Type.Number(),
  contribution: Num,
  reason: Type.Optional(Type.String()),
  verified: Type.Optional(Type.Object({ level: Type.Number() })),
});

export const DimensionTrace = Type.Object({
  id: Type.String(),
  title: LocalizedText,
  status: Type.Enum(["scored", "insufficient_data", "not_applicable"]),
  level: Num,
  score100: Num,
  band: BandOrNull,
  coverage: Num,
  answered: Type.Integer(),
  applicable: Type.Integer(),
  answeredWeight: Type.Number(),
  applicableWeight: Type.Number(),
  items: Type.Array(ItemTrace),
});

const OverallStatus = Type.Enum(["scored", "incomplete", "not_applicable"]);

export const ScoreTrace = Type.Object({
  basis: Basis,
  scoringId: Type.String(),
  scoringVersion: Type.String(),
  overall: Type.Object({
    status: OverallStatus,
    level: Num,
    score100: Num,
    band: BandOrNull,
    coverage: Num,
    weakest: Str,
    criticalGaps: Type.Array(Type.String()),
  }),
  dimensions: Type.Array(DimensionTrace),
});
export type ScoreTrace = Static<typeof ScoreTrace>;

const CohortStats = Type.Object({
  n: Type.Integer(),
  insufficient: Type.Integer(),
  notApplicable: Type.Integer(),
  suppressed: Type.Boolean(),
  mean: Num,
  median: Num,
  sd: Num,
  min: Num,
  max: Num,
  p25: Num,
  p75: Num,
  bands: Type.Union([
    Type.Object({
      Nascent: Type.Integer(),
      Emerging: Type.Integer(),
      Expanding: Type.Integer(),
      Mature: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

export const EvaluationScores = Type.Object({
  questionnaireId: Type.String(),
  basis: Basis,
  scoringId: Type.String(),
  scoringVersion: Type.String(),
  dimensions: Type.Array(Type.Object({ id: Type.String(), title: LocalizedText, weight: Type.Number() })),
  organizations: Type.Array(
    Type.Object({
      organizationId: AnyId,
      responseId: AnyId,
      name: Type.String(),
      region: Str,
      orgType: Str,
      overall: Type.Object({
        status: OverallStatus,
        level: Num,
        band: BandOrNull,
        weakest: Str,
        criticalGaps: Type.Array(Type.String()),
      }),
      dimensions: Type.Record(
        Type.String(),
        Type.Object({ status: DimensionTrace.properties.status, level: Num, band: BandOrNull }),
      ),
    }),
  ),
  groups: Type.Array(
    Type.Object({ key: GroupKey, overall: CohortStats, dimensions: Type.Record(Type.String(), CohortStats) }),
  ),
  heatmap: Type.Array(
    Type.Object({
      question: Type.String(),
      dimension: Type.String(),
      answered: Type.Integer(),
      levels: Type.Object({ "1": Type.Integer(), "2": Type.Integer(), "3": Type.Integer(), "4": Type.Integer() }),
    }),
  ),
});
export type EvaluationScores = Static<typeof EvaluationScores>;

const ChangeEntry = Type.Object({
  status: Type.Enum(["improved", "stable", "declined", "not_comparable"]),
  base: Num,
  end: Num,
  delta: Num,
});
const ChangeSummary = Type.Object({
  paired: Type.Integer(),
  n: Type.Integer(),
  notComparable: Type.Integer(),
  meanDelta: Num,
  medianDelta: Num,
  improved: Type.Integer(),
  stable: Type.Integer(),
  declined: Type.Integer(),
});

export const EvaluationChange = Type.Object({
  baselineEvaluationId: Type.Integer(),
  questionnaireId: Type.String(),
  basis: Basis,
  scoringId: Type.String(),
  scoringVersion: Type.String(),
  organizations: Type.Array(
    Type.Object({
      organizationId: AnyId,
      name: Str,
      baseResponseId: Type.Union([AnyId, Type.Null()]),
      endResponseId: Type.Union([AnyId, Type.Null()]),
      comparedItems: Type.Array(Type.String()),
      overall: ChangeEntry,
      dimensions: Type.Record(Type.String(), ChangeEntry),
    }),
  ),
  unpaired: Type.Object({ baseline: Type.Array(AnyId), endline: Type.Array(AnyId) }),
  summary: Type.Object({ overall: ChangeSummary, dimensions: Type.Record(Type.String(), ChangeSummary) }),
});
export type EvaluationChange = Static<typeof EvaluationChange>;

const QuestionSummary = Type.Union([
  Type.Object({
    name: Type.String(),
    type: Type.Literal("number"),
    n: Type.Integer(),
    sum: Type.Number(),
    mean: Num,
    median: Num,
    min: Num,
    max: Num,
  }),
  Type.Object({
    name: Type.String(),
    type: Type.Literal("choice"),
    n: Type.Integer(),
    counts: Type.Record(Type.String(), Type.Integer()),
  }),
]);

export const EvaluationSummary = Type.Object({
  questionnaireId: Type.String(),
  groups: Type.Array(Type.Object({ key: GroupKey, responses: Type.Integer(), questions: Type.Array(QuestionSummary) })),
});
export type EvaluationSummary = Static<typeof EvaluationSummary>;

export const ScoreQuery = Type.Object({ basis: Type.Optional(Basis) }, { additionalProperties: false });
export const CohortQuery = Type.Object(
  {
    questionnaireId: Type.Optional(Type.String({ maxLength: 64 })),
    basis: Type.Optional(Basis),
    groupBy: Type.Optional(Type.String({ maxLength: 200 })),
    minGroupSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  },
  { additionalProperties: false },
);

export const Recomputed = Type.Object({ recomputed: Type.Integer() });

export const VerifiedParams = Type.Object({ id: Id, question: Type.String({ maxLength: 200 }) });
// Checked by the service so that a bad level or a missing note is a 422 naming the field, as the contract says.
export const VerifiedBody = Type.Object({ level: Type.Optional(Type.Unknown()), note: Type.Optional(Type.Unknown()) });
export const VerifiedSaved = Type.Object({ question: Type.String(), level: Type.Integer(), note: Type.String() });

export const VerifiedLevels = Type.Object({
  levels: Type.Array(
    Type.Object({
      question: Type.String(),
      level: Type.Integer(),
      note: Type.String(),
      updatedAt: Type.String(),
      by: Str,
    }),
  ),
  history: Type.Array(
    Type.Object({
      question: Type.String(),
      previousLevel: Type.Union([Type.Integer(), Type.Null()]),
      level: Type.Union([Type.Integer(), Type.Null()]),
      note: Str,
      at: Type.String(),
      by: Str,
    }),
  ),
});
export type VerifiedLevels = Static<typeof VerifiedLevels>;
