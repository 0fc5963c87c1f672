import { currentUiLanguage, useTranslation } from "../../lib/i18n.ts";
import type { QuestionnaireDiffView } from "./api.ts";
import { textIn } from "./localized-text.ts";

/** What changed between two versions, as sentences in the workspace's language with the questionnaire's own texts. */
export function DiffInWords({ diff }: { diff: QuestionnaireDiffView }) {
  const { t, i18n } = useTranslation("questionnaires");
  const lang = currentUiLanguage();
  const list = (items: string[]) => new Intl.ListFormat(lang, { type: "conjunction" }).format(items);
  // Properties without words of their own (rare SurveyJS options) keep their SurveyJS name.
  const words = (group: string, name: string) =>
    i18n.exists(`${group}.${name}`, { ns: "questionnaires" }) ? t(`${group}.${name}`) : null;
  const property = (name: string) => words("property", name) ?? name;
  const surveyProperty = (name: string) => words("surveyProperty", name) ?? property(name);
  const choices = (items: Array<{ text: string | Record<string, string> }>) =>
    list(items.map((c) => textIn(c.text, lang)));

  const sentences = [
    ...diff.added.map((e) => t("diff.added", { title: textIn(e.title, lang), name: e.name })),
    ...diff.removed.map((e) => t("diff.removed", { title: textIn(e.title, lang), name: e.name })),
    ...diff.changed.map((e) =>
      t("diff.changed", { title: textIn(e.title, lang), name: e.name, list: list(e.properties.map(property)) }),
    ),
    ...diff.choices.map((c) => {
      const parts = [
        c.added.length > 0 ? t("diff.choicesAdded", { list: choices(c.added) }) : null,
        c.removed.length > 0 ? t("diff.choicesRemoved", { list: choices(c.removed) }) : null,
        c.changed.length > 0 ? t("diff.choicesChanged", { list: choices(c.changed) }) : null,
      ].filter((p): p is string => p !== null);
      return t("diff.choices", { title: textIn(c.title, lang), name: c.question, list: parts.join("; ") });
    }),
    ...(diff.survey.length > 0 ? [t("diff.survey", { list: list(diff.survey.map(surveyProperty)) })] : []),
  ];

  return (
    <div className="panel" role="region" aria-label={t("diffTitle", { from: diff.from, to: diff.to })}>
      <h2>{t("diffTitle", { from: diff.from, to: diff.to })}</h2>
      {sentences.length === 0 ? (
        <p>{t("diff.none")}</p>
      ) : (
        <ul>
          {sentences.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
