import type { Db } from "../../db/database.ts";
import type { Role } from "../../db/schema.ts";
import { badRequest, conflict } from "../../errors.ts";
import { hashPassword } from "./password.ts";
import { countUsers, findUserByEmail, insertUser } from "./users.repository.ts";
import { minPasswordLength } from "./users.schemas.ts";

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;

export async function createUser(db: Db, input: NewUserInput): Promise<number> {
  const email = input.email.trim().toLowerCase();
  if (!emailPattern.test(email))
    throw badRequest("Invalid email", [{ field: "email", message: "is not an email address" }]);
  if (input.password.length < minPasswordLength) {
    throw badRequest("Password too short", [
      { field: "password", message: `must be at least ${minPasswordLength} characters` },
    ]);
  }
  if (await findUserByEmail(db, email)) throw conflict("email_taken", `A user with email ${email} already exists`);
  return insertUser(db, {
    email,
    name: input.name.trim() || email,
    role: input.role,
    password_hash: await hashPassword(input.password),
    disabled_at: null,
    created_at: new Date().toISOString(),
  });
}

/** Creates the first admin from configuration when the database has no user yet. */
export async function ensureFirstAdmin(
  db: Db,
  email: string | null,
  password: string | null,
): Promise<"created" | "exists" | "missing"> {
  if ((await countUsers(db)) > 0) return "exists";
  if (!email || !password) return "missing";
  await createUser(db, { email, name: "Administrator", role: "admin", password });
  return "created";
}
