import { useCallback, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Model } from "survey-core";
import { describeAnswerValue } from "../../../../server/survey-model/answer-labels.ts";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import type { ResponseCopy } from "../../../../server/modules/responses/responses.schemas.ts";
import { Trans } from "react-i18next";
import { describeError, formatDate, formatDateTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useFieldQuery, useFieldWork } from "./field-work.tsx";
import type { FieldStore, InterviewContent, LocalInterview } from "./store.ts";

setupSurveyCore();

type Choice = "mine" | "server";

interface Difference {
  key: string;
  /** A question's title, or for an interview detail ($...) the catalogue key of its name. */
  label: string;
  mine: unknown;
  server: unknown;
}

const detailFields = [
  ["$interviewee.name", "interview.intervieweeName"],
  ["$interviewee.position", "interview.position"],
  ["$interviewee.agency", "interview.agency"],
  ["$conductedAt", "interview.date"],
  ["$place", "interview.place"],
  ["$organizationId", "interviews.organisation"],
] as const;

function detailValue(key: string, content: InterviewContent | ResponseCopy): unknown {
  const who = content.interviewee ?? { name: "", position: "", agency: "" };
  switch (key) {
    case "$interviewee.name":
      return who.name.trim();
    case "$interviewee.position":
      return who.position.trim();
    case "$interviewee.agency":
      return who.agency.trim();
    case "$conductedAt":
      return content.conductedAt ?? "";
    case "$place":
      return content.place?.trim() ?? "";
    default:
      return content.organizationId;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Question names to titles in the workspace's language (else the questionnaire's default), read from the
 * questionnaire JSON (no survey engine needed for that).
 */
function questionTitles(json: unknown, lang: string, titles = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(json)) for (const item of json) questionTitles(item, lang, titles);
  else if (json && typeof json === "object") {
    const element = json as Record<string, unknown>;
    if (typeof element.name === "string" && element.type !== undefined) {
      const title = element.title;
      const translations = title as Record<string, string> | undefined;
      const text = typeof title === "string" ? title : (translations?.[lang] ?? translations?.default);
      if (text) titles.set(element.name, text);
    }
    for (const key of ["pages", "elements", "templateElements"]) questionTitles(element[key], lang, titles);
  }
  return titles;
}

/** Every interview detail and every answer (by question) where this device and the server disagree. */
export function differences(local: LocalInterview, server: ResponseCopy, titles: Map<string, string>): Difference[] {
  const found: Difference[] = [];
  for (const [key, label] of detailFields) {
    const mine = detailValue(key, local);
    const theirs = detailValue(key, server);
    if (!same(mine, theirs)) found.push({ key, label, mine, server: theirs });
  }
  const keys = [...new Set([...Object.keys(local.data), ...Object.keys(server.data)])];
  for (const key of keys) {
    if (!same(local.data[key], server.data[key])) {
      found.push({ key, label: titles.get(key) ?? key, mine: local.data[key], server: server.data[key] });
    }
  }
  return found;
}

/** The merged interview: this device's copy, with the server's value wherever the evaluator took it. */
export function merge(local: LocalInterview, server: ResponseCopy, choices: Record<string, Choice>): InterviewContent {
  const take = (key: string) => choices[key] === "server";
  const serverWho = server.interviewee ?? { name: "", position: "", agency: "" };
  const data = { ...local.data };
  for (const key of new Set([...Object.keys(local.data), ...Object.keys(server.data)])) {
    if (!take(key)) continue;
    if (server.data[key] === undefined) delete data[key];
    else data[key] = server.data[key];
  }
  return {
    organizationId: take("$organizationId") ? server.organizationId : (local.organizationId ?? server.organizationId),
    data,
    // Submitted on either side stays submitted: the server never takes an interview back to a draft.
    status: local.status === "submitted" || server.status === "submitted" ? "submitted" : "draft",
    interviewee: {
      name: take("$interviewee.name") ? serverWho.name : local.interviewee.name,
      position: take("$interviewee.position") ? serverWho.position : local.interviewee.position,
      agency: take("$interviewee.agency") ? serverWho.agency : local.interviewee.agency,
    },
    conductedAt: take("$conductedAt") ? (server.conductedAt ?? local.conductedAt) : local.conductedAt,
    place: take("$place") ? (server.place ?? "") : local.place,
  };
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return value.join(", ");
  return JSON.stringify(value);
}

