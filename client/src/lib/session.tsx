import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { UserView } from "../../../server/modules/users/users.schemas.ts";
import { ApiError, requestJson } from "./http.ts";

interface SessionState {
  user: UserView;
  csrfToken: string;
}

interface SessionContextValue {
  session: SessionState | null;
  loading: boolean;
  setSession(session: SessionState | null): void;
  /** A JSON request with the session's CSRF token; a 401 drops the session so the login page shows. */
  api<T>(method: string, url: string, body?: unknown): Promise<T>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    requestJson<SessionState>("GET", "/api/auth/me")
      .then(setSession, () => setSession(null))
      .finally(() => setLoading(false));
  }, []);

  const api = useCallback(
    async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
      const headers: Record<string, string> = session ? { "x-csrf-token": session.csrfToken } : {};
      try {
        return await requestJson<T>(method, url, body, headers);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) setSession(null);
        throw error;
      }
    },
    [session],
  );

  return <SessionContext.Provider value={{ session, loading, setSession, api }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** Everyone but viewers may change data; the server enforces it, the UI only hides what would be refused. */
export function canEdit(session: SessionState | null): boolean {
  return session !== null && session.user.role !== "viewer";
}
