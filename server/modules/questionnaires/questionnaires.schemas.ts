import { Type, type Static } from "typebox";

export const QuestionnaireSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  audience: Type.Union([Type.String(), Type.Null()]),
  scoring: Type.Union([Type.Object({ id: Type.String(), version: Type.String() }), Type.Null()]),
  questionCount: Type.Integer(),
});
export type QuestionnaireSummary = Static<typeof QuestionnaireSummary>;

export const QuestionnaireDetail = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  json: Type.Record(Type.String(), Type.Unknown()),
});
export type QuestionnaireDetail = Static<typeof QuestionnaireDetail>;

export const QuestionnaireParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const QuestionnaireQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
});

export const UploadQuestionnaireBody = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), json: Type.Record(Type.String(), Type.Unknown()) },
  { additionalProperties: false },
);
export type UploadQuestionnaireBody = Static<typeof UploadQuestionnaireBody>;

export const QuestionnaireRef = Type.Object({ id: Type.String(), version: Type.Integer() });
export type QuestionnaireParams = Static<typeof QuestionnaireParams>;
export type QuestionnaireQuery = Static<typeof QuestionnaireQuery>;
