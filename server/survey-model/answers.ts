import { Type, type Static } from "typebox";

// The one definition of an answer set: the HTTP contract validates request bodies with the schema, and the pure
// survey-model code (which must not import the modules) takes the type from here as well.

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
export type Answers = Static<typeof Answers>;
