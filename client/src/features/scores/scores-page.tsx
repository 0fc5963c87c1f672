import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../../lib/format.ts";
import { currentUiLanguage, usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { getEvaluationScores, type CohortStats, type EvaluationScores } from "./api.ts";
import { BarChart } from "./bar-chart.tsx";
import { bandColours as bandColors, bandNames as bandOrder } from "../../../../server/scoring/bands.ts";
import { dimensionLabel, level2, textOf } from "./bands.ts";
import { blendWithWhite, textColourOn } from "./contrast.ts";

export type ScoresBody = EvaluationScores;

function LevelCell({
  status,
  level,
  band,
  flag,
}: {
  status: string;
  level: number | null;
  band: string | null;
  flag?: string;
}) {
  const { t } = useTranslation();
  if (level === null || !band) {
    return (
      <td className="heat heat-none" data-status={status}>
        {t(`statuses.${status}`, { ns: "reports", defaultValue: status.replaceAll("_", " ") })}
      </td>
    );
  }
  // Colour is never the only signal: the band's number (as in the legend) stands beside the level.
  const bandNumber = bandOrder.indexOf(band as (typeof bandOrder)[number]) + 1;
  const background = bandColors[band] ?? "#ffffff";
  return (
    <td
      className="heat"
      style={{ background, color: textColourOn(background) }}
      title={t("scores.levelTitle", { level: bandNumber, band: t(`bands.${band}`, { ns: "reports" }) })}
      data-level={level2(level)}
    >
      {level2(level)} <span className="band-number">({bandNumber})</span>
      {flag && <span className="flag"> {flag}</span>}
    </td>
  );
}

function StatsRow({ label, stats }: { label: string; stats: CohortStats }) {
  const { t } = useTranslation();
  if (stats.suppressed) {
    return (
      <tr>
        <th>{label}</th>
        <td colSpan={7} className="muted">
          {t("scores.tooFew", { n: stats.n })}
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th>{label}</th>
      <td>{stats.n}</td>
      <td>{level2(stats.mean)}</td>
      <td>{level2(stats.median)}</td>
      <td>{level2(stats.sd)}</td>
      <td>
        {level2(stats.min)} – {level2(stats.max)}
      </td>
      <td>
        {level2(stats.p25)} – {level2(stats.p75)}
      </td>
      <td>{bandOrder.map((b, i) => `${i + 1}: ${stats.bands?.[b] ?? 0}`).join(" · ")}</td>
    </tr>
  );
}

export function ScoresPage() {
  const { id } = useParams();
  const { api } = useSession();
  const [basis, setBasis] = useState<"verified" | "self">("verified");
  const [groupBy, setGroupBy] = useState("region");
  const [scores, setScores] = useState<ScoresBody | null>(null);
  const [groups, setGroups] = useState<ScoresBody["groups"]>([]);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const lang = currentUiLanguage();
  usePageTitle(t("scores.title"));

  useEffect(() => {
    getEvaluationScores(api, id!, basis).then(setScores, (e) => setError(describeError(e)));
  }, [api, id, basis]);
  useEffect(() => {
    getEvaluationScores(api, id!, basis, groupBy).then(
      (s) => setGroups(s.groups),
      (e) => setError(describeError(e)),
    );
  }, [api, id, basis, groupBy]);

  const cohortChart = useMemo(() => {
    const all = scores?.groups[0];
    if (!scores || !all) return null;
    return {
      labels: scores.dimensions.map((d) => textOf(d.title, lang) || d.id),
      series: [
        {
          label: t("scores.cohortMean"),
          values: scores.dimensions.map((d) => all.dimensions[d.id]?.mean ?? null),
          color: "#2b8cbe",
        },
      ],
    };
  }, [scores, lang, t]);

  if (error) return <p className="error">{error}</p>;
  if (!scores) return <p className="muted">{t("boot:loading")}</p>;
  const dims = scores.dimensions;
  const dimensionName = (dimensionId: string) => dimensionLabel(dims, dimensionId, lang);
  const organizations = [...scores.organizations].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">{t("nav.evaluations")}</Link> /{" "}
        <Link to={`/evaluations/${id}`}>{t("scores.crumbEvaluation")}</Link> /
      </p>
      <div className="page-head">
        <h1>{t("scores.title")}</h1>
        <div className="actions">
          <label>
            {t("scores.basis")}{" "}
            <select value={basis} onChange={(e) => setBasis(e.target.value as "verified" | "self")}>
              <option value="verified">{t("scores.basisVerified")}</option>
              <option value="self">{t("scores.basisSelf")}</option>
            </select>
          </label>
          <Link className="button" to={`/evaluations/${id}/summary`}>
            {t("scores.summary")}
          </Link>
        </div>
      </div>
      <p className="muted">{t("scores.lead", { id: scores.scoringId, version: scores.scoringVersion })}</p>
      {organizations.length === 0 ? (
        <div className="empty">
          <h2>{t("scores.emptyTitle")}</h2>
          <p>{t("scores.emptyLead")}</p>
        </div>
      ) : (
        <div className="scroll-x">
          <table className="table heatmap" aria-label={t("scores.heatmapLabel")}>
            <thead>
              <tr>
                <th>{t("scores.organisation")}</th>
                <th>{t("scores.region")}</th>
                {dims.map((d) => (
                  <th key={d.id} className="dimension-head" scope="col" data-dimension={d.id}>
                    <span className="code">{d.id}</span> {textOf(d.title, lang)}
                  </th>
                ))}
                <th>{t("scores.overall")}</th>
                <th>{t("scores.weakest")}</th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((o) => (
                <tr key={o.responseId} data-organization={o.name} data-response={o.responseId}>
                  <td>
                    <Link to={`/evaluations/${id}/responses/${o.responseId}/profile`}>{o.name}</Link>
                  </td>
                  <td>{o.region ?? "—"}</td>
                  {dims.map((d) => {
                    const cell = o.dimensions[d.id]!;
                    const gap = o.overall.criticalGaps.includes(d.id);
                    return <LevelCell key={d.id} {...cell} flag={gap ? "⚠" : undefined} />;
                  })}
                  <LevelCell {...o.overall} />
                  <td>
                    {o.overall.weakest ? dimensionName(o.overall.weakest) : "—"}
                    {o.overall.criticalGaps.length > 0 && (
                      <span className="error">
                        {" "}
                        · {t("scores.gaps", { list: o.overall.criticalGaps.map(dimensionName).join(", ") })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="legend">
            {bandOrder.map((b, i) => (
              <span key={b}>
                <i style={{ background: bandColors[b] }} /> {i + 1} {t(`bands.${b}`, { ns: "reports" })}
              </span>
            ))}
            <span>{t("scores.criticalGap")}</span>
          </p>
        </div>
      )}

      {cohortChart && organizations.length > 0 && (
        <section className="panel">
          <h2>{t("scores.cohortChart")}</h2>
          <BarChart
            ariaLabel={t("scores.cohortChart")}
            labels={cohortChart.labels}
            series={cohortChart.series}
            min={1}
            max={4}
          />
        </section>
      )}

      <section className="panel">
        <div className="page-head">
          <h2>{t("scores.stats")}</h2>
          <label>
            {t("scores.groupBy")}{" "}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
              <option value="all">{t("scores.groupAll")}</option>
              <option value="region">{t("scores.groupRegion")}</option>
              <option value="orgType">{t("scores.groupOrgType")}</option>
            </select>
          </label>
        </div>
        <div className="scroll-x">
          <table className="table stats">
            <thead>
              <tr>
                <th>{t("scores.groupDimension")}</th>
                <th>{t("scores.n")}</th>
                <th>{t("scores.mean")}</th>
                <th>{t("scores.median")}</th>
                <th>{t("scores.sd")}</th>
                <th>{t("scores.range")}</th>
                <th>{t("scores.quartiles")}</th>
                <th>{t("scores.bandCounts")} (1 · 2 · 3 · 4)</th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={String(g.key)}>
                <StatsRow label={`${g.key ?? t("scores.noGroup")} · ${t("scores.overallRow")}`} stats={g.overall} />
                {dims.map((d) => (
                  <StatsRow
                    key={d.id}
                    label={`${g.key ?? t("scores.noGroup")} · ${dimensionName(d.id)}`}
                    stats={g.dimensions[d.id]!}
                  />
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </section>

      <section className="panel">
        <h2>{t("scores.items")}</h2>
        <table className="table item-heat">
          <thead>
            <tr>
              <th>{t("scores.item")}</th>
              <th>{t("scores.dimension")}</th>
              <th>{t("scores.answered")}</th>
              {bandOrder.map((b, i) => (
                <th key={b}>
                  {i + 1} {t(`bands.${b}`, { ns: "reports" })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scores.heatmap.map((row) => (
              <tr key={row.question}>
                <td>
                  <span className="code">{row.question}</span> {scores.questions[row.question]?.[lang] ?? ""}
                </td>
                <td>{dimensionName(row.dimension)}</td>
                <td>{row.answered}</td>
                {(["1", "2", "3", "4"] as const).map((l, i) => {
                  const share = row.answered ? row.levels[l] / row.answered : 0;
                  const background = blendWithWhite(bandColors[bandOrder[i]!] ?? "#ffffff", share);
                  return (
                    <td key={l} style={{ background, color: textColourOn(background) }}>
                      {row.answered ? `${Math.round(share * 100)}%` : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
