import type { Db } from "../../db/database.ts";
import type { User, UserUpdate } from "../../db/schema.ts";
import type { Role } from "../../value-lists.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { deleteSessionsOfUser } from "../auth/sessions.repository.ts";
import { hashPassword, minPasswordLength } from "../auth/password.ts";
import {
  countOtherActiveAdmins,
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  updateUser,
} from "./users.repository.ts";
import type { ManagedUserView, UpdateUserBody } from "./users.schemas.ts";
import { inWords } from "../../i18n/details.ts";

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;

export async function createUser(db: Db, input: NewUserInput): Promise<number> {
  const email = input.email.trim().toLowerCase();
  if (!emailPattern.test(email)) throw badRequest("Invalid email", [{ field: "email", ...inWords("field.notEmail") }]);
  if (input.password.length < minPasswordLength) {
    throw badRequest("Password too short", [
      { field: "password", ...inWords("schema.minLength", { count: minPasswordLength }) },
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

export function toManagedUserView(row: User): ManagedUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

export async function listManagedUsers(db: Db): Promise<ManagedUserView[]> {
  return (await listUsers(db)).map(toManagedUserView);
}

export async function getManagedUser(db: Db, id: number): Promise<ManagedUserView> {
  const row = await findUserById(db, id);
  if (!row) throw notFound("User");
  return toManagedUserView(row);
}

/**
 * Renames, changes the role of, disables or re-enables a user. Someone must always be able to manage users: an
 * admin cannot lock themself out, and the last active admin stays an active admin. Disabling ends the user's
 * sessions at once.
 */
export async function updateUserAccount(
  db: Db,
  actorId: number,
  id: number,
  body: UpdateUserBody,
): Promise<ManagedUserView> {
  const user = await findUserById(db, id);
  if (!user) throw notFound("User");
  const changes: UserUpdate = {};
  if (body.name !== undefined) {
    const name = body.name.trim();
    if (!name) throw badRequest("Invalid name", [{ field: "name", ...inWords("field.blank") }]);
    changes.name = name;
  }
  if (body.role !== undefined) changes.role = body.role;
  if (body.disabled !== undefined && body.disabled !== (user.disabled_at !== null)) {
    changes.disabled_at = body.disabled ? new Date().toISOString() : null;
  }
  const losesAdmin =
    user.role === "admin" &&
    user.disabled_at === null &&
    ((changes.role !== undefined && changes.role !== "admin") || changes.disabled_at !== undefined);
  if (losesAdmin) {
    if ((await countOtherActiveAdmins(db, id)) === 0) {
      throw conflict("last_admin", "This is the last active admin: make another user admin first");
    }
    if (id === actorId) {
      throw conflict("own_account", "You cannot disable your own account or take away your own admin role");
    }
  }
  if (Object.keys(changes).length > 0) await updateUser(db, id, changes);
  if (typeof changes.disabled_at === "string") await deleteSessionsOfUser(db, id);
  return toManagedUserView((await findUserById(db, id))!);
}
