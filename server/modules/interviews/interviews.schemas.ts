import { Type, type Static } from "typebox";
import { Answers } from "../../survey-model/answers.ts";
import { Locale } from "../common.schemas.ts";
import { ResponseStatusSchema } from "../responses/responses.schemas.ts";

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const InterviewBody = Type.Object(
  {
    evaluationId: Type.Integer({ minimum: 1 }),
    organizationId: Type.Integer({ minimum: 1 }),
    questionnaireId: Type.String({ minLength: 1, maxLength: 64 }),
    questionnaireVersion: Type.Integer({ minimum: 1 }),
    /** A draft is stored as sent; a submission is validated and stored without answers to invisible questions. */
    data: Answers,
    status: ResponseStatusSchema,
    /**
     * Missing keys are empty. The name may stay empty (an official may prefer not to be named), but a submitted
     * interview needs the position or the agency.
     */
    interviewee: Type.Object(
      { name: text(300), position: text(300), agency: text(300) },
      { additionalProperties: false },
    ),
    /** A day (YYYY-MM-DD, kept as is) or an instant (stored as ISO-8601 UTC). */
    conductedAt: Type.Union([Type.String({ format: "date" }), Type.String({ format: "date-time" })]),
    place: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    locale: Type.Optional(Type.Union([Locale, Type.Null()])),
    /** The server revision this copy started from; required to change an interview that exists. */
    baseRevision: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    /** Why a submitted interview changes; required (1..2000 characters) for a change after submission. */
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type InterviewBody = Static<typeof InterviewBody>;

export const InterviewSaved = Type.Object({
  responseId: Type.Integer(),
  revision: Type.Integer(),
  status: ResponseStatusSchema,
  /** false: the server already held exactly this (a replay); nothing was written. */
  changed: Type.Boolean(),
});
export type InterviewSaved = Static<typeof InterviewSaved>;
