import { Type, type Static, type TSchema } from "typebox";
import { Answers } from "../../survey-model/answers.ts";
import { responseModes, responseStatuses } from "../../value-lists.ts";
import { idPattern } from "../common.schemas.ts";

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ResponseStatusSchema = Type.Enum(responseStatuses);
export const ResponseModeSchema = Type.Enum(responseModes);

/** The longest reason a correction may give. */
export const maxReasonLength = 2000;

/** Who was interviewed; an official may stay anonymous (empty name), but then the position or agency says who. */
export const Interviewee = Type.Object({ name: Type.String(), position: Type.String(), agency: Type.String() });
export type Interviewee = Static<typeof Interviewee>;

export const UserRef = Type.Object({ id: Type.Integer(), name: Type.String() });
export type UserRef = Static<typeof UserRef>;

export const ResponseListQuery = Type.Object(
  {
    status: Type.Optional(ResponseStatusSchema),
    mode: Type.Optional(ResponseModeSchema),
    organizationId: Type.Optional(Type.String({ pattern: idPattern })),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    questionnaireId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Searched in the organisation's name, the interviewee, the place and the text of the answers. */
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ResponseListQuery = Static<typeof ResponseListQuery>;

/** GET /api/responses: the same filters, optionally limited to one evaluation. */
export const AllResponsesQuery = Type.Object(
  { ...ResponseListQuery.properties, evaluationId: Type.Optional(Type.String({ pattern: idPattern })) },
  { additionalProperties: false },
);
export type AllResponsesQuery = Static<typeof AllResponsesQuery>;

export const ResponseListItem = Type.Object({
  id: Type.Integer(),
  evaluationId: Type.Integer(),
  organizationId: Type.Integer(),
  organizationName: Type.String(),
  region: Type.String(),
  questionnaireId: Type.String(),
  questionnaireVersion: Type.Integer(),
  invitationId: nullable(Type.Integer()),
  /** The interview's client-made UUID (null for link responses): where the interview PUTs go. */
  clientId: nullable(Type.String()),
  mode: ResponseModeSchema,
  status: ResponseStatusSchema,
  revision: Type.Integer(),
  interviewee: nullable(Interviewee),
  conductedAt: nullable(Type.String()),
  place: nullable(Type.String()),
  submittedAt: nullable(Type.String()),
  updatedAt: Type.String(),
  createdAt: Type.String(),
  interviewerId: nullable(Type.Integer()),
  interviewerName: nullable(Type.String()),
  /** The evaluator who wrote the current data last; null when it was the respondent. */
  updatedBy: nullable(UserRef),
});
export type ResponseListItem = Static<typeof ResponseListItem>;

export const ResponseDetail = Type.Object({
  ...ResponseListItem.properties,
  data: Type.Record(Type.String(), Type.Unknown()),
  locale: nullable(Type.String()),
  questionnaireTitle: Type.String(),
});
export type ResponseDetail = Static<typeof ResponseDetail>;

export const CorrectionBody = Type.Object(
  {
    data: Answers,
    /** Required, 1..2000 characters once trimmed; checked by the service so that a missing one is a 422. */
    reason: Type.Optional(Type.String()),
    /** The revision the edit started from; when given and no longer current, 409 with the current copy. */
    baseRevision: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type CorrectionBody = Static<typeof CorrectionBody>;

export const CorrectionResult = Type.Object({
  responseId: Type.Integer(),
  revision: Type.Integer(),
  /** false: the answers (after dropping invisible ones) were the stored ones; no revision was written. */
  changed: Type.Boolean(),
});
export type CorrectionResult = Static<typeof CorrectionResult>;

export const AnswerChangeSchema = Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() });

export const RevisionView = Type.Object({
  revision: Type.Integer(),
  createdAt: Type.String(),
  /** null for a respondent's own submission through a link. */
  user: nullable(UserRef),
  /** null for the submission (the first revision). */
  reason: nullable(Type.String()),
  diff: Type.Array(AnswerChangeSchema),
});
export type RevisionView = Static<typeof RevisionView>;

/** The server's copy of a response, sent with a 409 so that the client can merge field by field. */
export const ResponseCopy = Type.Object({
  responseId: Type.Integer(),
  revision: Type.Integer(),
  status: ResponseStatusSchema,
  data: Type.Record(Type.String(), Type.Unknown()),
  organizationId: Type.Integer(),
  interviewee: nullable(Interviewee),
  conductedAt: nullable(Type.String()),
  place: nullable(Type.String()),
  locale: nullable(Type.String()),
  submittedAt: nullable(Type.String()),
  updatedAt: Type.String(),
  updatedBy: nullable(UserRef),
});
export type ResponseCopy = Static<typeof ResponseCopy>;
