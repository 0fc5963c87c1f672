import { useState, type FormEvent } from "react";
import { organizationKinds, type OrganizationKind } from "../../../../server/value-lists.ts";
import { languageNames, uiLanguages } from "../../../../server/i18n/languages.ts";
import { describeError } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { createOrganization, updateOrganization, type NewOrganizationBody, type OrganizationView } from "./api.ts";

const isKind = (kind: string): kind is OrganizationKind => (organizationKinds as readonly string[]).includes(kind);

export function OrganizationForm({
  organization,
  onDone,
}: {
  organization: OrganizationView | null;
  onDone: () => void;
}) {
  const { api } = useSession();
  const { t } = useTranslation();
  const [fields, setFields] = useState({
    name: organization?.name ?? "",
    kind: organization && isKind(organization.kind) ? organization.kind : organizationKinds[0],
    region: organization?.region ?? "",
    district: organization?.district ?? "",
    orgType: organization?.orgType ?? "",
    contactName: organization?.contactName ?? "",
    email: organization?.email ?? "",
    locale: organization?.locale ?? "",
  });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const optional = (v: string) => (v.trim() === "" ? null : v.trim());
    const body: NewOrganizationBody = {
      name: fields.name,
      kind: fields.kind,
      region: fields.region,
      district: optional(fields.district),
      orgType: optional(fields.orgType),
      contactName: optional(fields.contactName),
      email: optional(fields.email),
      // The select offers only the languages the schema accepts.
      locale: optional(fields.locale) as NewOrganizationBody["locale"],
    };
    try {
      if (organization) await updateOrganization(api, organization.id, body);
      else await createOrganization(api, body);
      onDone();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <form className="form panel" onSubmit={submit}>
      <h2>{organization ? t("organisations.form.edit", { name: organization.name }) : t("organisations.form.new")}</h2>
      <div className="grid">
        <label>
          {t("common.name")}
          <input value={fields.name} onChange={set("name")} required />
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
          <input value={fields.region} onChange={set("region")} required />
        </label>
        <label>
          {t("common.district")}
          <input value={fields.district} onChange={set("district")} />
        </label>
        <label>
          {t("organisations.form.orgType")}
          <input value={fields.orgType} onChange={set("orgType")} placeholder={t("organisations.form.orgTypeHint")} />
        </label>
        <label>
          {t("organisations.form.contactName")}
          <input value={fields.contactName} onChange={set("contactName")} />
        </label>
        <label>
          {t("common.email")}
          <input type="email" value={fields.email} onChange={set("email")} />
        </label>
        <label>
          {t("organisations.language")}
          <select value={fields.locale} onChange={set("locale")}>
            <option value="">—</option>
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
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
