import enReports from "../i18n/locales/en/reports.json" with { type: "json" };
import { resourceBundle } from "../i18n/translator.ts";

// The fixed words of the PDF and HTML reports: the catalogue's "reports" namespace
// (server/i18n/locales/*/reports.json). The questionnaire's own texts (titles, choices, dimensions) come from the
// questionnaire in the report's language; these are the headings around them. The Kyrgyz words follow the
// questionnaires' own (баалоочу, маек, отчет, бейөкмөт уюм).

export type LabelKey = Exclude<
  keyof typeof enReports,
  "bands" | "statuses" | "reasons" | "rounds" | "kinds" | "orgTypes" | "export"
>;
export type Labels = Record<LabelKey, string>;

export interface ReportWords {
  lang: string;
  t: Labels;
  band(band: string | null): string;
  status(status: string): string;
  reason(reason: string): string;
  /** A stored value (an evaluation's round, an organisation's kind or type) in words; unknown values as typed. */
  stored(field: "rounds" | "kinds" | "orgTypes", value: string | null): string;
}

/** The report's fixed words in a language (en, ru, ky; any other is English). */
export function reportWords(lang: string): ReportWords {
  const bundle = resourceBundle(lang, "reports") as typeof enReports;
  // Labels stay templates ("{{n}}") where they have placeholders: the report fills them.
  const labels = Object.fromEntries(
    Object.keys(enReports)
      .filter((key) => typeof enReports[key as keyof typeof enReports] === "string")
      .map((key) => [key, bundle[key as LabelKey] ?? enReports[key as LabelKey]]),
  ) as Labels;
  const pick = (map: Record<string, string>, key: string, fallback: string) => map[key] ?? fallback;
  return {
    lang,
    t: labels,
    band: (band) => (band === null ? "" : pick(bundle.bands, band, band)),
    status: (status) => pick(bundle.statuses, status, status.replaceAll("_", " ")),
    reason: (reason) => pick(bundle.reasons, reason, reason),
    stored: (field, value) => (value === null ? "–" : pick(bundle[field] as Record<string, string>, value, value)),
  };
}

// ---- numbers and dates as reports show them ----

/** Levels to 2 decimals (docs/scoring.md: only reports round); "–" for none. */
export function formatLevel(level: number | null | undefined): string {
  return level === null || level === undefined ? "–" : level.toFixed(2);
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined ? "–" : `${Math.round(share * 100)}%`;
}

export function formatDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return "–";
  return `${delta > 0 ? "+" : delta < 0 ? "−" : ""}${Math.abs(delta).toFixed(2)}`;
}

/** The date part of an ISO instant. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "–";
}

/** A number as written in the answers, with thin grouping of thousands. */
export function formatNumber(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) {
    return Number.isInteger(value) ? value.toLocaleString("en-US").replaceAll(",", " ") : String(value);
  }
  if (value === null || value === undefined || value === "") return "–";
  return String(value);
}

/** `colour` blended with white by a share (0..1) of organisations: the more, the stronger (heat map of items). */
export function tint(colour: string, share: number): string {
  const weight = 0.25 + 0.75 * Math.max(0, Math.min(1, share));
  const channel = (i: number) => {
    const c = parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(255 - (255 - c) * weight)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
