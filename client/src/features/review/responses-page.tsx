import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { describeError, describeInterviewee, formatDate, formatDateTime } from "../../lib/format.ts";
import { responseModes, responseStatuses } from "../../../../server/value-lists.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
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
  const { t } = useTranslation();
  usePageTitle(t("responses.title"));

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
        <option value="">{t("responses.all")}</option>
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
        <h1>{t("responses.title")}</h1>
      </div>
      <form className="form filters" onSubmit={submitSearch} role="search">
        <div className="grid">
          {select(
            "evaluationId",
            t("responses.evaluation"),
            options.evaluations.map((e) => [String(e.id), e.name]),
          )}
          {select(
            "status",
            t("responses.status"),
            responseStatuses.map((s) => [s, t(`responses.statusValue.${s}`)]),
          )}
          {select(
            "mode",
            t("responses.mode"),
            responseModes.map((m) => [m, t(`responses.modeValue.${m}`)]),
          )}
          {select(
            "organizationId",
            t("responses.organisation"),
            options.organizations.map((o) => [String(o.id), `${o.name} — ${o.region}`]),
          )}
          {select(
            "region",
            t("responses.region"),
            regions.map((r) => [r, r]),
          )}
          {select(
            "questionnaireId",
            t("responses.questionnaire"),
            options.questionnaires.map((q) => [q.id, q.title]),
          )}
        </div>
        <div className="actions">
          <input
            type="search"
            aria-label={t("responses.search")}
            placeholder={t("responses.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="filter"
          />
          <button type="submit">{t("responses.search")}</button>
          {queryString && (
            <button
              type="button"
              onClick={() => {
                setSearch("");
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t("responses.clear")}
            </button>
          )}
        </div>
      </form>
      {error && <p className="error">{error}</p>}
      {items && (
        <p className="muted" role="status">
          {t("responses.count", { count: items.length })}
        </p>
      )}
      {items && items.length > 0 && (
        <table className="table responses">
          <thead>
            <tr>
              <th>{t("responses.organisation")}</th>
              <th>{t("responses.evaluation")}</th>
              <th>{t("responses.questionnaire")}</th>
              <th>{t("responses.mode")}</th>
              <th>{t("responses.status")}</th>
              <th>{t("responses.interviewee")}</th>
              <th>{t("responses.conducted")}</th>
              <th>{t("responses.revision")}</th>
              <th>{t("responses.updated")}</th>
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
                <td>{t(`responses.modeValue.${item.mode}`)}</td>
                <td>
                  <span className={`badge badge-${item.status}`}>{t(`responses.statusValue.${item.status}`)}</span>
                </td>
                <td>{describeInterviewee(item.interviewee)}</td>
                <td>{formatDate(item.conductedAt ?? item.submittedAt)}</td>
                <td>{item.revision}</td>
                <td>
                  {formatDateTime(item.updatedAt)}
                  {item.updatedBy && (
                    <div className="muted small">{t("responses.by", { name: item.updatedBy.name })}</div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
