import { randomBytes } from "node:crypto";
import type { Db } from "../../db/database.ts";
import type { Role } from "../../value-lists.ts";
import { badRequest, notFound } from "../../errors.ts";
import { apiTokenPrefix, hashSecret } from "../auth/auth.service.ts";
import { parseDeadline } from "../parse-deadline.ts";
import { findTokenOf, insertToken, listTokensOf, setTokenRevoked } from "./tokens.repository.ts";
import type { CreatedToken, NewTokenBody, TokenView } from "./tokens.schemas.ts";
import { inWords } from "../../i18n/details.ts";

/** How much of the secret lists show: the fixed prefix plus a few random characters, far too few to guess the rest. */
const shownLength = apiTokenPrefix.length + 6;

/** Creates a personal API token; the secret is in the answer and nowhere else (the database keeps its hash). */
export async function createToken(
  db: Db,
  owner: { id: number; role: Role },
  body: NewTokenBody,
): Promise<CreatedToken> {
  const name = body.name.trim();
  if (!name) throw badRequest("Invalid name", [{ field: "name", ...inWords("field.blank") }]);
  if (body.access === "write" && owner.role === "viewer") {
    throw badRequest("A viewer account cannot have a write token", [
      { field: "access", ...inWords("account.readOnlyToken") },
    ]);
  }
  const expiresAt = parseDeadline(body.expiresAt, "expiresAt");
  if (expiresAt !== null && expiresAt <= new Date().toISOString()) {
    throw badRequest("The expiry has passed", [{ field: "expiresAt", ...inWords("field.inFuture") }]);
  }
  const token = apiTokenPrefix + randomBytes(32).toString("base64url");
  const id = await insertToken(db, {
    userId: owner.id,
    name,
    access: body.access,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, shownLength),
    expiresAt,
  });
  const view = (await findTokenOf(db, owner.id, id))!;
  return { ...view, token };
}

export function listTokens(db: Db, userId: number): Promise<TokenView[]> {
  return listTokensOf(db, userId);
}

/**
 * Revokes one of the user's own tokens (another user's is "not found"). Revoking a revoked token changes nothing;
 * `revoked` says whether this call did it.
 */
export async function revokeToken(db: Db, userId: number, id: number): Promise<{ revoked: boolean }> {
  const token = await findTokenOf(db, userId, id);
  if (!token) throw notFound("Token");
  if (token.revokedAt) return { revoked: false };
  await setTokenRevoked(db, id, new Date().toISOString());
  return { revoked: true };
}
