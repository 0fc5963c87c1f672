import { beforeAll, describe, expect, it } from "vitest";
import {
  buildAggregateReport,
  type AggregateReportInput,
  type ReportResponse,
} from "../../../server/reports/aggregate-report.ts";
import { escapeHtml } from "../../../server/escape-html.ts";
import { renderAggregateHtml } from "../../../server/reports/html/aggregate-html.ts";
import { formatDelta, formatLevel, formatNumber, reportWords, tint } from "../../../server/reports/report-labels.ts";
import { traceSummary } from "../../../server/reports/response-report.ts";
import { scoreResponse } from "../../../server/scoring/score-response.ts";
import type { ScoringModel } from "../../../server/scoring/scoring-model.ts";
import { lintQuestionnaire } from "../../../server/survey-model/lint-questionnaire.ts";
import { generateAnswers } from "../../helpers/generate-answers.ts";
import { readSurvey } from "../../helpers/questionnaires.ts";

// The report models are pure: plain data in, the content of the PDF and HTML reports out.

const json = readSurvey("ngo-capacity");
let model: ScoringModel;

beforeAll(() => {
  const linted = lintQuestionnaire(json);
  if (!linted.ok) throw new Error("ngo-capacity does not lint");
  model = linted.questionnaire.scoring!;
});

function response(i: number, region: string, overrides: Partial<ReportResponse> = {}): ReportResponse {
  const answers = { ...generateAnswers(json, { seed: 200 + i }), OUT1: 1000 + i };
  return {
    organizationId: i,
    responseId: 100 + i,
    name: `Org ${i}`,
    region,
    kind: "ngo",
    orgType: null,
    mode: i === 1 ? "interview" : "link",
    status: "submitted",
    submittedAt: `2026-03-0${i}T10:00:00.000Z`,
    answers,
    self: scoreResponse(model, answers, { basis: "self" }),
    verified: scoreResponse(model, answers, { basis: "verified" }),
    ...overrides,
  };
}

function input(responses: ReportResponse[]): AggregateReportInput {
  return {
    lang: "en",
    generatedAt: "2026-04-01T00:00:00.000Z",
    basis: "verified",
    minGroupSize: 3,
    evaluation: {
      id: 1,
      name: "Endline <2026>",
      round: "endline",
      createdAt: "2026-02-01T00:00:00.000Z",
      closesAt: "2026-03-31T23:59:59.000Z",
      conclusions: null,
      recommendations: "Keep the hotline open.",
      baselineName: null,
    },
    questionnaire: { id: "ngo-capacity", title: "NGO capacity" },
    scoring: model,
    invitations: [1, 2, 3, 4, 5, 6].map((organizationId) => ({
      organizationId,
      status: organizationId === 6 ? "revoked" : "sent",
    })),
    responses,
    itemTitles: new Map(model.items.map((i) => [i.question, `Title of ${i.question}`])),
    change: { result: null, reason: "This evaluation has no baseline evaluation." },
  };
}

describe("buildAggregateReport", () => {
  it("counts the method: invited (not revoked), responded, by mode, rate and dates", () => {
    const report = buildAggregateReport(
      input([
        response(1, "Osh"),
        response(2, "Osh"),
        response(3, "Osh"),
        response(4, "Naryn"),
        response(5, "Naryn", { status: "draft", submittedAt: null }),
      ]),
    );
    expect(Object.fromEntries(report.method)).toMatchObject({
      "Organisations invited": "5",
      "Organisations that responded": "4",
      "Responses by mode": "Link: 3, Interview: 1",
      "Response rate": "80% (4 / 5)",
      "First submission": "2026-03-01",
      "Last submission": "2026-03-04",
      Closes: "2026-03-31",
    });
    expect(report.organisations.map((o) => o.name)).toEqual(["Org 1", "Org 2", "Org 3", "Org 4"]);
  });

  it("suppresses regional statistics below the minimum group size, as the API does", () => {
    const report = buildAggregateReport(
      input([response(1, "Osh"), response(2, "Osh"), response(3, "Osh"), response(4, "Naryn")]),
    );
    const byRegion = Object.fromEntries(report.regional!.rows.map((r) => [r.label, r]));
    expect(byRegion.Osh!.suppressed).toBe(false);
    expect(byRegion.Osh!.cells[1]).toMatch(/^\d\.\d\d$/);
    expect(byRegion.Naryn!.suppressed).toBe(true);
    expect(byRegion.Naryn!.cells.slice(1).every((c) => c === "suppressed" || c === "–")).toBe(true);
    // The whole cohort (4 organisations) is shown.
    expect(report.cohort!.rows.find((r) => r.label === "Overall")!.suppressed).toBe(false);
  });

  it("takes the thresholds items as the key figures of each organisation", () => {
    const report = buildAggregateReport(input([response(1, "Osh")]));
    const figures = Object.fromEntries(report.organisations[0]!.keyFigures);
    const thresholds = model.items.filter((i) => i.rule === "thresholds").map((i) => `Title of ${i.question}`);
    expect(Object.keys(figures)).toEqual(thresholds);
    expect(figures["Title of OUT1"]).toBe("1 001");
    // One organisation: the cohort statistics are suppressed.
    expect(report.cohort!.rows.every((r) => r.suppressed)).toBe(true);
  });

  it("says why there is no change section, and keeps the evaluator's text", () => {
    const report = buildAggregateReport(input([response(1, "Osh")]));
    expect(report.change).toBeNull();
    expect(report.changeNote).toBe("This evaluation has no baseline evaluation.");
    expect(report.recommendations).toBe("Keep the hotline open.");
    expect(report.conclusions).toBeNull();
  });

  it("renders as HTML with every text escaped and no script", () => {
    const html = renderAggregateHtml(
      buildAggregateReport(input([response(1, "Osh", { name: '<script>alert("x")</script>' })])),
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Endline &lt;2026&gt;");
    expect(html).toContain("Keep the hotline open.");
    expect(escapeHtml(`a&b'c`)).toBe("a&amp;b&#39;c");
  });
});

describe("traceSummary", () => {
  it("lists each dimension and every item without a level, with its reason", () => {
    const trace = scoreResponse(
      model,
      { P7: ["outreach"], months_in_period: 12, OUT1: 9, OUT2: "dk" },
      { basis: "self" },
    );
    const words = reportWords("en");
    const { rows, excluded } = traceSummary(
      trace,
      { dimensions: new Map([["OUT", "Outreach"]]), items: new Map([["OUT2", "People reached"]]) },
      words,
    );
    expect(rows[0]).toMatchObject({ dimension: "Outreach", status: "insufficient data", level: "–" });
    expect(rows[0]!.answered).toMatch(/^1 \/ \d+$/);
    expect(excluded.find((i) => i.question === "OUT2")).toMatchObject({
      title: "People reached",
      reason: "don't know",
    });
    const vas = excluded.find((i) => i.question === "VAS1")!;
    expect(vas.reason).toBe("not applicable: dimension applicableIf false");
    expect(reportWords("ru").reason(vas.reason)).toBe("не применимо: направление не относится к организации");
  });
});

describe("formats", () => {
  it.each([
    [formatLevel(2.5714285), "2.57"],
    [formatLevel(null), "–"],
    [formatDelta(0.25), "+0.25"],
    [formatDelta(-0.3), "−0.30"],
    [formatNumber(18000), "18 000"],
    [formatNumber(2.5), "2.5"],
    [formatNumber(undefined), "–"],
    [tint("#1a9850", 1), "#1a9850"],
    [tint("#000000", 0), "#bfbfbf"],
  ])("%s = %s", (actual, expected) => expect(actual).toBe(expected));
});
