// The bands of the 1..4 level scale and its 0-100 form, defined once for the server (scoring, PDF and HTML
// reports) and the browser (client/src/features/scores imports this file). Pure: no imports.

export const bandNames = ["Nascent", "Emerging", "Expanding", "Mature"] as const;
export type Band = (typeof bandNames)[number];

/** Mean levels below this are critical gaps (and the Nascent band). */
export const criticalGapLevel = 1.75;

export function bandOf(level: number): Band {
  if (level < criticalGapLevel) return "Nascent";
  if (level < 2.5) return "Emerging";
  if (level < 3.25) return "Expanding";
  return "Mature";
}

/** A level 1..4 on the 0-100 scale (docs/scoring.md): 1 -> 0, 4 -> 100. */
export function score100Of(level: number): number {
  return ((level - 1) / 3) * 100;
}

/** Band colours (ColorBrewer RdYlGn), the same on screen, in PDF and in HTML. */
export const bandColours: Record<string, string> = {
  Nascent: "#d7301f",
  Emerging: "#fc8d59",
  Expanding: "#91cf60",
  Mature: "#1a9850",
} satisfies Record<Band, string>;

/** Cells without a score. */
export const notScoredColour = "#d9d9d9";
