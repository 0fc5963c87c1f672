import { useCallback, useEffect, useState } from "react";
import { isUiLanguage, languageNames } from "../../../../server/i18n/languages.ts";
import { describeError } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import { listOrganizations, type OrganizationView } from "./api.ts";
import { ImportPanel } from "./import-panel.tsx";
import { OrganizationForm } from "./organization-form.tsx";

export function OrganizationsPage() {
  const { session, api } = useSession();
  const [organizations, setOrganizations] = useState<OrganizationView[] | null>(null);
  const [editing, setEditing] = useState<OrganizationView | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const { t } = useTranslation();
  usePageTitle(t("organisations.title"));

  const load = useCallback(() => {
    listOrganizations(api).then(setOrganizations, (e) => setError(describeError(e)));
  }, [api]);
  useEffect(load, [load]);

  const editable = canEdit(session);
  const shown = (organizations ?? []).filter((o) =>
    `${o.name} ${o.region} ${o.district ?? ""} ${o.email ?? ""}`.toLowerCase().includes(filter.toLowerCase()),
  );

  return (
    <section>
      <div className="page-head">
        <h1>{t("organisations.title")}</h1>
        {editable && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => setEditing("new")}>
              {t("organisations.add")}
            </button>
            <button type="button" onClick={() => setImporting(!importing)}>
              {t("organisations.import")}
            </button>
          </div>
        )}
      </div>
      {error && <p className="error">{error}</p>}
      {importing && (
        <ImportPanel
          onDone={() => {
            setImporting(false);
            load();
          }}
        />
      )}
      {editing && (
        <OrganizationForm
          organization={editing === "new" ? null : editing}
          onDone={() => {
            setEditing(null);
            load();
          }}
        />
      )}
      {organizations?.length === 0 && !importing && (
        <div className="empty">
          <h2>{t("organisations.emptyTitle")}</h2>
          <p>{t("organisations.emptyLead")}</p>
        </div>
      )}
      {organizations && organizations.length > 0 && (
        <>
          <input
            className="filter"
            type="search"
            placeholder={t("organisations.filter")}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label={t("organisations.filterLabel")}
          />
          <table className="table">
            <thead>
              <tr>
                <th>{t("common.name")}</th>
                <th>{t("common.kind")}</th>
                <th>{t("common.region")}</th>
                <th>{t("common.district")}</th>
                <th>{t("organisations.type")}</th>
                <th>{t("organisations.contact")}</th>
                <th>{t("common.email")}</th>
                <th>{t("organisations.language")}</th>
                {editable && <th />}
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => (
                <tr key={o.id}>
                  <td>{o.name}</td>
                  <td>{t(`organisations.kindValue.${o.kind}`, { defaultValue: o.kind })}</td>
                  <td>{o.region}</td>
                  <td>{o.district ?? "—"}</td>
                  <td>{o.orgType ?? "—"}</td>
                  <td>{o.contactName ?? "—"}</td>
                  <td>{o.email ?? <span className="muted">{t("organisations.noEmail")}</span>}</td>
                  <td>{isUiLanguage(o.locale) ? languageNames[o.locale] : (o.locale ?? "—")}</td>
                  {editable && (
                    <td>
                      <button type="button" onClick={() => setEditing(o)}>
                        {t("common.edit")}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
