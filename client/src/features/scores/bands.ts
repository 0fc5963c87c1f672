import type { LocalizedText } from "../../../../server/scoring/scoring-model.ts";

// Bands are what the scores page shows: a capacity profile, not a ranking.
export const bandColors: Record<string, string> = {
  Nascent: "#d7301f",
  Emerging: "#fc8d59",
  Expanding: "#91cf60",
  Mature: "#1a9850",
};

export const bandOrder = ["Nascent", "Emerging", "Expanding", "Mature"] as const;

export function textOf(text: LocalizedText | undefined | null, locale = "en"): string {
  if (!text) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text.default ?? text.en ?? Object.values(text)[0] ?? "";
}

export const level2 = (level: number | null | undefined) =>
  level === null || level === undefined ? "—" : level.toFixed(2);
export const score1 = (level: number | null | undefined) =>
  level === null || level === undefined ? "—" : (((level - 1) / 3) * 100).toFixed(1);

export const statusLabel: Record<string, string> = {
  insufficient_data: "insufficient data",
  not_applicable: "not applicable",
  incomplete: "incomplete",
};
