import "survey-core/survey-core.fontless.css";
import "./questionnaire-page.css";
import { memo, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { describeError, formatDateTime } from "../../lib/format.ts";
import { currentUiLanguage, usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import {
  getQuestionnaire,
  getQuestionnaireDiff,
  getQuestionnaireVersions,
  xlsformUrl,
  type QuestionnaireDetail,
  type QuestionnaireDiffView,
  type QuestionnaireVersions,
} from "./api.ts";
import { DiffInWords } from "./diff-in-words.tsx";
import { languageName, textIn, type LocalizedText } from "./localized-text.ts";
import { PublisherName } from "./publisher-name.tsx";

setupSurveyCore();

const Preview = memo(function Preview({ model }: { model: Model }) {
  return <Survey model={model} />;
});

interface ScoredQuestion {
  name: string;
  title: string;
  dimension: string;
  dimensionTitle: string;
  rule: string;
  weight: number;
}

interface Scoring {
  dimensions?: Array<{ id: string; title?: LocalizedText }>;
}

/** One questionnaire: its versions and what uses them, a preview of any version in each language, a diff. */
export default function QuestionnairePage() {
  const { id = "" } = useParams();
  const { api } = useSession();
  const { t } = useTranslation("questionnaires");
  usePageTitle(id);
  const uiLang = currentUiLanguage();
  const [versions, setVersions] = useState<QuestionnaireVersions | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const [detail, setDetail] = useState<QuestionnaireDetail | null>(null);
  const [locale, setLocale] = useState<string | null>(null);
  const [allPages, setAllPages] = useState(false);
  const [diffFrom, setDiffFrom] = useState<number | null>(null);
  const [diff, setDiff] = useState<QuestionnaireDiffView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getQuestionnaireVersions(api, id).then(
      (v) => {
        setVersions(v);
        setShown(v.versions[0]?.version ?? null);
        setDiffFrom(v.versions[1]?.version ?? null);
      },
      (e) => setError(describeError(e)),
    );
  }, [api, id]);

  useEffect(() => {
    if (shown === null) return;
    getQuestionnaire(api, id, shown).then(setDetail, (e) => setError(describeError(e)));
  }, [api, id, shown]);

  // The languages the version is written in; its default first (SurveyJS's own default is English).
  const languages = useMemo(() => {
    if (!detail) return [];
    const probe = new Model(detail.json);
    const own = typeof detail.json.locale === "string" && detail.json.locale ? detail.json.locale : "en";
    return [own, ...probe.getUsedLocales().filter((l) => l !== own)];
  }, [detail]);
  // Until the reader picks one: the workspace's language when the version has it, else the version's default.
  const language = locale ?? (languages.includes(uiLang) ? uiLang : (languages[0] ?? ""));

  const scoring = detail?.json.scoring as Scoring | undefined;
  const scored = useMemo<ScoredQuestion[]>(() => {
    if (!detail) return [];
    const model = new Model(detail.json);
    model.locale = language;
    const titles = new Map((scoring?.dimensions ?? []).map((d) => [d.id, d.title]));
    return model.getAllQuestions(false, false, true).flatMap((q) => {
      const score = (q as unknown as { score?: { dimension: string; rule: string; weight?: number } }).score;
      if (!score) return [];
      const dimensionTitle = textIn(titles.get(score.dimension), language);
      return [{ name: q.name, title: q.title, ...score, dimensionTitle, weight: score.weight ?? 1 }];
    });
  }, [detail, scoring, language]);

  const model = useMemo(() => {
    if (!detail) return null;
    const model = new Model(detail.json);
    // As on the respondent's page (respondent-page.tsx, whose header carries the progress), minus the button that
    // would submit.
    model.showProgressBar = false;
    model.showCompleteButton = false;
    // The reader pages through without answering: required questions are marked, not enforced.
    model.validationAllowSwitchPages = true;
    if (allPages) model.questionsOnPageMode = "singlePage";
    // A new model per language: the preview holds no answers worth keeping.
    model.locale = language;
    const byName = new Map(scored.map((s) => [s.name, s]));
    // The dimension beside each question that feeds it, in the question's header (SurveyJS's own title actions).
    model.onGetQuestionTitleActions.add((_, options) => {
      const feeds = byName.get(options.question.name);
      if (!feeds) return;
      options.actions.push({
        id: "sapat-dimension",
        title: `${feeds.dimension} · ${feeds.dimensionTitle || feeds.dimension}`,
        tooltip: `${t("dimension")}: ${feeds.dimensionTitle || feeds.dimension} · ${t("rule")}: ${feeds.rule}`,
        showTitle: true,
        // Kept in the header, not folded into survey-core's "..." menu when the header is narrow.
        disableHide: true,
        disableShrink: true,
        disableTabStop: true,
        innerCss: "scoring-chip",
        action: () => undefined,
      });
    });
    return model;
  }, [detail, language, scored, allPages, t]);

  async function compare() {
    if (diffFrom === null || shown === null) return;
    try {
      setDiff(await getQuestionnaireDiff(api, id, diffFrom, shown));
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <p>
        <Link to="/questionnaires">{t("title")}</Link>
      </p>
      <h1>
        {versions?.versions[0]?.title ?? id} <span className="muted">({id})</span>
      </h1>
      {error && <p className="error">{error}</p>}
      {versions && (
        <table aria-label={t("versionsTable", { id })}>
          <thead>
            <tr>
              <th>{t("version")}</th>
              <th>{t("name")}</th>
              <th>{t("published")}</th>
              <th>{t("publishedBy")}</th>
              <th>{t("source")}</th>
              <th>{t("invitations")}</th>
              <th>{t("responses")}</th>
              <th>{t("evaluations")}</th>
              <th>XLSForm</th>
            </tr>
          </thead>
          <tbody>
            {versions.versions.map((v) => (
              <tr key={v.version} className={v.version === shown ? "selected" : undefined}>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={t("show", { version: v.version })}
                    aria-pressed={v.version === shown}
                    onClick={() => {
                      setShown(v.version);
                      setDiff(null);
                    }}
                  >
                    {v.version}
                  </button>
                </td>
                <td>{v.title}</td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>
                  <PublisherName publisher={v.publishedBy} />
                </td>
                <td>{t(`sourceValue.${v.source}`)}</td>
                <td>{v.invitations}</td>
                <td>{v.responses}</td>
                <td>
                  {v.evaluations.length === 0
                    ? "—"
                    : v.evaluations.map((e, i) => (
                        <span key={e.id}>
                          {i > 0 && ", "}
                          <Link to={`/evaluations/${e.id}`}>{e.name}</Link>
                        </span>
                      ))}
                </td>
                <td>
                  <a
                    href={xlsformUrl(id, v.version)}
                    download
                    aria-label={`${t("download")} · ${t("downloadLabel", { version: v.version })}`}
                  >
                    {t("download")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions && versions.versions.length > 1 && (
        <div className="actions">
          <label>
            {t("compare")}
            <select value={diffFrom ?? ""} onChange={(e) => setDiffFrom(Number(e.target.value))}>
              {versions.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={compare}>
            {t("compareWith", { version: shown })}
          </button>
        </div>
      )}
      {diff && <DiffInWords diff={diff} />}
      {model && (
        <>
          <h2>{t("previewTitle", { version: shown })}</h2>
          <div className="actions">
            {languages.length > 1 && (
              <label>
                {t("previewLanguage")}
                <select value={language} onChange={(e) => setLocale(e.target.value)}>
                  {languages.map((l, i) => (
                    <option key={l} value={l}>
                      {i === 0 ? t("defaultLanguage", { name: languageName(l, uiLang) }) : languageName(l, uiLang)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <input type="checkbox" checked={allPages} onChange={(e) => setAllPages(e.target.checked)} />
              {t("allPages")}
            </label>
          </div>
          <div className="preview-with-scoring">
            <Preview model={model} />
            {scored.length > 0 && (
              <table aria-label={t("scoringTable")}>
                <caption>{t("scoringTable")}</caption>
                <thead>
                  <tr>
                    <th>{t("question")}</th>
                    <th>{t("dimension")}</th>
                    <th>{t("rule")}</th>
                  </tr>
                </thead>
                <tbody>
                  {scored.map((s) => (
                    <tr key={s.name}>
                      <td title={s.title}>{s.name}</td>
                      <td>
                        {s.dimension} · {s.dimensionTitle}
                      </td>
                      <td>
                        <code>{s.rule}</code>
                        {s.weight !== 1 && ` × ${s.weight}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}
