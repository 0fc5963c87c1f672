import { Type, type Static } from "typebox";

/** Who published a version; null for the versions loaded from surveys/ (they ship with Sapat). */
export const Publisher = Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]);
export type Publisher = Static<typeof Publisher>;

export const QuestionnaireSummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  audience: Type.Union([Type.String(), Type.Null()]),
  scoring: Type.Union([Type.Object({ id: Type.String(), version: Type.String() }), Type.Null()]),
  questionCount: Type.Integer(),
  /** When and by whom the newest version was published. */
  publishedAt: Type.String(),
  publishedBy: Publisher,
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
      publishedBy: Publisher,
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
/** A questionnaire's own text: one string, or one per language (`default` and language codes). */
const LocalizedText = Type.Union([Type.String(), Type.Record(Type.String(), Type.String())]);
const Element = Type.Object({ name: Type.String(), title: LocalizedText });
const Choice = Type.Object({ value: Type.String(), text: LocalizedText });
export const QuestionnaireDiffView = Type.Object({
  id: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  /** Questions and panels, with their text in the version that has them (the newer one when both do). */
  added: Type.Array(Element),
  removed: Type.Array(Element),
  changed: Type.Array(Type.Object({ name: Type.String(), title: LocalizedText, properties: names })),
  choices: Type.Array(
    Type.Object({
      question: Type.String(),
      title: LocalizedText,
      added: Type.Array(Choice),
      removed: Type.Array(Choice),
      changed: Type.Array(Choice),
    }),
  ),
  survey: names,
});
export type QuestionnaireDiffView = Static<typeof QuestionnaireDiffView>;
