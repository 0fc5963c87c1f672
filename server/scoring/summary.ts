import { choiceTypes } from "../survey-model/question-types.ts";
import type { Question, SurveyModel } from "survey-core";
import { groupOrganizations, median, type GroupBy, type GroupKey } from "./cohort.ts";

// The answer summary of GET /api/evaluations/:id/summary (docs/api.md): per question, over submitted responses,
// numbers described by n/sum/mean/median/min/max and choices by counts, in the groups the scores use.

export interface SummaryQuestion {
  name: string;
  type: "number" | "choice";
  /** Choice values in questionnaire order: their counts start at 0, so that every choice shows up. */
  choices?: readonly unknown[];
}

export interface NumberSummary {
  name: string;
  type: "number";
  n: number;
  sum: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface ChoiceSummary {
  name: string;
  type: "choice";
  /** Responses that chose something (a checkbox counts once however many values it ticked). */
  n: number;
  /** Responses per choice value; a checkbox counts each ticked value. */
  counts: Record<string, number>;
}

export type QuestionSummary = NumberSummary | ChoiceSummary;

export interface SummaryResponse {
  region?: string | null;
  orgType?: string | null;
  answers: Record<string, unknown>;
  /** Drafts (null) are left out. */
  submittedAt: string | null;
}

export interface SummaryGroup {
  key: GroupKey;
  responses: number;
  questions: QuestionSummary[];
}

const numberInputTypes = new Set(["number", "range"]);

type AnyQuestion = Question & Record<string, any>;

/**
 * Which top-level questions the summary describes, and how: number inputs, sliders and numeric ratings as
 * numbers; choice questions and booleans as counts. Text, comments, matrices, dynamic panels and files are left out.
 */
export function describeSummaryQuestions(survey: SurveyModel): SummaryQuestion[] {
  const described: SummaryQuestion[] = [];
  const seen = new Set<string>();
  for (const q of survey.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const name = q.getValueName();
    if (seen.has(name)) continue;
    const type = q.getType();
    let summary: SummaryQuestion | null = null;
    if ((type === "text" && numberInputTypes.has(q.inputType)) || type === "slider") summary = { name, type: "number" };
    else if (type === "rating") {
      const values = ((q.visibleRateValues ?? []) as Array<{ value: unknown }>).map((v) => v.value);
      summary = values.every((v) => typeof v === "number")
        ? { name, type: "number" }
        : { name, type: "choice", choices: values };
    } else if (type === "boolean") {
      summary = { name, type: "choice", choices: [q.valueTrue ?? true, q.valueFalse ?? false] };
    } else if (choiceTypes.has(type)) {
      const values = ((q.choices ?? []) as Array<{ value: unknown }>).map((c) => c.value);
      if (q.showOtherItem && q.otherItem) values.push(q.otherItem.value);
      if (q.showNoneItem && q.noneItem) values.push(q.noneItem.value);
      summary = { name, type: "choice", choices: values };
    }
    if (summary) {
      seen.add(name);
      described.push(summary);
    }
  }
  return described;
}

function summarizeNumbers(name: string, answers: readonly unknown[]): NumberSummary {
  const values = answers.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const n = values.length;
  const sum = values.reduce((total, x) => total + x, 0);
  return {
    name,
    type: "number",
    n,
    sum,
    mean: n === 0 ? null : sum / n,
    median: median(values),
    // reduce, not Math.min(...values): spreading a large cohort's values overflows the call stack.
    min: n === 0 ? null : values.reduce((a, b) => Math.min(a, b)),
    max: n === 0 ? null : values.reduce((a, b) => Math.max(a, b)),
  };
}

function summarizeChoices(question: SummaryQuestion, answers: readonly unknown[]): ChoiceSummary {
  const counts: Record<string, number> = {};
  for (const value of question.choices ?? []) counts[String(value)] = 0;
  let n = 0;
  for (const answer of answers) {
    if (answer === undefined || answer === null || answer === "") continue;
    const values = Array.isArray(answer) ? [...new Set(answer)] : [answer];
    if (values.length === 0) continue;
    n += 1;
    for (const value of values) {
      const key = typeof value === "object" ? JSON.stringify(value) : String(value);
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return { name: question.name, type: "choice", n, counts };
}

/** The statistics of each question over these responses (all of them: filter before calling). */
export function summarizeQuestions(
  questions: readonly SummaryQuestion[],
  answerSets: ReadonlyArray<Record<string, unknown>>,
): QuestionSummary[] {
  return questions.map((question) => {
    const answers = answerSets.map((a) => a[question.name]);
    return question.type === "number" ? summarizeNumbers(question.name, answers) : summarizeChoices(question, answers);
  });
}

/**
 * The body of GET /api/evaluations/:id/summary. Every submitted response counts (interviews may bring several
 * per organisation); drafts are left out.
 */
export function buildEvaluationSummary(input: {
  questions: readonly SummaryQuestion[];
  responses: readonly SummaryResponse[];
  groupBy?: GroupBy;
  keyOrder?: readonly unknown[];
}): { groups: SummaryGroup[] } {
  const submitted = input.responses.filter((r) => Boolean(r.submittedAt));
  const groups = groupOrganizations(submitted, input.groupBy ?? "all", { keyOrder: input.keyOrder ?? [] });
  return {
    groups: groups.map((group) => ({
      key: group.key,
      responses: group.members.length,
      questions: summarizeQuestions(
        input.questions,
        group.members.map((m) => m.answers),
      ),
    })),
  };
}
