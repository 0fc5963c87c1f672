import { useCallback, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { languageNames, uiLanguages } from "../../../../server/i18n/languages.ts";
import { organizationKinds, type OrganizationKind } from "../../../../server/value-lists.ts";
import { describeError } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { loadQuestionnaire } from "./field-data.ts";
import { useFieldQuery, useFieldWork } from "./field-work.tsx";
import { today } from "./interview-status.ts";
import type { FieldStore, PendingOrganization } from "./store.ts";

const readChoices = async (store: FieldStore) => {
  const evaluations = await store.listEvaluations();
  const ids = [...new Set(evaluations.flatMap((e) => e.questionnaireIds))];
  const questionnaires = await Promise.all(ids.map((id) => store.latestQuestionnaire(id)));
  const organizations = (await store.listOrganizations()).sort((a, b) => a.name.localeCompare(b.name));
  const pending = (await store.listPendingOrganizations()).filter((p) => p.organizationId === null);
  return { evaluations, questionnaires: questionnaires.filter((q) => q !== undefined), organizations, pending };
};

/** Evaluation, questionnaire, organisation (or a new one added on the spot), interviewee, date and place. */
export function NewInterviewPage() {
  const { api, session } = useSession();
  const { store } = useFieldWork();
  const { t } = useTranslation();
  usePageTitle(t("newInterview.title"));
  const navigate = useNavigate();
  const choices = useFieldQuery(readChoices);
  const [evaluationId, setEvaluationId] = useState("");
  const [questionnaireId, setQuestionnaireId] = useState("");
  const [organization, setOrganization] = useState("");
  const [adding, setAdding] = useState(false);
  const [interviewee, setInterviewee] = useState({ name: "", position: "", agency: "" });
  const [conductedAt, setConductedAt] = useState(today);
  const [place, setPlace] = useState("");
  const [locale, setLocale] = useState("en");
  const [error, setError] = useState<string | null>(null);

  const evaluations = choices?.evaluations ?? [];
  const evaluation =
    evaluations.find((e) => String(e.id) === evaluationId) ?? (evaluations.length === 1 ? evaluations[0] : undefined);
  const offered = (choices?.questionnaires ?? []).filter((q) => evaluation?.questionnaireIds.includes(q.id));
  const questionnaire =
    offered.find((q) => q.id === questionnaireId) ?? (offered.length === 1 ? offered[0] : undefined);
  const audience = typeof questionnaire?.json.audience === "string" ? questionnaire.json.audience : "";

  const onAdded = useCallback((pending: PendingOrganization) => {
    setOrganization(`pending:${pending.clientId}`);
    setAdding(false);
  }, []);

  async function start(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!store || !evaluation || !questionnaire || !organization) return;
    try {
      // The exact version is on the device before the interview starts: it must open without a connection.
      await loadQuestionnaire(store, api, questionnaire.id, questionnaire.version);
      const [kind, ref] = organization.split(":") as [string, string];
      const interview = await store.createInterview({
        evaluationId: evaluation.id,
        organizationId: kind === "id" ? Number(ref) : null,
        pendingOrganizationId: kind === "pending" ? ref : null,
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        interviewee,
        conductedAt,
        place,
        locale,
      });
      navigate(`/interviews/${interview.clientId}`);
    } catch (e) {
      setError(describeError(e));
    }
  }

  if (choices && evaluations.length === 0) {
    return (
      <section className="narrow">
        <h1>{t("newInterview.title")}</h1>
        <div className="empty">
          <p>
            {t("newInterview.noEvaluation")}{" "}
            {session?.offline ? t("newInterview.connectFirst") : t("newInterview.createFirst")}
          </p>
          <Link to="/interviews">{t("interviews.title")}</Link>
        </div>
      </section>
    );
  }

  const who = (field: keyof typeof interviewee) => (e: { target: { value: string } }) =>
    setInterviewee({ ...interviewee, [field]: e.target.value });
  return (
    <section className="narrow">
      <p className="crumbs">
        <Link to="/interviews">{t("interviews.title")}</Link> /
      </p>
      <h1>{t("newInterview.title")}</h1>
      <form className="form" onSubmit={start}>
        <label>
          {t("newInterview.evaluation")}
          <select
            value={evaluation ? String(evaluation.id) : ""}
            onChange={(e) => setEvaluationId(e.target.value)}
            required
            aria-label={t("newInterview.evaluation")}
          >
            <option value="">{t("common.choose")}</option>
            {evaluations.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("newInterview.questionnaire")}
          <select
            value={questionnaire?.id ?? ""}
            onChange={(e) => setQuestionnaireId(e.target.value)}
            required
            aria-label={t("newInterview.questionnaire")}
          >
            <option value="">{t("common.choose")}</option>
            {offered.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title} ({q.id})
              </option>
            ))}
          </select>
        </label>
        {evaluation && offered.length < evaluation.questionnaireIds.length && (
          <p className="muted small">{t("newInterview.missingQuestionnaires")}</p>
        )}
        <fieldset>
          <legend>{t("newInterview.organisation")}</legend>
          <label>
            <select
              value={organization}
              onChange={(e) => setOrganization(e.target.value)}
              required
              aria-label={t("newInterview.organisation")}
            >
              <option value="">{t("common.choose")}</option>
              {choices?.pending.map((p) => (
                <option key={p.clientId} value={`pending:${p.clientId}`}>
                  {t("newInterview.addedHere", { name: p.name, region: p.region })}
                </option>
              ))}
              {choices?.organizations.map((o) => (
                <option key={o.id} value={`id:${o.id}`}>
                  {o.name} — {o.region}
                  {o.district ? `, ${o.district}` : ""}
                </option>
              ))}
            </select>
          </label>
          {!adding && (
            <button type="button" onClick={() => setAdding(true)}>
              {t("newInterview.addOnSpot")}
            </button>
          )}
        </fieldset>
        {adding && store && (
          <AddOrganization
            store={store}
            defaultKind={audience === "government" ? "government" : "ngo"}
            onAdded={onAdded}
            onCancel={() => setAdding(false)}
          />
        )}
        <fieldset>
          <legend>{t("newInterview.interviewee")}</legend>
          <div className="grid">
            <label>
              {t("newInterview.name")} <span className="muted small">{t("newInterview.mayBeEmpty")}</span>
              <input value={interviewee.name} onChange={who("name")} maxLength={300} />
            </label>
            <label>
              {t("newInterview.position")}
              <input value={interviewee.position} onChange={who("position")} maxLength={300} />
            </label>
            <label>
              {t("newInterview.agency")}
              <input value={interviewee.agency} onChange={who("agency")} maxLength={300} />
            </label>
          </div>
        </fieldset>
        <div className="grid">
          <label>
            {t("newInterview.date")}
            <input type="date" value={conductedAt} onChange={(e) => setConductedAt(e.target.value)} required />
          </label>
          <label>
            {t("newInterview.place")}
            <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={300} />
          </label>
          <label>
            {t("newInterview.language")}
            <select value={locale} onChange={(e) => setLocale(e.target.value)}>
              {uiLanguages.map((lang) => (
                <option key={lang} value={lang} lang={lang}>
                  {languageNames[lang]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {error && <p className="error">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={!store || adding}>
            {t("newInterview.start")}
          </button>
        </div>
      </form>
    </section>
  );
}

function AddOrganization(props: {
  store: FieldStore;
  defaultKind: OrganizationKind;
  onAdded: (pending: PendingOrganization) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState({ name: "", kind: props.defaultKind, region: "", district: "" });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });

  async function add() {
    const name = fields.name.trim();
    const region = fields.region.trim();
    if (!name || !region) return setError(t("newInterview.needNameRegion"));
    try {
      const pending = await props.store.addPendingOrganization({
        name,
        kind: fields.kind,
        region,
        district: fields.district.trim() || null,
      });
      props.onAdded(pending);
    } catch (e) {
      setError(describeError(e));
    }
  }

  // Not a nested <form>: it lives inside the interview form.
  return (
    <div className="panel form" role="group" aria-label={t("newInterview.newOrganisation")}>
      <p className="muted small">{t("newInterview.keptHere")}</p>
      <div className="grid">
        <label>
          {t("newInterview.organisationName")}
          <input value={fields.name} onChange={set("name")} maxLength={300} />
        </label>
        <label>
          {t("common.kind")}
          <select value={fields.kind} onChange={set("kind")}>
            {organizationKinds.map((k) => (
              <option key={k} value={k}>
                {t(`organisations.kindValue.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("common.region")}
          <input value={fields.region} onChange={set("region")} maxLength={100} />
        </label>
        <label>
          {t("common.district")}
          <input value={fields.district} onChange={set("district")} maxLength={100} />
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void add()}>
          {t("newInterview.addOrganisation")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
