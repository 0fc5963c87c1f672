import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.ts";
import type { Role } from "../../db/schema.ts";
import { isUiLanguage, type UiLanguage } from "../../i18n/languages.ts";
import { unauthorized } from "../../errors.ts";
import { hashPassword, needsRehash, unusableHash, verifyPassword } from "../users/password.ts";
import { findUserByEmail, updateUser } from "../users/users.repository.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findLiveSession,
  insertSession,
} from "./sessions.repository.ts";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  uiLanguage: UiLanguage | null;
  sessionId: string;
  csrfToken: string;
}

/** The cookie carries a random token; the database keeps only its hash, so a leaked file opens no session. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function logIn(db: Db, email: string, password: string, ttlMs: number) {
  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash for unknown emails so that timing does not reveal which emails exist.
  const valid = await verifyPassword(password, user?.password_hash ?? unusableHash);
  if (!user || !valid || user.disabled_at) throw unauthorized("invalid_credentials", "Wrong email or password");
  if (needsRehash(user.password_hash)) {
    await updateUser(db, user.id, { password_hash: await hashPassword(password) });
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = new Date();
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    id: hashSessionToken(token),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  return {
    token,
    csrfToken,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      uiLanguage: isUiLanguage(user.ui_language) ? user.ui_language : null,
    },
  };
}

/** Resolves a session cookie; sliding expiry: activity keeps a session alive for another ttl. */
export async function resolveSession(db: Db, token: string, ttlMs: number): Promise<SessionUser | null> {
  const now = new Date();
  const session = await findLiveSession(db, hashSessionToken(token), now.toISOString());
  if (!session) return null;
  const renewAt = new Date(session.expiresAt).getTime() - ttlMs / 2;
  if (now.getTime() > renewAt)
    await extendSession(db, session.sessionId, new Date(now.getTime() + ttlMs).toISOString());
  return {
    id: session.id,
    email: session.email,
    name: session.name,
    role: session.role,
    uiLanguage: isUiLanguage(session.uiLanguage) ? session.uiLanguage : null,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
  };
}

export function logOut(db: Db, sessionId: string) {
  return deleteSession(db, sessionId);
}
