import { useCallback, useEffect, useState, type FormEvent } from "react";
import { memberRoles, type MemberRole } from "../../../../server/value-lists.ts";
import type { MemberView } from "../../../../server/modules/members/members.schemas.ts";
import { describeError } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";

interface Candidate {
  userId: number;
  email: string;
  name: string;
  accountRole: string;
}

/**
 * Who may see and work on the evaluation. Everyone in it sees the list; owners and admins add, change and remove
 * members (the server keeps at least one owner and says so when asked otherwise).
 */
export function MembersPanel({
  evaluationId,
  onMyRole,
}: {
  evaluationId: number;
  /** The signed-in user's role here (admins: owner), once known: the page hides what it would refuse. */
  onMyRole?: (role: MemberRole | null) => void;
}) {
  const { session, api } = useSession();
  const { t } = useTranslation();
  const [members, setMembers] = useState<MemberView[]>([]);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [form, setForm] = useState<{ userId: string; role: MemberRole }>({ userId: "", role: "evaluator" });
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const me = session?.user;
  const myRole: MemberRole | null =
    me?.role === "admin" ? "owner" : (members.find((m) => m.userId === me?.id)?.role ?? null);
  const manages = myRole === "owner" && me?.role !== "viewer";

  useEffect(() => {
    api<MemberView[]>("GET", `/api/evaluations/${evaluationId}/members`).then(setMembers, (e) =>
      setMessage(describeError(e)),
    );
  }, [api, evaluationId, version]);
  useEffect(() => {
    if (members.length > 0) onMyRole?.(myRole);
  }, [members.length, myRole, onMyRole]);
  useEffect(() => {
    if (!manages) return;
    api<Candidate[]>("GET", `/api/evaluations/${evaluationId}/member-candidates`).then(setCandidates, () =>
      setCandidates([]),
    );
  }, [api, evaluationId, manages, version]);

  const act = useCallback(async (done: string, run: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await run();
      setMessage(done);
    } catch (error) {
      setMessage(describeError(error));
    }
    setVersion((v) => v + 1);
  }, []);

  function add(event: FormEvent) {
    event.preventDefault();
    if (!form.userId) return;
    const who = candidates.find((c) => String(c.userId) === form.userId);
    void act(t("members.added", { name: who?.name ?? "" }), () =>
      api("PUT", `/api/evaluations/${evaluationId}/members/${form.userId}`, { role: form.role }),
    );
    setForm({ userId: "", role: "evaluator" });
  }

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">{t("members.title")}</h2>
      <p className="muted">{t("members.lead")}</p>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t("members.name")}</th>
            <th>{t("members.email")}</th>
            <th>{t("members.role")}</th>
            {manages && <th>{t("members.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name}
                {m.disabled && <span className="muted"> ({t("members.disabled")})</span>}
              </td>
              <td>{m.email}</td>
              <td>
                {manages ? (
                  <select
                    aria-label={t("members.roleOf", { name: m.name })}
                    value={m.role}
                    onChange={(e) =>
                      void act(t("members.roleChanged", { name: m.name }), () =>
                        api("PUT", `/api/evaluations/${evaluationId}/members/${m.userId}`, { role: e.target.value }),
                      )
                    }
                  >
                    {memberRoles.map((r) => (
                      <option key={r} value={r} disabled={m.accountRole === "viewer" && r !== "viewer"}>
                        {t(`members.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`members.roles.${m.role}`)
                )}
              </td>
              {manages && (
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      window.confirm(t("members.confirmRemove", { name: m.name })) &&
                      void act(t("members.removed", { name: m.name }), () =>
                        api("DELETE", `/api/evaluations/${evaluationId}/members/${m.userId}`),
                      )
                    }
                  >
                    {t("members.remove")}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {manages && (
        <form className="form inline" onSubmit={add}>
          <label>
            {t("members.person")}
            <select value={form.userId} onChange={(e) => setForm({ ...form, userId: e.target.value })} required>
              <option value="">{t("members.choose")}</option>
              {candidates.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.name} ({c.email})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("members.role")}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as MemberRole })}>
              {memberRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`members.roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={!form.userId}>
            {t("members.add")}
          </button>
        </form>
      )}
    </section>
  );
}
