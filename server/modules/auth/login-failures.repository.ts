import type { Db } from "../../db/database.ts";

/** Failed logins for an email since `since`: from one address, and from all addresses. */
export async function countLoginFailures(db: Db, email: string, address: string, since: string) {
  const row = await db
    .selectFrom("login_failures")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number | null>(eb.case().when("address", "=", address).then(1).else(0).end()).as("fromAddress"),
    ])
    .where("email", "=", email)
    .where("failed_at", ">", since)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), fromAddress: Number(row.fromAddress ?? 0) };
}

/** The oldest failure from this address still counted, to say when the address may try again. */
export async function oldestLoginFailure(db: Db, email: string, address: string, since: string) {
  const row = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.min("failed_at").as("first"))
    .where("email", "=", email)
    .where("address", "=", address)
    .where("failed_at", ">", since)
    .executeTakeFirst();
  return row?.first ?? null;
}

/** Records a failure, and forgets those older than the window (of every email). Two writes: the caller's transaction. */
export async function recordLoginFailure(db: Db, email: string, address: string, now: string, since: string) {
  await db.deleteFrom("login_failures").where("failed_at", "<=", since).execute();
  await db.insertInto("login_failures").values({ email, address, failed_at: now }).execute();
}

/** Clears an email's failures: from one address (its owner logged in there), or from all (`npm run user:unlock`). */
export async function clearLoginFailures(db: Db, email: string, address?: string): Promise<number> {
  let query = db.deleteFrom("login_failures").where("email", "=", email);
  if (address !== undefined) query = query.where("address", "=", address);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
