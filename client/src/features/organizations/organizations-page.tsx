import { useCallback, useEffect, useState } from "react";
import { describeError } from "../../lib/format.ts";
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
        <h1>Organisations</h1>
        {editable && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => setEditing("new")}>
              Add organisation
            </button>
            <button type="button" onClick={() => setImporting(!importing)}>
              Import from CSV
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
          <h2>No organisation yet</h2>
          <p>
            Add your partner organisations one by one, or import them all from a spreadsheet saved as CSV with the
            columns name, kind, region, district, org type, contact, email, language.
          </p>
        </div>
      )}
      {organizations && organizations.length > 0 && (
        <>
          <input
            className="filter"
            type="search"
            placeholder="Filter by name, region, email…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Filter organisations"
          />
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Region</th>
                <th>District</th>
                <th>Type</th>
                <th>Contact</th>
                <th>Email</th>
                <th>Language</th>
                {editable && <th />}
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => (
                <tr key={o.id}>
                  <td>{o.name}</td>
                  <td>{o.kind}</td>
                  <td>{o.region}</td>
                  <td>{o.district ?? "—"}</td>
                  <td>{o.orgType ?? "—"}</td>
                  <td>{o.contactName ?? "—"}</td>
                  <td>{o.email ?? <span className="muted">no email: deliver links by hand</span>}</td>
                  <td>{o.locale ?? "—"}</td>
                  {editable && (
                    <td>
                      <button type="button" onClick={() => setEditing(o)}>
                        Edit
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
