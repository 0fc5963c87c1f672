import type { Db } from "../../db/database.ts";

// The api_tokens table as authentication sees it: finding the token a request carries. Creating, listing and
// revoking them is server/modules/tokens/.

/** The token with this hash and its user, whatever its state: the caller tells revoked and expired apart. */
export function findTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as tokenId",
      "api_tokens.access",
      "api_tokens.expires_at as expiresAt",
      "api_tokens.revoked_at as revokedAt",
      "api_tokens.last_used_at as lastUsedAt",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.ui_language as uiLanguage",
      "users.disabled_at as disabledAt",
    ])
    .where("api_tokens.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function setTokenLastUsed(db: Db, tokenId: number, at: string) {
  return db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", tokenId).execute();
}
