import { Type, type Static } from "typebox";
import { Answers } from "../../survey-model/answers.ts";
import { Locale } from "../common.schemas.ts";

/**
 * `have=<questionnaireId>@<version>`: the questionnaire the client already holds (the respondent page keeps the last
 * view). When it is the invitation's version, the view leaves `questionnaire.json` out (null, with `cached: true`).
 */
export const OpenQuery = Type.Object({ have: Type.Optional(Type.String({ maxLength: 200 })) });
export type OpenQuery = Static<typeof OpenQuery>;

export const DraftBody = Type.Object(
  {
    data: Answers,
    currentPage: Type.Integer({ minimum: 0, maximum: 10000 }),
    locale: Type.Optional(Locale),
    /**
     * The save's place in its page's order: `session` is random per page load, `seq` grows with every change.
     * A save of the same session older than (or the same as) the one stored arrived late: it is not written.
     */
    order: Type.Optional(
      Type.Object(
        {
          session: Type.String({ minLength: 8, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" }),
          seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
        },
        { additionalProperties: false },
      ),
    ),
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

/** When the link was first opened: the page says so once it has the questionnaire (GET itself writes nothing). */
export const Opened = Type.Object({ openedAt: Type.Union([Type.String(), Type.Null()]) });
export type Opened = Static<typeof Opened>;

export const DraftSaved = Type.Object({ savedAt: Type.String(), revision: Type.Integer() });
export const Submitted = Type.Object({
  status: Type.Literal("submitted"),
  submittedAt: Type.String(),
  responseId: Type.Integer(),
});
export type Submitted = Static<typeof Submitted>;
