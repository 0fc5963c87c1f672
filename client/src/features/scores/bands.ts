import { score100Of } from "../../../../server/scoring/bands.ts";
import type { LocalizedText } from "../../../../server/scoring/scoring-model.ts";

// Bands (names, order, colours, the 0-100 formula) come from server/scoring/bands.ts, shared with the server's
// scoring and reports. They are what the scores page shows: a capacity profile, not a ranking.

export function textOf(text: LocalizedText | undefined | null, locale = "en"): string {
  if (!text) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text.default ?? text.en ?? Object.values(text)[0] ?? "";
}

/** A dimension as people read it: its name, the code as a small prefix; the code alone when it is not listed. */
export function dimensionLabel(
  dimensions: readonly { id: string; title?: LocalizedText | null }[],
  id: string,
  locale: string,
): string {
  const found = dimensions.find((d) => d.id === id);
  return found ? `${id} ${textOf(found.title, locale)}`.trim() : id;
}

export const level2 = (level: number | null | undefined) =>
  level === null || level === undefined ? "—" : level.toFixed(2);
export const score1 = (level: number | null | undefined) =>
  level === null || level === undefined ? "—" : score100Of(level).toFixed(1);

export const statusLabel: Record<string, string> = {
  insufficient_data: "insufficient data",
  not_applicable: "not applicable",
  incomplete: "incomplete",
};
