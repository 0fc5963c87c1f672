import { useState, type FormEvent } from "react";
import { describeError } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { changePassword as savePassword, logOut as endSession } from "./api.ts";

export function AccountMenu() {
  const { session, setSession, api } = useSession();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  if (!session) return null;

  async function logOut() {
    await endSession(api).catch(() => undefined);
    setSession(null);
  }

  async function changePassword(event: FormEvent) {
    event.preventDefault();
    try {
      await savePassword(api, { currentPassword: current, newPassword: next });
      setMessage(t("account.passwordChanged"));
      setCurrent("");
      setNext("");
    } catch (error) {
      setMessage(describeError(error));
    }
  }

  return (
    <div className="account">
      <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
        {session.user.name} ({t(`account.role.${session.user.role}` as string)})
      </button>
      {open && (
        <div className="account-panel">
          <form onSubmit={changePassword} className="form">
            <label>
              {t("account.currentPassword")}
              <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
            </label>
            <label>
              {t("account.newPassword")}
              <input type="password" value={next} minLength={10} onChange={(e) => setNext(e.target.value)} required />
            </label>
            <button type="submit">{t("account.changePassword")}</button>
            {message && <p role="status">{message}</p>}
          </form>
          <button type="button" onClick={logOut}>
            {t("account.signOut")}
          </button>
        </div>
      )}
    </div>
  );
}
