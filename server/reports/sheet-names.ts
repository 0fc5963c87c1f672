// Excel's rules for worksheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with
// an apostrophe, unique regardless of case, and not "History" (reserved by Excel).

const maxLength = 31;

function clean(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  return cleaned === "" ? "sheet" : cleaned;
}

/**
 * A sheet name for each wanted name, in order: cleaned, cut to 31 characters, and made unique against the names
 * already `taken` (case-insensitively) by a suffix " (2)", " (3)"...
 */
export function uniqueSheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set([...taken, "history"].map((n) => n.toLowerCase()));
  return wanted.map((raw) => {
    const base = clean(raw).slice(0, maxLength);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, maxLength - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}
