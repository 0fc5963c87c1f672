import { Type, type Static } from "typebox";
import { Locale } from "../common.schemas.ts";

export const TokenParams = Type.Object({ token: Type.String() });
export type TokenParams = Static<typeof TokenParams>;

/**
 * `have=<questionnaireId>@<version>`: the questionnaire the client already holds (the respondent page keeps the last
 * view). When it is the invitation's version, the view leaves `questionnaire.json` out (null, with `cached: true`).
 */
export const OpenQuery = Type.Object({ have: Type.Optional(Type.String({ maxLength: 200 })) });
export type OpenQuery = Static<typeof OpenQuery>;

/** At most this many answers (top-level keys), each key (a question's name) at most `maxAnswerKeyLength` long. */
export const maxAnswerKeys = 5000;
export const maxAnswerKeyLength = 200;

/**
 * Answers as SurveyJS produces them: a JSON object keyed by question name. The key limit is `propertyNames`: a
 * record's key schema alone compiles to `patternProperties` and checks nothing.
 */
export const Answers = Type.Record(Type.String({ maxLength: maxAnswerKeyLength }), Type.Unknown(), {
  maxProperties: maxAnswerKeys,
  propertyNames: { maxLength: maxAnswerKeyLength },
});

export const DraftBody = Type.Object(
  {
    data: Answers,
    currentPage: Type.Integer({ minimum: 0, maximum: 10000 }),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const SubmitBody = Type.Object(
  { data: Answers, locale: Type.Optional(Locale) },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

export const RespondentView = Type.Object({
  questionnaire: Type.Object({
    id: Type.String(),
    version: Type.Integer(),
    title: Type.String(),
    /** Null only when the request said (`have`) that the client holds this very version. */
    json: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    /** True when `json` was left out because the client holds it. */
    cached: Type.Optional(Type.Boolean()),
  }),
  organization: Type.Object({ name: Type.String() }),
  evaluation: Type.Object({ name: Type.String(), closesAt: Type.Union([Type.String(), Type.Null()]) }),
  response: Type.Union([
    Type.Object({
      status: Type.String(),
      data: Type.Record(Type.String(), Type.Unknown()),
      currentPage: Type.Integer(),
      updatedAt: Type.String(),
      revision: Type.Integer(),
      submittedAt: Type.Union([Type.String(), Type.Null()]),
      locale: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  locale: Type.String(),
});
export type RespondentView = Static<typeof RespondentView>;

export const DraftSaved = Type.Object({ savedAt: Type.String(), revision: Type.Integer() });
export const Submitted = Type.Object({
  status: Type.Literal("submitted"),
  submittedAt: Type.String(),
  responseId: Type.Integer(),
});
