import type { UserView } from "../../../server/modules/auth/auth.schemas.ts";

// Only the user, never the CSRF token: enough to open the workspace offline, and to greet them in their language
// before the server has answered; nothing that authorises a request.
const lastUserKey = "sapat:last-user";

export function rememberUser(user: UserView | null): void {
  try {
    if (user) localStorage.setItem(lastUserKey, JSON.stringify(user));
    else localStorage.removeItem(lastUserKey);
  } catch {
    // No storage: the workspace then needs a connection to open.
  }
}

/** The user last signed in on this device, as the server last described them; null when none (or no storage). */
export function lastUser(): UserView | null {
  try {
    const raw = localStorage.getItem(lastUserKey);
    return raw ? (JSON.parse(raw) as UserView) : null;
  } catch {
    return null;
  }
}
