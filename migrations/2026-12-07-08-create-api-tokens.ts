import { sql, type Kysely } from "kysely";
import { generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Personal API tokens. Only the sha-256 of the secret is kept: the secret is 32 random bytes, so a slow hash
  // would add nothing, and a leaked database file opens no account.
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("access", "text", (col) => col.notNull().check(sql`access in ('read', 'write')`))
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    // The first characters of the secret, shown in lists so that its holder can tell tokens apart.
    .addColumn("prefix", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_tokens").execute();
}