/** The field-by-field merge of a 409: for each difference, keep this device's value or take the server's. */
export function ConflictPage() {
  const { clientId = "" } = useParams();
  const { store } = useFieldWork();
  const { t, i18n } = useTranslation();
  usePageTitle(t("conflict.title"));
  const lang = i18n.language;
  const read = useCallback(
    async (s: FieldStore) => {
      const interview = await s.getInterview(clientId);
      const questionnaire = interview
        ? await s.getQuestionnaire(interview.questionnaireId, interview.questionnaireVersion)
        : undefined;
      const organizations = new Map((await s.listOrganizations()).map((o) => [o.id, o.name]));
      return {
        interview,
        json: questionnaire?.json ?? null,
        titles: questionTitles(questionnaire?.json, lang),
        organizations,
      };
    },
    [clientId, lang],
  );
  const loaded = useFieldQuery(read);

  if (!loaded) return <p className="muted">{t("boot:loading")}</p>;
  const { interview, json, titles, organizations } = loaded;
  if (!interview) return <p className="error">{t("interview.notHere")}</p>;
  if (!interview.conflict) {
    return (
      <section>
        <h1>{t("conflict.none")}</h1>
        <p>
          <Trans i18nKey="conflict.noneLead" components={{ a: <Link to="/interviews" /> }} />
        </p>
      </section>
    );
  }
  return (
    <Merge
      key={`${interview.conflict.revision}`}
      store={store!}
      interview={interview}
      titles={titles}
      json={json}
      organizations={organizations}
    />
  );
}

function Merge(props: {
  store: FieldStore;
  interview: LocalInterview;
  titles: Map<string, string>;
  json: Record<string, unknown> | null;
  /** Organisation names by id, as this device holds them: the organisation is said by its name. */
  organizations: Map<number, string>;
}) {
  const { store, interview, titles, json, organizations } = props;
  const server = interview.conflict!;
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Answers as the questionnaire's choice labels in the workspace's language; interview details as they are.
  const labels = useMemo(() => {
    if (!json) return null;
    const model = new Model(json);
    model.locale = lang;
    return model;
  }, [json, lang]);
  const showAnswer = (key: string, value: unknown) => {
    if (key === "$organizationId" && typeof value === "number") return organizations.get(value) ?? show(value);
    if (key === "$conductedAt" && typeof value === "string" && value) return formatDate(value);
    return labels && !key.startsWith("$")
      ? describeAnswerValue(labels, key, value, { row: (n) => t("revisions.row", { n }) })
      : show(value);
  };
  const rows = differences(interview, server, titles);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [reason, setReason] = useState(interview.reason ?? "");
  const [error, setError] = useState<string | null>(null);
  const needsReason = server.status === "submitted";
  const complete = rows.every((r) => choices[r.key]) && (!needsReason || reason.trim().length > 0);

  const chooseAll = (choice: Choice) => setChoices(Object.fromEntries(rows.map((r) => [r.key, choice])));

  async function save() {
    setError(null);
    try {
      const merged = merge(interview, server, choices);
      await store.resolveConflict(interview.clientId, merged, server.revision, needsReason ? reason.trim() : null);
      navigate("/interviews");
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section className="conflict">
      <p className="crumbs">
        <Link to="/interviews">{t("interviews.title")}</Link> /
      </p>
      <h1>{t("conflict.title")}</h1>
      <p>
        {t("conflict.lead", {
          revision: server.revision,
          status: t(`responses.statusValue.${server.status}`),
          date: formatDateTime(server.updatedAt),
          by: server.updatedBy ? t("conflict.by", { name: server.updatedBy.name }) : "",
        })}
      </p>
      {rows.length === 0 ? (
        <p className="notice">{t("conflict.same")}</p>
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => chooseAll("mine")}>
              {t("conflict.keepAllMine")}
            </button>
            <button type="button" onClick={() => chooseAll("server")}>
              {t("conflict.takeAllServer")}
            </button>
          </div>
          <table className="table merge">
            <thead>
              <tr>
                <th>{t("conflict.field")}</th>
                <th>{t("conflict.device")}</th>
                <th>{t("conflict.server")}</th>
                <th>{t("conflict.keep")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-field={row.key}>
                  <th scope="row">
                    {row.key.startsWith("$") ? t(row.label) : row.label}
                    {row.label !== row.key && !row.key.startsWith("$") && <div className="muted small">{row.key}</div>}
                  </th>
                  <td>{showAnswer(row.key, row.mine)}</td>
                  <td>{showAnswer(row.key, row.server)}</td>
                  <td>
                    <label className="check">
                      <input
                        type="radio"
                        name={`choice-${row.key}`}
                        checked={choices[row.key] === "mine"}
                        onChange={() => setChoices({ ...choices, [row.key]: "mine" })}
                      />
                      {t("conflict.keepMine")}
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name={`choice-${row.key}`}
                        checked={choices[row.key] === "server"}
                        onChange={() => setChoices({ ...choices, [row.key]: "server" })}
                      />
                      {t("conflict.takeServer")}
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {server.status !== interview.status && <p className="muted">{t("conflict.submittedWins")}</p>}
      {needsReason && (
        <label className="form">
          {t("conflict.reason")}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required />
        </label>
      )}
      {error && <p className="error">{error}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={!complete} onClick={() => void save()}>
          {t("conflict.save")}
        </button>
        <Link className="button" to={`/interviews/${interview.clientId}`}>
          {t("conflict.back")}
        </Link>
      </div>
    </section>
  );
}
