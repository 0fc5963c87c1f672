// WCAG 2 contrast: the text colour (near-black or white) that reads best on a coloured cell, so that every band
// colour meets 4.5:1 without changing the colours themselves.

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** #111111 or #ffffff, whichever contrasts more with the background (#rrggbb). */
export function textColourOn(background: string): string {
  return contrastRatio(background, "#111111") >= contrastRatio(background, "#ffffff") ? "#111111" : "#ffffff";
}

/** `colour` (#rrggbb) blended with white: share 1 is the colour, 0 is white. */
export function blendWithWhite(colour: string, share: number): string {
  const channel = (i: number) => {
    const c = parseInt(colour.slice(i, i + 2), 16);
    return Math.round(255 - (255 - c) * Math.max(0, Math.min(1, share)))
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}
