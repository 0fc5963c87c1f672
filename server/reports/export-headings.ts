import { translatorFor } from "../i18n/translator.ts";
import type { ScoringModel } from "../scoring/scoring-model.ts";
import { columnText, fixedColumnKeys, type AnswerColumn } from "./export-columns.ts";
import { textIn } from "./localized-text.ts";

// Column headings in words (exports with `headers=labels`): Sapat's own columns from the catalogue (reports.json,
// `export`), answer columns from the questionnaire's texts, score columns named by their dimension, all in the
// export's language. The default heading row stays the keys, which scripts and the codebook name.

export interface HeadingContext {
  lang: string;
  scoring: ScoringModel | null;
  /** The answer column of each key, from any version of the questionnaire the export holds. */
  answers: ReadonlyMap<string, Pick<AnswerColumn, "texts">>;
}

/** The words each key stands for; answer keys by their question's text, unknown keys as they are. */
export function headingsFor(keys: readonly string[], context: HeadingContext): string[] {
  const t = translatorFor(context.lang, "reports");
  const own = new Map<string, string>();
  for (const key of [
    ...fixedColumnKeys,
    "index",
    "basis",
    "overall_status",
    "overall_level",
    "overall_band",
    "overall_coverage",
    "weakest",
    "critical_gaps",
  ])
    own.set(key, t(`export.columns.${key}`));
  own.set("score_overall", t("export.scoreOverall"));
  own.set("score_self_overall", t("export.scoreSelfOverall"));
  for (const d of context.scoring?.dimensions ?? []) {
    const dimension = textIn(d.title, context.lang) || d.id;
    own.set(`score_${d.id}`, t("export.scoreDimension", { dimension }));
    own.set(`score_self_${d.id}`, t("export.scoreSelfDimension", { dimension }));
    own.set(`${d.id}_status`, t("export.dimensionStatus", { dimension }));
    own.set(`${d.id}_level`, t("export.dimensionLevel", { dimension }));
  }
  return keys.map((key) => {
    // An answer column first: a question may be named like a score column of the scores sheet (OUT_level).
    const answer = context.answers.get(key);
    return answer ? columnText(answer, context.lang) || key : (own.get(key) ?? key);
  });
}
