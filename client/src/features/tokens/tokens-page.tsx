import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { CreatedToken, TokenView } from "../../../../server/modules/tokens/tokens.schemas.ts";
import { describeError, formatDate, formatDateTime } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";

/** A token's state as its list shows it. */
function stateOf(token: TokenView): "revoked" | "expired" | "active" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= new Date().toISOString()) return "expired";
  return "active";
}

/**
 * The user's personal API tokens: for R, Python or Power BI to read (or write) as them, with
 * `Authorization: Bearer <token>`. The secret is shown once, right after creation.
 */
export function TokensPage() {
  const { session, api } = useSession();
  const { t } = useTranslation();
  usePageTitle(t("tokens.title"));
  const [tokens, setTokens] = useState<TokenView[]>([]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [form, setForm] = useState({ name: "", access: "read", expiresAt: "" });
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    api<TokenView[]>("GET", "/api/tokens").then(setTokens, (e) => setMessage(describeError(e)));
  }, [api]);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    try {
      const token = await api<CreatedToken>("POST", "/api/tokens", {
        name: form.name,
        access: form.access,
        ...(form.expiresAt ? { expiresAt: form.expiresAt } : {}),
      });
      setCreated(token);
      setForm({ name: "", access: "read", expiresAt: "" });
    } catch (error) {
      setMessage(describeError(error));
    }
    load();
  }

  async function revoke(token: TokenView) {
    if (!window.confirm(t("tokens.confirmRevoke", { name: token.name }))) return;
    setMessage(null);
    try {
      await api("DELETE", `/api/tokens/${token.id}`);
      setMessage(t("tokens.revoked", { name: token.name }));
      if (created?.id === token.id) setCreated(null);
    } catch (error) {
      setMessage(describeError(error));
    }
    load();
  }

  return (
    <section>
      <h1>{t("tokens.title")}</h1>
      <p className="muted">{t("tokens.lead")}</p>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {created && (
        <div className="panel" role="status">
          <h2>{t("tokens.createdTitle", { name: created.name })}</h2>
          <p>{t("tokens.copyNow")}</p>
          <p>
            <code className="secret" data-testid="new-token">
              {created.token}
            </code>{" "}
            <button type="button" onClick={() => void navigator.clipboard?.writeText(created.token)}>
              {t("tokens.copy")}
            </button>
          </p>
          <pre className="example">{`curl -H "Authorization: Bearer ${created.token}" \\\n  ${window.location.origin}/api/evaluations`}</pre>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="empty">{t("tokens.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t("tokens.name")}</th>
              <th>{t("tokens.access")}</th>
              <th>{t("tokens.prefix")}</th>
              <th>{t("tokens.createdAt")}</th>
              <th>{t("tokens.expiresAt")}</th>
              <th>{t("tokens.lastUsedAt")}</th>
              <th>{t("tokens.state")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const state = stateOf(token);
              return (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{t(`tokens.accessLevels.${token.access}`)}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{formatDate(token.createdAt)}</td>
                  <td>{token.expiresAt ? formatDate(token.expiresAt) : t("tokens.never")}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("tokens.neverUsed")}</td>
                  <td>{t(`tokens.states.${state}`)}</td>
                  <td>
                    {state === "active" && (
                      <button type="button" onClick={() => void revoke(token)}>
                        {t("tokens.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form className="form panel narrow" onSubmit={create}>
        <h2>{t("tokens.new")}</h2>
        <label>
          {t("tokens.name")}
          <input
            value={form.name}
            maxLength={100}
            placeholder={t("tokens.namePlaceholder")}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
          />
        </label>
        <label>
          {t("tokens.access")}
          <select value={form.access} onChange={(e) => setForm({ ...form, access: e.target.value })}>
            <option value="read">{t("tokens.accessLevels.read")}</option>
            {canEdit(session) && <option value="write">{t("tokens.accessLevels.write")}</option>}
          </select>
        </label>
        <label>
          {t("tokens.expiresOn")}
          <input type="date" value={form.expiresAt} onChange={(e) => setForm({ ...form, expiresAt: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t("tokens.create")}
        </button>
      </form>
    </section>
  );
}
