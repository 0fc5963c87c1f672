import type { Db } from "../../db/database.ts";
import { insertOrganization } from "./organizations.repository.ts";
import type { NewOrganizationBody } from "./organizations.schemas.ts";
import { assertSingleMailbox } from "./email-address.ts";

function findByClientId(db: Db, clientId: string) {
  return db.selectFrom("organizations").select("id").where("client_id", "=", clientId).executeTakeFirst();
}

/**
 * Creates the organisation a device added on the spot, once: a replay (the answer lost on the way back, a second
 * sync) gets the same id and changes nothing, whatever body it carries; later edits go through PATCH.
 */
export async function createOrganizationOnce(
  db: Db,
  clientIdParam: string,
  body: NewOrganizationBody,
): Promise<{ id: number; created: boolean }> {
  assertSingleMailbox(body.email);
  const clientId = clientIdParam.toLowerCase();
  const known = await findByClientId(db, clientId);
  if (known) return { id: known.id, created: false };
  const now = new Date().toISOString();
  try {
    const id = await insertOrganization(db, {
      name: body.name.trim(),
      kind: body.kind,
      region: body.region.trim(),
      district: body.district?.trim() || null,
      org_type: body.orgType?.trim() || null,
      email: body.email?.trim().toLowerCase() || null,
      contact_name: body.contactName?.trim() || null,
      locale: body.locale ?? null,
      client_id: clientId,
      created_at: now,
      updated_at: now,
    });
    return { id, created: true };
  } catch (error) {
    // Two replays at once: the unique index let one in; the other answers with its id.
    const raced = await findByClientId(db, clientId);
    if (raced) return { id: raced.id, created: false };
    throw error;
  }
}
