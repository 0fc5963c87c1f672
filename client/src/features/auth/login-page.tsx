import { useState, type FormEvent } from "react";
import { ApiError, requestJson } from "../../lib/http.ts";
import { useSession } from "../../lib/session.tsx";
import type { UserView } from "../../../../server/modules/auth/auth.schemas.ts";

export function LoginPage() {
  const { setSession } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(
        await requestJson<{ user: UserView; csrfToken: string }>("POST", "/api/auth/login", { email, password }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.body.message : "Cannot reach the server. Check your connection.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow login">
      <h1>Sapat</h1>
      <p className="muted">Evaluator sign-in. Respondents do not need an account: they use the link they received.</p>
      <form onSubmit={submit} className="form">
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
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
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
