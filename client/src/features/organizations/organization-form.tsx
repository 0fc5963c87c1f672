import { useState, type FormEvent } from "react";
import { organizationKinds, type OrganizationKind } from "../../../../server/value-lists.ts";
import { describeError } from "../../lib/format.ts";
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
      <h2>{organization ? `Edit ${organization.name}` : "New organisation"}</h2>
      <div className="grid">
        <label>
          Name
          <input value={fields.name} onChange={set("name")} required />
        </label>
        <label>
          Kind
          <select value={fields.kind} onChange={set("kind")}>
            {organizationKinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Region
          <input value={fields.region} onChange={set("region")} required />
        </label>
        <label>
          District
          <input value={fields.district} onChange={set("district")} />
        </label>
        <label>
          Organisation type
          <input value={fields.orgType} onChange={set("orgType")} placeholder="women's NGO, crisis centre…" />
        </label>
        <label>
          Contact person
          <input value={fields.contactName} onChange={set("contactName")} />
        </label>
        <label>
          Email
          <input type="email" value={fields.email} onChange={set("email")} />
        </label>
        <label>
          Language
          <select value={fields.locale} onChange={set("locale")}>
            <option value="">—</option>
            <option value="en">English</option>
            <option value="ru">Русский</option>
            <option value="ky">Кыргызча</option>
          </select>
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
