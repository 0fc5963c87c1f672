import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.ts";
import type { Role, TokenAccess } from "../../value-lists.ts";
import { AppError, badRequest, notFound, unauthorized } from "../../errors.ts";
import { findTokenByHash, setTokenLastUsed } from "./api-tokens.repository.ts";
import { findAccountByEmail, findAccountById, setAccountUiLanguage, setPasswordHash } from "./accounts.repository.ts";
import { hashPassword, minPasswordLength, needsRehash, unusableHash, verifyPassword } from "./password.ts";
import { isUiLanguage, type UiLanguage } from "../../i18n/languages.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  extendSession,
  findLiveSession,
  insertSession,
} from "./sessions.repository.ts";
import { inWords } from "../../i18n/details.ts";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  uiLanguage: UiLanguage | null;
  sessionId: string;
  csrfToken: string;
}

/** Who a request acts for: a session's user, or an API token's (then with at most the token's access). */
export type RequestUser = Omit<SessionUser, "sessionId" | "csrfToken"> &
  ({ sessionId: string; csrfToken: string; token: null } | { sessionId: null; csrfToken: null; token: BearerToken });

export interface BearerToken {
  id: number;
  access: TokenAccess;
}

/** The secret of an API token: recognisable in a config file or a leaked log. */
export const apiTokenPrefix = "sapat_";

/** last_used_at is bookkeeping: written at most this often per token, so that a script's many reads cost no writes. */
const lastUsedResolutionMs = 60_000;

/**
 * The cookie and API tokens carry a random secret; the database keeps only its hash, so a leaked file opens no
 * session. The secrets are 32 random bytes: a fast hash loses nothing.
 */
export function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function logIn(db: Db, email: string, password: string, ttlMs: number) {
  const user = await findAccountByEmail(db, email);
  // Verify against a dummy hash for unknown emails so that timing does not reveal which emails exist.
  const valid = await verifyPassword(password, user?.password_hash ?? unusableHash);
  if (!user || !valid || user.disabled_at) throw unauthorized("invalid_credentials", "Wrong email or password");
  if (needsRehash(user.password_hash)) {
    await setPasswordHash(db, user.id, await hashPassword(password));
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = new Date();
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    id: hashSecret(token),
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
  const session = await findLiveSession(db, hashSecret(token), now.toISOString());
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

/**
 * Resolves an `Authorization: Bearer` secret; null for an unknown, revoked or expired token, or a disabled user
 * (all answer 401 alike).
 */
export async function resolveBearerToken(db: Db, secret: string): Promise<RequestUser | null> {
  if (!secret.startsWith(apiTokenPrefix)) return null;
  const now = new Date();
  const found = await findTokenByHash(db, hashSecret(secret));
  if (!found || found.revokedAt || found.disabledAt) return null;
  if (found.expiresAt && found.expiresAt <= now.toISOString()) return null;
  if (!found.lastUsedAt || now.getTime() - new Date(found.lastUsedAt).getTime() >= lastUsedResolutionMs) {
    await setTokenLastUsed(db, found.tokenId, now.toISOString());
  }
  return {
    id: found.id,
    email: found.email,
    name: found.name,
    role: found.role,
    uiLanguage: isUiLanguage(found.uiLanguage) ? found.uiLanguage : null,
    sessionId: null,
    csrfToken: null,
    token: { id: found.tokenId, access: found.access },
  };
}

export function logOut(db: Db, sessionId: string) {
  return deleteSession(db, sessionId);
}

/**
 * Checks a change of one's own password and hashes the new one: slow on purpose (scrypt), so it runs before the
 * caller's transaction, which then stores it with `storePasswordChange`.
 */
export async function preparePasswordChange(
  db: Db,
  userId: number,
  currentPassword: string,
  newPassword: string,
): Promise<{ passwordHash: string }> {
  const user = await findAccountById(db, userId);
  if (!user) throw notFound("User");
  if (!(await verifyPassword(currentPassword, user.password_hash))) {
    throw new AppError(403, "wrong_password", "The current password is not right", [
      { field: "currentPassword", ...inWords("account.wrongPassword") },
    ]);
  }
  if (newPassword.length < minPasswordLength) {
    throw badRequest("Password too short", [
      { field: "newPassword", ...inWords("schema.minLength", { count: minPasswordLength }) },
    ]);
  }
  return { passwordHash: await hashPassword(newPassword) };
}

/** Stores a new password; every other session of the user ends, the one asking stays. */
export async function storePasswordChange(db: Db, userId: number, sessionId: string, passwordHash: string) {
  await setPasswordHash(db, userId, passwordHash);
  await deleteSessionsOfUser(db, userId, sessionId);
}

/** Remembers the workspace language a user chose; null goes back to following the browser. */
export async function setUiLanguage(db: Db, userId: number, uiLanguage: UiLanguage | null): Promise<void> {
  await setAccountUiLanguage(db, userId, uiLanguage);
}
