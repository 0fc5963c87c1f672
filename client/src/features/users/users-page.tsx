import { useCallback, useEffect, useState, type FormEvent } from "react";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { roles, type Role } from "../../../../server/value-lists.ts";
import { createUser, listUsers, updateUser, type ManagedUserView, type NewUserBody } from "./api.ts";

const emptyForm: NewUserBody = { email: "", name: "", role: "evaluator", password: "" };

export function UsersPage() {
  const { session, api } = useSession();
  const [users, setUsers] = useState<ManagedUserView[]>([]);
  const [form, setForm] = useState<NewUserBody>(emptyForm);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    listUsers(api).then(setUsers, (e) => setMessage(describeError(e)));
  }, [api]);
  useEffect(load, [load]);

  if (session?.user.role !== "admin") return <p>Only administrators manage users.</p>;

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
    await change(`Account created for ${form.email}. Give them their password by a safe channel.`, () =>
      createUser(api, form),
    );
    setForm(emptyForm);
  }

  return (
    <section>
      <h1>Users</h1>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) =>
                    change("Role changed.", () => updateUser(api, u.id, { role: e.target.value as Role }))
                  }
                >
                  {roles.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    change(u.disabled ? "Account enabled." : "Account disabled; its sessions ended.", () =>
                      updateUser(api, u.id, { disabled: !u.disabled }),
                    )
                  }
                >
                  {u.disabled ? "Enable" : "Disable"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form panel narrow" onSubmit={create}>
        <h2>Add a user</h2>
        <label>
          Email
          <input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
          />
        </label>
        <label>
          Name
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Initial password (10+ characters; they can change it)
          <input
            type="text"
            minLength={10}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </label>
        <button type="submit" className="primary">
          Create account
        </button>
      </form>
    </section>
  );
}
