import type { Db } from "../../db/database.ts";
import type { NewResponse, ResponsesTable } from "../../db/schema.ts";
import type { Updateable } from "kysely";

export function findResponseByInvitation(db: Db, invitationId: number) {
  return db.selectFrom("responses").selectAll().where("invitation_id", "=", invitationId).executeTakeFirst();
}

export async function insertResponse(db: Db, row: NewResponse): Promise<number> {
  const inserted = await db.insertInto("responses").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

export function updateResponse(db: Db, id: number, changes: Updateable<ResponsesTable>) {
  return db.updateTable("responses").set(changes).where("id", "=", id).execute();
}
