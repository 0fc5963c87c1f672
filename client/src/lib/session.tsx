import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { UserView } from "../../../server/modules/auth/auth.schemas.ts";
import { editorRoles, type Role } from "../../../server/value-lists.ts";
import { ApiError, NetworkError, requestJson } from "./http.ts";
import { languageHeader } from "./i18n.ts";
import { lastUser, rememberUser } from "./last-user.ts";

interface SessionState {
  user: UserView;
  csrfToken: string;
  /**
   * The server could not be reached: the user is the one last signed in on this device (field work). Reads fail
   * and writes wait (there is no CSRF token) until the connection returns and the session is confirmed.
   */
  offline?: boolean;
}

export interface SessionContextValue {
  session: SessionState | null;
  loading: boolean;
  setSession(session: SessionState | null): void;
  /** A JSON request with the session's CSRF token; a 401 drops the session so the login page shows. */
  api<T>(method: string, url: string, body?: unknown): Promise<T>;
}

/** The session's request function, as the features' api.ts modules take it. */
export type Api = SessionContextValue["api"];

const SessionContext = createContext<SessionContextValue | null>(null);

/** The session as the server sees it; offline, the last signed-in user of this device. */
async function checkSession(): Promise<SessionState | null> {
  try {
    const confirmed = await requestJson<SessionState>("GET", "/api/auth/me");
    rememberUser(confirmed.user);
    return confirmed;
  } catch (error) {
    if (error instanceof NetworkError) {
      const user = lastUser();
      return user ? { user, csrfToken: "", offline: true } : null;
    }
    rememberUser(null);
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionState | null>(null);
  const [loading, setLoading] = useState(true);

  const setSession = useCallback((next: SessionState | null) => {
    rememberUser(next?.user ?? null);
    setSessionState(next);
  }, []);

  useEffect(() => {
    checkSession()
      .then(setSessionState)
      .finally(() => setLoading(false));
  }, []);

  // An offline session is confirmed (and gets its CSRF token) as soon as the connection returns; the browser may
  // think it is online while the server is out of reach, hence the periodic try as well.
  const offline = session?.offline === true;
  useEffect(() => {
    if (!offline) return;
    const confirm = () => void checkSession().then((next) => next?.offline || setSessionState(next));
    window.addEventListener("online", confirm);
    const timer = setInterval(() => navigator.onLine && confirm(), 30_000);
    return () => {
      window.removeEventListener("online", confirm);
      clearInterval(timer);
    };
  }, [offline]);

  const api = useCallback(
    async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
      const headers: Record<string, string> = {
        ...languageHeader(session?.user.uiLanguage),
        ...(session?.csrfToken ? { "x-csrf-token": session.csrfToken } : {}),
      };
      try {
        return await requestJson<T>(method, url, body, headers);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) setSession(null);
        throw error;
      }
    },
    [session, setSession],
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
  return session !== null && (editorRoles as readonly Role[]).includes(session.user.role);
}
