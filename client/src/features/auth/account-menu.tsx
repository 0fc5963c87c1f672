import { useState, type FormEvent } from "react";
import { describeError } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";

export function AccountMenu() {
  const { session, setSession, api } = useSession();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  if (!session) return null;

  async function logOut() {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    setSession(null);
  }

  async function changePassword(event: FormEvent) {
    event.preventDefault();
    try {
      await api("POST", "/api/auth/password", { currentPassword: current, newPassword: next });
      setMessage("Password changed.");
      setCurrent("");
      setNext("");
    } catch (error) {
      setMessage(describeError(error));
    }
  }

  return (
    <div className="account">
      <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
        {session.user.name} ({session.user.role})
      </button>
      {open && (
        <div className="account-panel">
          <form onSubmit={changePassword} className="form">
            <label>
              Current password
              <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
            </label>
            <label>
              New password (10+ characters)
              <input type="password" value={next} minLength={10} onChange={(e) => setNext(e.target.value)} required />
            </label>
            <button type="submit">Change password</button>
            {message && <p role="status">{message}</p>}
          </form>
          <button type="button" onClick={logOut}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
