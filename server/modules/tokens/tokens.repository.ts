import type { Db } from "../../db/database.ts";
import type { TokenAccess } from "../../value-lists.ts";

export async function insertToken(
  db: Db,
  token: {
    userId: number;
    name: string;
    access: TokenAccess;
    tokenHash: string;
    prefix: string;
    expiresAt: string | null;
  },
): Promise<number> {
  const row = await db
    .insertInto("api_tokens")
    .values({
      user_id: token.userId,
      name: token.name,
      access: token.access,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: new Date().toISOString(),
      expires_at: token.expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const viewColumns = [
  "id",
  "name",
  "access",
  "prefix",
  "created_at as createdAt",
  "expires_at as expiresAt",
  "last_used_at as lastUsedAt",
  "revoked_at as revokedAt",
] as const;

/** A user's tokens, newest first. */
export function listTokensOf(db: Db, userId: number) {
  return db.selectFrom("api_tokens").select(viewColumns).where("user_id", "=", userId).orderBy("id", "desc").execute();
}

export function findTokenOf(db: Db, userId: number, id: number) {
  return db
    .selectFrom("api_tokens")
    .select(viewColumns)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function setTokenRevoked(db: Db, id: number, at: string) {
  return db.updateTable("api_tokens").set({ revoked_at: at }).where("id", "=", id).execute();
}
