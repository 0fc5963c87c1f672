import { useCallback, useEffect, useState, type FormEvent } from "react";
import { roles, type Role } from "../../../../server/value-lists.ts";
import { describeError } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { createUser, listUsers, updateUser, type ManagedUserView, type NewUserBody } from "./api.ts";

const emptyForm: NewUserBody = { email: "", name: "", role: "evaluator", password: "" };

export function UsersPage() {
  const { session, api } = useSession();
  const { t } = useTranslation();
  usePageTitle(t("users.title"));
  const [users, setUsers] = useState<ManagedUserView[]>([]);
  const [form, setForm] = useState<NewUserBody>(emptyForm);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    listUsers(api).then(setUsers, (e) => setMessage(describeError(e)));
  }, [api]);
  useEffect(load, [load]);

  if (session?.user.role !== "admin") return <p>{t("users.adminsOnly")}</p>;

  const change = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setMessage(label);
    } catch (e) {
      setMessage(describeError(e));
    }
    load();
  };

  async function create(event: FormEvent) {
    event.preventDefault();
    await change(t("users.created", { email: form.email }), () => createUser(api, form));
    setForm(emptyForm);
  }

  const roleOptions = roles.map((r) => (
    <option key={r} value={r}>
      {t(`account.role.${r}`)}
    </option>
  ));

  return (
    <section>
      <h1>{t("users.title")}</h1>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t("users.name")}</th>
            <th>{t("common.email")}</th>
            <th>{t("common.role")}</th>
            <th>{t("common.status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={t("users.roleOf", { email: u.email })}
                  value={u.role}
                  onChange={(e) =>
                    change(t("users.roleChanged"), () => updateUser(api, u.id, { role: e.target.value as Role }))
                  }
                >
                  {roleOptions}
                </select>
              </td>
              <td>
                <span className="muted">{u.disabled ? t("users.inactive") : t("users.active")}</span>{" "}
                <button
                  type="button"
                  onClick={() =>
                    change(u.disabled ? t("users.enabled") : t("users.disabled"), () =>
                      updateUser(api, u.id, { disabled: !u.disabled }),
                    )
                  }
                >
                  {u.disabled ? t("users.enable") : t("users.disable")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form panel narrow" onSubmit={create}>
        <h2>{t("users.add")}</h2>
        <label>
          {t("common.email")}
          <input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
          />
        </label>
        <label>
          {t("users.name")}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>
        <label>
          {t("common.role")}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roleOptions}
          </select>
        </label>
        <label>
          {t("users.password")}
          <input
            type="text"
            minLength={10}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </label>
        <button type="submit" className="primary">
          {t("users.create")}
        </button>
      </form>
    </section>
  );
}
