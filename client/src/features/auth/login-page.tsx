import { useState, type FormEvent } from "react";
import { ApiError } from "../../lib/http.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { logIn } from "./api.ts";

export function LoginPage() {
  const { setSession } = useSession();
  const { t } = useTranslation();
  usePageTitle(t("login.title"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await logIn({ email, password }));
    } catch (e) {
      setError(e instanceof ApiError ? e.body.message : t("login.unreachable"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow login">
      <div className="login-head">
        <h1>Sapat</h1>
        <LanguageSwitch />
      </div>
      <p className="muted">{t("login.lead")}</p>
      <form onSubmit={submit} className="form">
        <label>
          {t("login.email")}
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          {t("login.password")}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("login.busy") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}
