import "survey-core/survey-core.fontless.css";
import { memo, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import type {
  QuestionnaireDetail,
  QuestionnaireDiffView,
  QuestionnaireVersions,
} from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { describeError, formatDateTime } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";

setupSurveyCore();

const Preview = memo(function Preview({ model }: { model: Model }) {
  return <Survey model={model} />;
});

type Text = string | Record<string, string>;

function textIn(text: Text | undefined, locale: string): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text.default ?? Object.values(text)[0] ?? "";
}

/** One questionnaire: its versions and what uses them, a preview of any version in each language, a diff. */
export default function QuestionnairePage() {
  const { id = "" } = useParams();
  const { api } = useSession();
  const [versions, setVersions] = useState<QuestionnaireVersions | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const [detail, setDetail] = useState<QuestionnaireDetail | null>(null);
  const [locale, setLocale] = useState("");
  const [diffFrom, setDiffFrom] = useState<number | null>(null);
  const [diff, setDiff] = useState<QuestionnaireDiffView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<QuestionnaireVersions>("GET", `/api/questionnaires/${id}/versions`).then(
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
    api<QuestionnaireDetail>("GET", `/api/questionnaires/${id}?version=${shown}`).then(setDetail, (e) =>
      setError(describeError(e)),
    );
  }, [api, id, shown]);

  const model = useMemo(() => {
    if (!detail) return null;
    const model = new Model(detail.json);
    model.showCompleteButton = false;
    model.questionsOnPageMode = "singlePage";
    // A new model per language: the preview holds no answers worth keeping.
    model.locale = locale;
    return model;
  }, [detail, locale]);
  const locales = useMemo(() => (model ? model.getUsedLocales() : []), [model]);

  // The scoring model beside the questions: each scored question with its dimension and rule.
  const scored = useMemo(() => {
    if (!model || !detail) return [];
    const scoring = detail.json.scoring as { dimensions?: Array<{ id: string; title?: Text }> } | undefined;
    const titles = new Map((scoring?.dimensions ?? []).map((d) => [d.id, d.title]));
    return model.getAllQuestions(false, false, false).flatMap((q) => {
      const score = (q as unknown as { score?: { dimension: string; rule: string } }).score;
      return score
        ? [
            {
              name: q.name,
              title: q.title,
              dimension: textIn(titles.get(score.dimension), locale || "default") || score.dimension,
              rule: score.rule,
            },
          ]
        : [];
    });
  }, [model, detail, locale]);

  async function compare() {
    if (diffFrom === null || shown === null) return;
    try {
      setDiff(await api<QuestionnaireDiffView>("GET", `/api/questionnaires/${id}/diff?from=${diffFrom}&to=${shown}`));
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section>
      <p>
        <Link to="/questionnaires">Questionnaires</Link>
      </p>
      <h1>{id}</h1>
      {error && <p className="error">{error}</p>}
      {versions && (
        <table>
          <thead>
            <tr>
              <th>Version</th>
              <th>Title</th>
              <th>Published</th>
              <th>Source</th>
              <th>Invitations</th>
              <th>Responses</th>
              <th>Evaluations</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.versions.map((v) => (
              <tr key={v.version} className={v.version === shown ? "selected" : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => setShown(v.version)}>
                    {v.version}
                  </button>
                </td>
                <td>{v.title}</td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>{v.source}</td>
                <td>{v.invitations}</td>
                <td>{v.responses}</td>
                <td>
                  {v.evaluations.map((e) => (
                    <Link key={e.id} to={`/evaluations/${e.id}`}>
                      {e.name}{" "}
                    </Link>
                  ))}
                </td>
                <td>
                  <a href={`/api/questionnaires/${id}/xlsform?version=${v.version}`}>.xlsx</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions && versions.versions.length > 1 && (
        <div className="actions">
          <label>
            Compare version
            <select value={diffFrom ?? ""} onChange={(e) => setDiffFrom(Number(e.target.value))}>
              {versions.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={compare}>
            with version {shown}
          </button>
        </div>
      )}
      {diff && (
        <div className="panel" aria-label="Differences">
          <h2>
            Version {diff.from} → {diff.to}
          </h2>
          <p>Added: {diff.added.join(", ") || "—"}</p>
          <p>Removed: {diff.removed.join(", ") || "—"}</p>
          <p>Changed: {diff.changed.map((c) => `${c.name} (${c.properties.join(", ")})`).join("; ") || "—"}</p>
          <p>
            Choices:{" "}
            {diff.choices
              .map((c) =>
                [
                  c.question,
                  c.added.length ? `+${c.added.join(" +")}` : "",
                  c.removed.length ? `-${c.removed.join(" -")}` : "",
                  c.changed.length ? `~${c.changed.join(" ~")}` : "",
                ]
                  .filter(Boolean)
                  .join(" "),
              )
              .join("; ") || "—"}
          </p>
        </div>
      )}
      {model && (
        <>
          <h2>Version {shown} as respondents see it</h2>
          {locales.length > 0 && (
            <label>
              Language
              <select value={locale} onChange={(e) => setLocale(e.target.value)}>
                <option value="">default</option>
                {locales.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="preview-with-scoring">
            <Preview model={model} />
            {scored.length > 0 && (
              <table aria-label="Scoring">
                <thead>
                  <tr>
                    <th>Question</th>
                    <th>Dimension</th>
                    <th>Rule</th>
                  </tr>
                </thead>
                <tbody>
                  {scored.map((s) => (
                    <tr key={s.name}>
                      <td>{s.title}</td>
                      <td>{s.dimension}</td>
                      <td>{s.rule}</td>
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
