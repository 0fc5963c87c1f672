import { Type, type Static } from "typebox";

export const NewEvaluationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    questionnaireIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
    }),
    round: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    baselineEvaluationId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    closesAt: Type.Optional(
      Type.Union([Type.String({ format: "date-time" }), Type.String({ format: "date" }), Type.Null()]),
    ),
    /** Automatic reminders this many days before closesAt; null or absent = none. */
    reminderDaysBefore: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 365 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewEvaluationBody = Static<typeof NewEvaluationBody>;

export const Progress = Type.Object({
  invited: Type.Integer(),
  sent: Type.Integer(),
  opened: Type.Integer(),
  started: Type.Integer(),
  submitted: Type.Integer(),
  revoked: Type.Integer(),
  expired: Type.Integer(),
});
export type Progress = Static<typeof Progress>;

export const EvaluationView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  round: Type.Union([Type.String(), Type.Null()]),
  baselineEvaluationId: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String(),
  closesAt: Type.Union([Type.String(), Type.Null()]),
  reminderDaysBefore: Type.Union([Type.Integer(), Type.Null()]),
  questionnaireIds: Type.Array(Type.String()),
  /**
   * The questionnaire reports, exports and scores are about when the request names none: a scored one, the one
   * with the most submitted responses among several, the first by id on a tie (default-questionnaire.ts).
   */
  defaultQuestionnaireId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  progress: Progress,
  /** The evaluator's text for the aggregate report (PUT /api/evaluations/:id/report-text). */
  conclusions: Type.Union([Type.String(), Type.Null()]),
  recommendations: Type.Union([Type.String(), Type.Null()]),
});
export type EvaluationView = Static<typeof EvaluationView>;

/** PATCH: reopen with `status: "open"` and/or a later `closesAt`; close with `status: "closed"`. */
export const UpdateEvaluationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    round: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    closesAt: Type.Optional(
      Type.Union([Type.String({ format: "date-time" }), Type.String({ format: "date" }), Type.Null()]),
    ),
    status: Type.Optional(Type.Enum(["draft", "open", "closed"])),
    baselineEvaluationId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateEvaluationBody = Static<typeof UpdateEvaluationBody>;
