import { useCallback, useEffect, useState } from "react";
import { auditActions } from "../../../../server/value-lists.ts";
import type { AuditEventList, AuditEventView } from "../../../../server/modules/audit-log/audit-log.schemas.ts";
import { describeError, formatDateTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";

interface UserRow {
  id: number;
  email: string;
  name: string;
}

interface Filters {
  action: string;
  userId: string;
  from: string;
  to: string;
}

const pageSize = 100;

function queryOf(filters: Filters, before?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (before !== undefined) params.set("before", String(before));
  return params.toString();
}

/** The audit log (admins): who did what, when, from where; filtered, paged, downloadable as CSV. */
export function AuditPage() {
  const { session, api } = useSession();
  const { t } = useTranslation();
  usePageTitle(t("audit.title"));
  const [filters, setFilters] = useState<Filters>({ action: "", userId: "", from: "", to: "" });
  const [events, setEvents] = useState<AuditEventView[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [users, setUsers] = useState<UserRow[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const isAdmin = session?.user.role === "admin";

  const load = useCallback(
    (before?: number) => {
      api<AuditEventList>("GET", `/api/audit?${queryOf(filters, before)}&limit=${pageSize}`).then(
        (page) => {
          setMessage(null);
          setEvents((shown) => (before === undefined ? page.events : [...shown, ...page.events]));
          setNextBefore(page.nextBefore);
        },
        (e) => setMessage(describeError(e)),
      );
    },
    [api, filters],
  );
  useEffect(() => {
    if (isAdmin) load();
  }, [isAdmin, load]);
  useEffect(() => {
    if (isAdmin) api<UserRow[]>("GET", "/api/users").then(setUsers, () => setUsers([]));
  }, [api, isAdmin]);

  if (!isAdmin) return <p>{t("audit.adminsOnly")}</p>;

  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters({ ...filters, [key]: e.target.value });

  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p className="muted">{t("audit.lead")}</p>
      <form className="form inline" aria-label={t("audit.filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("audit.action")}
          <select value={filters.action} onChange={set("action")}>
            <option value="">{t("audit.allActions")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("audit.user")}
          <select value={filters.userId} onChange={set("userId")}>
            <option value="">{t("audit.allUsers")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("audit.from")}
          <input type="date" value={filters.from} onChange={set("from")} />
        </label>
        <label>
          {t("audit.to")}
          <input type="date" value={filters.to} onChange={set("to")} />
        </label>
        <a className="button" href={`/api/audit/export.csv?${queryOf(filters)}`} download>
          {t("audit.downloadCsv")}
        </a>
      </form>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {events.length === 0 ? (
        <p className="empty">{t("audit.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t("audit.at")}</th>
              <th>{t("audit.user")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.target")}</th>
              <th>{t("audit.ip")}</th>
              <th>{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{formatDateTime(event.at)}</td>
                <td>{event.userEmail ?? t("audit.system")}</td>
                <td>{t(`audit.actions.${event.action}`)}</td>
                <td>{event.target ?? ""}</td>
                <td>{event.ip ?? ""}</td>
                <td>
                  <code>{Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button type="button" onClick={() => load(nextBefore)}>
          {t("audit.more")}
        </button>
      )}
    </section>
  );
}
