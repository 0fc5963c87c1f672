import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { describeError, describeInterviewee, formatDate, formatDateTime } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import {
  listEvaluations,
  listOrganizations,
  listQuestionnaires,
  listResponses,
  type AllResponsesQuery,
  type EvaluationView,
  type OrganizationView,
  type QuestionnaireSummary,
  type ResponseListItem,
} from "./api.ts";

/** The query parameters of GET /api/responses, kept in the page's URL so that a filtered list can be shared. */
const filterKeys = ["evaluationId", "status", "mode", "organizationId", "region", "questionnaireId", "q"] as const;

export function ResponsesPage() {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<ResponseListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [options, setOptions] = useState<{
    evaluations: EvaluationView[];
    organizations: OrganizationView[];
    questionnaires: QuestionnaireSummary[];
  }>({ evaluations: [], organizations: [], questionnaires: [] });
  const [search, setSearch] = useState(params.get("q") ?? "");

  useEffect(() => {
    Promise.all([listEvaluations(api), listOrganizations(api), listQuestionnaires(api)]).then(
      ([evaluations, organizations, questionnaires]) => setOptions({ evaluations, organizations, questionnaires }),
      (e) => setError(describeError(e)),
    );
  }, [api]);

  // The URL's filters as they stand: the server checks them (an unknown status is its 400, shown as the error).
  const query: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  const queryString = new URLSearchParams(query).toString();
  useEffect(() => {
    let live = true;
    listResponses(api, Object.fromEntries(new URLSearchParams(queryString)) as AllResponsesQuery).then(
      (list) => {
        if (!live) return;
        setItems(list);
        setError(null);
      },
      (e) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [api, queryString]);

  const setFilter = (key: (typeof filterKeys)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilter("q", search.trim());
  };

  const regions = [...new Set(options.organizations.map((o) => o.region))].sort();
  const evaluationName = (id: number) => options.evaluations.find((e) => e.id === id)?.name ?? `#${id}`;
  const select = (key: (typeof filterKeys)[number], label: string, choices: Array<[string, string]>) => (
    <label>
      {label}
      <select value={params.get(key) ?? ""} onChange={(e) => setFilter(key, e.target.value)}>
        <option value="">all</option>
        {choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section>
      <div className="page-head">
        <h1>Responses</h1>
      </div>
      <form className="form filters" onSubmit={submitSearch} role="search">
        <div className="grid">
          {select(
            "evaluationId",
            "Evaluation",
            options.evaluations.map((e) => [String(e.id), e.name]),
          )}
          {select("status", "Status", [
            ["draft", "draft"],
            ["submitted", "submitted"],
          ])}
          {select("mode", "Mode", [
            ["link", "link (self-completed)"],
            ["interview", "interview"],
          ])}
          {select(
            "organizationId",
            "Organisation",
            options.organizations.map((o) => [String(o.id), `${o.name} — ${o.region}`]),
          )}
          {select(
            "region",
            "Region",
            regions.map((r) => [r, r]),
          )}
          {select(
            "questionnaireId",
            "Questionnaire",
            options.questionnaires.map((q) => [q.id, q.title]),
          )}
        </div>
        <div className="actions">
          <input
            type="search"
            aria-label="Search"
            placeholder="Organisation, interviewee, place or answer text"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="filter"
          />
          <button type="submit">Search</button>
          {queryString && (
            <button
              type="button"
              onClick={() => {
                setSearch("");
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      </form>
      {error && <p className="error">{error}</p>}
      {items && (
        <p className="muted" role="status">
          {items.length} response{items.length === 1 ? "" : "s"}
        </p>
      )}
      {items && items.length > 0 && (
        <table className="table responses">
          <thead>
            <tr>
              <th>Organisation</th>
              <th>Evaluation</th>
              <th>Questionnaire</th>
              <th>Mode</th>
              <th>Status</th>
              <th>Interviewee</th>
              <th>Conducted / submitted</th>
              <th>Revision</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/responses/${item.id}`}>{item.organizationName}</Link>
                  <div className="muted small">{item.region}</div>
                </td>
                <td>{evaluationName(item.evaluationId)}</td>
                <td>
                  {item.questionnaireId} v{item.questionnaireVersion}
                </td>
                <td>{item.mode}</td>
                <td>
                  <span className={`badge badge-${item.status}`}>{item.status}</span>
                </td>
                <td>{describeInterviewee(item.interviewee)}</td>
                <td>{formatDate(item.conductedAt ?? item.submittedAt)}</td>
                <td>{item.revision}</td>
                <td>
                  {formatDateTime(item.updatedAt)}
                  {item.updatedBy && <div className="muted small">by {item.updatedBy.name}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
