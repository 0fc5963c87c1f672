import type { Db } from "../../db/database.ts";

// The users table as login sees it: credentials, not account management (server/modules/users/).

export function findAccountByEmail(db: Db, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function findAccountById(db: Db, id: number) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function setPasswordHash(db: Db, id: number, passwordHash: string) {
  return db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}
