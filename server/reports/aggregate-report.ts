import type { RoundsChange } from "../scoring/change.ts";
import { buildEvaluationScores, latestPerOrganization, type CohortStats, type HeatmapRow } from "../scoring/cohort.ts";
import { bandOf, type Band } from "../scoring/bands.ts";
import type { Basis, ScoreTrace } from "../scoring/score-response.ts";
import type { ScoringModel } from "../scoring/scoring-model.ts";
import { textIn } from "./localized-text.ts";
import { profileBars } from "./response-report.ts";
import {
  formatDate,
  formatDelta,
  formatLevel,
  formatNumber,
  formatPercent,
  reportWords,
  type ReportWords,
} from "./report-labels.ts";
import type { Bar } from "./pdf/layout.ts";

// The aggregate report of an evaluation (one questionnaire), computed from plain data; the PDF and the printable
// HTML page render the same model. Sections: cover, method, cohort capacity by dimension, heat maps, regional
// table, one page per organisation (key figures, profile, weakest dimension, critical gaps), change since the
// baseline, and the evaluator's conclusions and recommendations.

export interface ReportResponse {
  organizationId: number;
  responseId: number;
  name: string;
  region: string | null;
  kind: string | null;
  orgType: string | null;
  mode: string;
  status: string;
  submittedAt: string | null;
  answers: Record<string, unknown>;
  self: ScoreTrace | null;
  verified: ScoreTrace | null;
}

export interface AggregateReportInput {
  lang: string;
  generatedAt: string;
  basis: Basis;
  minGroupSize: number;
  evaluation: {
    id: number;
    name: string;
    round: string | null;
    createdAt: string;
    closesAt: string | null;
    conclusions: string | null;
    recommendations: string | null;
    baselineName: string | null;
  };
  questionnaire: { id: string; title: string };
  scoring: ScoringModel | null;
  /** Invitations to this questionnaire, with their effective status. */
  invitations: ReadonlyArray<{ organizationId: number; status: string }>;
  /** Every response to this questionnaire in the evaluation (drafts and superseded submissions are dropped here). */
  responses: readonly ReportResponse[];
  /** Question titles in the report's language. */
  itemTitles: ReadonlyMap<string, string>;
  /** The change since the baseline, or null with the reason. */
  change: { result: RoundsChange; baselineName: string } | { result: null; reason: string };
}

export interface StatsRow {
  label: string;
  cells: string[];
  suppressed: boolean;
}

export interface HeatCell {
  text: string;
  band: Band | null;
}

export interface OrganisationPage {
  name: string;
  facts: Array<[string, string]>;
  keyFigures: Array<[string, string]>;
  bars: Bar[];
  legend: string[];
  summary: Array<[string, string]>;
}

export interface AggregateReport {
  words: ReportWords;
  title: string;
  cover: Array<[string, string]>;
  method: Array<[string, string]>;
  methodNote: string;
  scored: boolean;
  dimensions: Array<{ id: string; title: string }>;
  cohort: { header: string[]; rows: StatsRow[]; bars: Bar[] } | null;
  organisationHeatmap: { header: string[]; rows: Array<{ label: string; cells: HeatCell[] }> } | null;
  itemHeatmap: {
    header: string[];
    rows: Array<{ label: string; dimension: string; answered: number; counts: number[] }>;
  } | null;
  regional: { header: string[]; rows: StatsRow[] } | null;
  organisations: OrganisationPage[];
  change: { header: string[]; summary: StatsRow[]; organisationHeader: string[]; organisations: StatsRow[] } | null;
  changeNote: string | null;
  conclusions: string | null;
  recommendations: string | null;
  footer: string;
}

function statsCells(stats: CohortStats | undefined, words: ReportWords): { cells: string[]; suppressed: boolean } {
  if (!stats) return { cells: ["–", "–", "–", "–", "–", "–"], suppressed: false };
  if (stats.suppressed) return { cells: [String(stats.n), words.t.suppressed, "", "", "", ""], suppressed: true };
  return {
    cells: [
      String(stats.n),
      formatLevel(stats.mean),
      formatLevel(stats.median),
      formatLevel(stats.sd),
      formatLevel(stats.min),
      formatLevel(stats.max),
    ],
    suppressed: false,
  };
}

function keyFigures(input: AggregateReportInput, answers: Record<string, unknown>): Array<[string, string]> {
  // The thresholds items are the counted outputs (seminars, participants, consultations, staff...): whatever the
  // scored questionnaire, they are its key figures.
  const items = input.scoring?.items.filter((i) => i.rule === "thresholds") ?? [];
  return items.map((item) => [
    input.itemTitles.get(item.question) ?? item.question,
    formatNumber(answers[item.question]),
  ]);
}

