import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { getEvaluationScores, type CohortStats, type EvaluationScores } from "./api.ts";
import { BarChart } from "./bar-chart.tsx";
import { bandColours, bandNames } from "../../../../server/scoring/bands.ts";
import { level2, score1, statusLabel, textOf } from "./bands.ts";

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
  if (level === null || !band) {
    return (
      <td className="heat heat-none" data-status={status}>
        {statusLabel[status] ?? status}
      </td>
    );
  }
  return (
    <td
      className="heat"
      style={{ background: bandColours[band] }}
      title={`${band} · ${score1(level)}/100`}
      data-level={level2(level)}
    >
      {level2(level)}
      {flag && <span className="flag"> {flag}</span>}
    </td>
  );
}

function StatsRow({ label, stats }: { label: string; stats: CohortStats }) {
  if (stats.suppressed) {
    return (
      <tr>
        <th>{label}</th>
        <td colSpan={7} className="muted">
          n = {stats.n}: too few organisations to show statistics
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
      <td>{bandNames.map((b) => `${b[0]}:${stats.bands?.[b] ?? 0}`).join(" ")}</td>
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
      labels: scores.dimensions.map((d) => d.id),
      series: [
        {
          label: "Cohort mean level",
          values: scores.dimensions.map((d) => all.dimensions[d.id]?.mean ?? null),
          color: "#2b8cbe",
        },
      ],
    };
  }, [scores]);

  if (error) return <p className="error">{error}</p>;
  if (!scores) return <p className="muted">Loading…</p>;
  const dims = scores.dimensions;
  const organizations = [...scores.organizations].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">Evaluations</Link> / <Link to={`/evaluations/${id}`}>evaluation</Link> /
      </p>
      <div className="page-head">
        <h1>Capacity scores</h1>
        <div className="actions">
          <label>
            Basis{" "}
            <select value={basis} onChange={(e) => setBasis(e.target.value as "verified" | "self")}>
              <option value="verified">verified (self-reported where not verified)</option>
              <option value="self">self-reported</option>
            </select>
          </label>
          <Link className="button" to={`/evaluations/${id}/summary`}>
            Answers summary
          </Link>
        </div>
      </div>
      <p className="muted">
        Scoring model {scores.scoringId} v{scores.scoringVersion} · levels 1 (Nascent) to 4 (Mature) · organisations in
        alphabetical order: a profile, not a ranking. Click an organisation for the answers behind each number.
      </p>
      {organizations.length === 0 ? (
        <div className="empty">
          <h2>No submitted questionnaire yet</h2>
          <p>Scores appear here as soon as organisations submit.</p>
        </div>
      ) : (
        <div className="scroll-x">
          <table className="table heatmap" aria-label="Organisations by dimension">
            <thead>
              <tr>
                <th>Organisation</th>
                <th>Region</th>
                {dims.map((d) => (
                  <th key={d.id} title={textOf(d.title)}>
                    {d.id}
                  </th>
                ))}
                <th>Overall</th>
                <th>Weakest · critical gaps</th>
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
                    {o.overall.weakest ?? "—"}
                    {o.overall.criticalGaps.length > 0 && (
                      <span className="error"> · gaps: {o.overall.criticalGaps.join(", ")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="legend">
            {bandNames.map((b) => (
              <span key={b}>
                <i style={{ background: bandColours[b] }} /> {b}
              </span>
            ))}
            <span>⚠ critical gap (below 1.75)</span>
          </p>
        </div>
      )}

      {cohortChart && organizations.length > 0 && (
        <section className="panel">
          <h2>Cohort mean level by dimension</h2>
          <BarChart
            ariaLabel="Cohort mean level by dimension"
            labels={cohortChart.labels}
            series={cohortChart.series}
            min={1}
            max={4}
          />
        </section>
      )}

      <section className="panel">
        <div className="page-head">
          <h2>Cohort statistics</h2>
          <label>
            Group by{" "}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
              <option value="all">whole cohort</option>
              <option value="region">region</option>
              <option value="orgType">organisation type</option>
            </select>
          </label>
        </div>
        <div className="scroll-x">
          <table className="table stats">
            <thead>
              <tr>
                <th>Group · dimension</th>
                <th>n</th>
                <th>mean</th>
                <th>median</th>
                <th>sd</th>
                <th>min – max</th>
                <th>p25 – p75</th>
                <th>bands (N/E/Ex/M)</th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={String(g.key)}>
                <StatsRow label={`${g.key ?? "(none)"} · overall`} stats={g.overall} />
                {dims.map((d) => (
                  <StatsRow key={d.id} label={`${g.key ?? "(none)"} · ${d.id}`} stats={g.dimensions[d.id]!} />
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </section>

      <section className="panel">
        <h2>Items: share of organisations at each level</h2>
        <table className="table item-heat">
          <thead>
            <tr>
              <th>Item</th>
              <th>Dimension</th>
              <th>answered</th>
              {bandNames.map((b, i) => (
                <th key={b}>
                  {i + 1} {b}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scores.heatmap.map((row) => (
              <tr key={row.question}>
                <td>{row.question}</td>
                <td>{row.dimension}</td>
                <td>{row.answered}</td>
                {(["1", "2", "3", "4"] as const).map((l, i) => {
                  const share = row.answered ? row.levels[l] / row.answered : 0;
                  return (
                    <td
                      key={l}
                      style={{
                        background: `color-mix(in srgb, ${bandColours[bandNames[i]!]} ${Math.round(share * 100)}%, white)`,
                      }}
                    >
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
