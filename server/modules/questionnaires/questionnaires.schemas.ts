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

export const XlsformImportQuery = Type.Object(
  { id: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
export type XlsformImportQuery = Static<typeof XlsformImportQuery>;

export const XlsformImported = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  /** What was left out or approximated (device metadata, appearances SurveyJS has no equivalent for). */
  warnings: Type.Array(Type.String()),
});
export type XlsformImported = Static<typeof XlsformImported>;

const EvaluationUse = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  invitations: Type.Integer(),
  responses: Type.Integer(),
});

export const QuestionnaireVersions = Type.Object({
  id: Type.String(),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      title: Type.String(),
      source: Type.Union([Type.Literal("file"), Type.Literal("upload")]),
      createdAt: Type.String(),
      questionCount: Type.Integer(),
      scoring: Type.Union([Type.Object({ id: Type.String(), version: Type.String() }), Type.Null()]),
      /** Invitations and responses pinned to this version, over all evaluations. */
      invitations: Type.Integer(),
      responses: Type.Integer(),
      /** The evaluations that use this version. */
      evaluations: Type.Array(EvaluationUse),
    }),
  ),
});
export type QuestionnaireVersions = Static<typeof QuestionnaireVersions>;

const versionNumber = Type.Integer({ minimum: 1, maximum: 999_999_999 });
export const DiffQuery = Type.Object({ from: versionNumber, to: versionNumber }, { additionalProperties: false });
export type DiffQuery = Static<typeof DiffQuery>;

const names = Type.Array(Type.String());
export const QuestionnaireDiffView = Type.Object({
  id: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  added: names,
  removed: names,
  changed: Type.Array(Type.Object({ name: Type.String(), properties: names })),
  choices: Type.Array(Type.Object({ question: Type.String(), added: names, removed: names, changed: names })),
  survey: names,
});
export type QuestionnaireDiffView = Static<typeof QuestionnaireDiffView>;
