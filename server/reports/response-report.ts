import type { ScoreTrace } from "../scoring/score-response.ts";
import type { LocalizedText } from "../scoring/scoring-model.ts";
import type { AnswerLine } from "./answer-lines.ts";
import { textIn } from "./localized-text.ts";
import { formatDate, formatLevel, formatPercent, reportWords, type ReportWords } from "./report-labels.ts";
import type { Bar } from "./pdf/layout.ts";

// What the PDF of one response shows, computed from plain data: the facts, the answers, the capacity profile
// (self vs verified) and the trace summary (per dimension: level, band, coverage, answered/applicable; the items
// without a level, with the reason).

export interface ResponseReportInput {
  lang: string;
  /** The respondent's own copy (their answers only), or the evaluator's report (answers and scores). */
  audience: "respondent" | "evaluator";
  organization: { name: string; region: string | null };
  evaluationName: string;
  questionnaireTitle: string;
  response: {
    id: number;
    status: string;
    mode: string;
    submittedAt: string | null;
    updatedAt: string;
  };
  answers: AnswerLine[];
  /** The scoring model's dimensions (null: the questionnaire is not scored). */
  dimensions: Array<{ id: string; title: LocalizedText }> | null;
  self: ScoreTrace | null;
  verified: ScoreTrace | null;
  /** Question titles in the report's language, for the items of the trace summary. */
  itemTitles: ReadonlyMap<string, string>;
  generatedAt: string;
}

export interface TraceSummaryRow {
  dimension: string;
  status: string;
  level: string;
  band: string;
  coverage: string;
  answered: string;
}

export interface ExcludedItem {
  dimension: string;
  question: string;
  title: string;
  status: string;
  reason: string;
}

export interface ResponseReport {
  words: ReportWords;
  title: string;
  draft: boolean;
  facts: Array<[string, string]>;
  answers: AnswerLine[];
  profile: { bars: Bar[]; legend: string[] } | null;
  summary: {
    basis: string;
    overall: Array<[string, string]>;
    rows: TraceSummaryRow[];
    excluded: ExcludedItem[];
  } | null;
  footer: string;
}

function dimensionTitles(input: ResponseReportInput): Map<string, string> {
  return new Map((input.dimensions ?? []).map((d) => [d.id, textIn(d.title, input.lang) || d.id]));
}

/** The profile bars: per dimension (and overall), the self level and, for the evaluator, the verified level. */
export function profileBars(
  dimensions: ReadonlyArray<{ id: string; title: string }>,
  traces: ReadonlyArray<ScoreTrace | null>,
  words: ReportWords,
): Bar[] {
  const value = (trace: ScoreTrace | null, id: string | null) => {
    const entry = trace ? (id === null ? trace.overall : trace.dimensions.find((d) => d.id === id)) : undefined;
    if (!entry) return { level: null, band: null, note: words.t.notScored };
    return {
      level: entry.level,
      band: entry.band,
      note: entry.status === "scored" ? undefined : words.status(entry.status),
    };
  };
  return [
    ...dimensions.map((d) => ({ label: d.title, values: traces.map((t) => value(t, d.id)) })),
    { label: words.t.overall, values: traces.map((t) => value(t, null)) },
  ];
}

/** Per dimension of one trace: status, level, band, coverage, answered/applicable; and every item without a level. */
export function traceSummary(
  trace: ScoreTrace,
  titles: { dimensions: ReadonlyMap<string, string>; items: ReadonlyMap<string, string> },
  words: ReportWords,
): { rows: TraceSummaryRow[]; excluded: ExcludedItem[] } {
  const rows = trace.dimensions.map((d) => ({
    dimension: titles.dimensions.get(d.id) ?? d.id,
    status: words.status(d.status),
    level: formatLevel(d.level),
    band: words.band(d.band),
    coverage: formatPercent(d.coverage),
    answered: `${d.answered} / ${d.applicable}`,
  }));
  const excluded = trace.dimensions.flatMap((d) =>
    d.items
      .filter((i) => i.status !== "answered")
      .map((i) => ({
        dimension: d.id,
        question: i.question,
        title: titles.items.get(i.question) ?? i.question,
        status: words.status(i.status),
        reason: words.reason(i.reason ?? ""),
      })),
  );
  return { rows, excluded };
}

export function buildResponseReport(input: ResponseReportInput): ResponseReport {
  const words = reportWords(input.lang);
  const { t } = words;
  const draft = input.response.status !== "submitted";
  const dims = dimensionTitles(input);
  const facts: Array<[string, string]> = [
    [t.organisation, input.organization.name],
    [t.region, input.organization.region ?? "–"],
    [t.evaluation, input.evaluationName],
    [t.questionnaire, input.questionnaireTitle],
    [t.status, draft ? t.draft : t.submitted],
    draft ? [t.lastSaved, formatDate(input.response.updatedAt)] : [t.submitted, formatDate(input.response.submittedAt)],
    [t.mode, input.response.mode === "interview" ? t.interview : t.link],
    [t.responseId, String(input.response.id)],
  ];
  const showVerified = input.audience === "evaluator" && input.verified !== null;
  const traces = showVerified ? [input.self, input.verified] : [input.self];
  let profile: ResponseReport["profile"] = null;
  let summary: ResponseReport["summary"] = null;
  const main = showVerified ? input.verified : input.self;
  // The respondent's own copy is their answers: scores are the evaluator's reading of them, not the respondent's.
  if (input.dimensions && main && input.audience !== "respondent") {
    const dimensions = input.dimensions.map((d) => ({ id: d.id, title: dims.get(d.id) ?? d.id }));
    profile = { bars: profileBars(dimensions, traces, words), legend: showVerified ? [t.self, t.verified] : [t.self] };
    const { rows, excluded } = traceSummary(main, { dimensions: dims, items: input.itemTitles }, words);
    summary = {
      basis: showVerified ? t.verified : t.self,
      overall: [
        [
          t.overall,
          `${formatLevel(main.overall.level)} ${words.band(main.overall.band)} (${words.status(main.overall.status)})`,
        ],
        [t.coverage, formatPercent(main.overall.coverage)],
        [t.weakest, main.overall.weakest ? (dims.get(main.overall.weakest) ?? main.overall.weakest) : t.none],
        [
          t.criticalGaps,
          main.overall.criticalGaps.length > 0
            ? main.overall.criticalGaps.map((id) => dims.get(id) ?? id).join(", ")
            : t.none,
        ],
      ],
      rows,
      excluded,
    };
  }
  return {
    words,
    title: input.audience === "respondent" ? t.respondentCopy : t.responseReport,
    draft,
    facts,
    answers: input.answers,
    profile,
    summary,
    footer: `${input.organization.name} · ${t.generated} ${formatDate(input.generatedAt)}`,
  };
}