function traceOf(response: ReportResponse, basis: Basis): ScoreTrace | null {
  return basis === "self" ? response.self : response.verified;
}

export function buildAggregateReport(input: AggregateReportInput): AggregateReport {
  const words = reportWords(input.lang);
  const { t } = words;
  const dimensions = (input.scoring?.dimensions ?? []).map((d) => ({
    id: d.id,
    title: textIn(d.title, input.lang) || d.id,
  }));
  const dimensionTitle = new Map(dimensions.map((d) => [d.id, d.title]));
  const submitted = input.responses.filter((r) => r.status === "submitted" && r.submittedAt);
  const cohort = latestPerOrganization(submitted);

  // ---- method ----
  const invited = new Set(input.invitations.filter((i) => i.status !== "revoked").map((i) => i.organizationId));
  const responded = new Set(cohort.map((r) => r.organizationId));
  const population = new Set([...invited, ...responded]);
  const byMode = {
    link: cohort.filter((r) => r.mode !== "interview").length,
    interview: cohort.filter((r) => r.mode === "interview").length,
  };
  const submissionDates = cohort.map((r) => r.submittedAt as string).sort();
  const method: Array<[string, string]> = [
    [t.invited, String(invited.size)],
    [t.responded, String(responded.size)],
    [t.byMode, `${t.link}: ${byMode.link}, ${t.interview}: ${byMode.interview}`],
    [
      t.responseRate,
      population.size === 0
        ? "–"
        : `${formatPercent(responded.size / population.size)} (${responded.size} / ${population.size})`,
    ],
    [t.created, formatDate(input.evaluation.createdAt)],
    [t.closes, formatDate(input.evaluation.closesAt)],
    [t.firstSubmission, formatDate(submissionDates[0])],
    [t.lastSubmission, formatDate(submissionDates[submissionDates.length - 1])],
    [t.baseline, input.evaluation.baselineName ?? "–"],
    [t.scoringModel, input.scoring ? `${input.scoring.id} v${input.scoring.version}` : "–"],
    [t.basis, input.basis === "self" ? t.self : t.verified],
  ];

  const report: AggregateReport = {
    words,
    title: t.reportTitle,
    cover: [
      [t.evaluation, input.evaluation.name],
      [t.round, words.stored("rounds", input.evaluation.round)],
      [t.questionnaire, input.questionnaire.title],
      [t.generated, formatDate(input.generatedAt)],
    ],
    method,
    methodNote: t.minGroup.replace("{{n}}", String(input.minGroupSize)),
    scored: input.scoring !== null,
    dimensions,
    cohort: null,
    organisationHeatmap: null,
    itemHeatmap: null,
    regional: null,
    organisations: [],
    change: null,
    changeNote: null,
    conclusions: input.evaluation.conclusions,
    recommendations: input.evaluation.recommendations,
    footer: `${input.evaluation.name} · ${t.generated} ${formatDate(input.generatedAt)}`,
  };

  const scoredCohort = cohort.filter((r) => traceOf(r, input.basis) !== null);
  if (input.scoring && scoredCohort.length > 0) {
    const model = input.scoring;
    const members = scoredCohort.map((r) => ({
      organizationId: r.organizationId,
      responseId: r.responseId,
      name: r.name,
      region: r.region,
      orgType: r.orgType,
      answers: r.answers,
      submittedAt: r.submittedAt,
      trace: traceOf(r, input.basis) as ScoreTrace,
    }));
    const options = { model, responses: members, minGroupSize: input.minGroupSize };
    const all = buildEvaluationScores({ ...options, groupBy: "all" });
    const group = all.groups[0];
    const statsHeader = [t.dimension, t.n, t.mean, t.median, t.sd, t.min, t.max];
    const cohortRows = [
      ...dimensions.map((d) => ({ label: d.title, ...statsCells(group?.dimensions[d.id], words) })),
      { label: t.overall, ...statsCells(group?.overall, words) },
    ];
    const barOf = (stats: CohortStats | undefined) =>
      stats && !stats.suppressed && stats.mean !== null
        ? { level: stats.mean, band: bandOf(stats.mean) }
        : { level: null, band: null, note: stats?.suppressed ? t.suppressed : t.notScored };
    report.cohort = {
      header: statsHeader,
      rows: cohortRows,
      bars: [
        ...dimensions.map((d) => ({ label: d.title, values: [barOf(group?.dimensions[d.id])] })),
        { label: t.overall, values: [barOf(group?.overall)] },
      ],
    };

    report.organisationHeatmap = {
      header: [t.organisation, ...dimensions.map((d) => d.id), t.overall],
      rows: all.organizations.map((o) => ({
        label: o.name,
        cells: [
          ...dimensions.map((d) => {
            const entry = o.dimensions[d.id];
            return {
              text: entry?.level === null || !entry ? "–" : formatLevel(entry.level),
              band: entry?.band ?? null,
            };
          }),
          { text: o.overall.level === null ? "–" : formatLevel(o.overall.level), band: o.overall.band },
        ],
      })),
    };

    report.itemHeatmap = {
      header: [t.item, "", t.n, "1", "2", "3", "4"],
      rows: all.heatmap.map((row: HeatmapRow) => ({
        label: `${row.question}: ${input.itemTitles.get(row.question) ?? ""}`,
        dimension: row.dimension,
        answered: row.answered,
        counts: [row.levels["1"], row.levels["2"], row.levels["3"], row.levels["4"]],
      })),
    };

    const regional = buildEvaluationScores({ ...options, groupBy: "region" });
    report.regional = {
      header: [t.region, t.n, t.overall, ...dimensions.map((d) => d.id)],
      rows: regional.groups.map((g) => {
        const suppressed = g.overall.suppressed;
        const mean = (s: CohortStats | undefined) => (!s ? "–" : s.suppressed ? t.suppressed : formatLevel(s.mean));
        return {
          label: g.key === null ? "–" : String(g.key),
          cells: [String(g.overall.n), mean(g.overall), ...dimensions.map((d) => mean(g.dimensions[d.id]))],
          suppressed,
        };
      }),
    };
  }

  // ---- one page per organisation ----
  const showVerified = input.basis === "verified";
  report.organisations = cohort.map((r) => {
    const main = traceOf(r, input.basis);
    const page: OrganisationPage = {
      name: r.name,
      facts: [
        [t.region, r.region ?? "–"],
        [t.kind, words.stored("kinds", r.kind)],
        [t.orgType, words.stored("orgTypes", r.orgType)],
        [t.mode, r.mode === "interview" ? t.interview : t.link],
        [t.submitted, formatDate(r.submittedAt)],
        [t.responseId, String(r.responseId)],
      ],
      keyFigures: keyFigures(input, r.answers),
      bars: [],
      legend: [],
      summary: [],
    };
    if (input.scoring && main) {
      const traces = showVerified ? [r.self, r.verified] : [r.self];
      page.bars = profileBars(dimensions, traces, words);
      page.legend = showVerified ? [t.self, t.verified] : [t.self];
      page.summary = [
        [
          t.overall,
          `${formatLevel(main.overall.level)} ${words.band(main.overall.band)} (${words.status(main.overall.status)})`,
        ],
        [t.weakest, main.overall.weakest ? (dimensionTitle.get(main.overall.weakest) ?? main.overall.weakest) : t.none],
        [
          t.criticalGaps,
          main.overall.criticalGaps.length > 0
            ? main.overall.criticalGaps.map((id) => dimensionTitle.get(id) ?? id).join(", ")
            : t.none,
        ],
      ];
    }
    return page;
  });

  // ---- change since baseline ----
  if (input.change.result) {
    const change = input.change.result;
    const summaryRow = (label: string, s: RoundsChange["summary"]["overall"]) => ({
      label,
      cells: [
        String(s.n),
        formatDelta(s.meanDelta),
        formatDelta(s.medianDelta),
        String(s.improved),
        String(s.stable),
        String(s.declined),
        String(s.notComparable),
      ],
      suppressed: false,
    });
    report.change = {
      header: [t.dimension, t.paired, t.meanChange, t.median, t.improved, t.stable, t.declined, t.notComparable],
      summary: [
        ...dimensions.map((d) => summaryRow(d.title, change.summary.dimensions[d.id] ?? change.summary.overall)),
        summaryRow(t.overall, change.summary.overall),
      ],
      organisationHeader: [t.organisation, t.baseLevel, t.endLevel, t.delta, t.status],
      organisations: change.organizations.map((o) => ({
        label: o.name ?? String(o.organizationId),
        cells: [
          formatLevel(o.overall.base),
          formatLevel(o.overall.end),
          formatDelta(o.overall.delta),
          words.status(o.overall.status),
        ],
        suppressed: false,
      })),
    };
    report.changeNote = `${t.baseline}: ${input.change.baselineName}`;
  } else {
    report.changeNote = input.change.reason;
  }
  return report;
}
