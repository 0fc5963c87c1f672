import type { Db } from "../../db/database.ts";
import type { NewOrganization, Organization, OrganizationUpdate } from "../../db/schema.ts";
import type { OrganizationView } from "./organizations.schemas.ts";

export async function insertOrganization(db: Db, org: NewOrganization): Promise<number> {
  const row = await db.insertInto("organizations").values(org).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export function listOrganizations(db: Db) {
  return db.selectFrom("organizations").selectAll().orderBy("name").orderBy("id").execute();
}

export function findOrganizationsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("organizations").selectAll().where("id", "in", ids).execute();
}

export function toOrganizationView(row: Organization): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    region: row.region,
    district: row.district,
    orgType: row.org_type,
    email: row.email,
    contactName: row.contact_name,
    locale: row.locale,
    isDemo: row.is_demo === 1,
  };
}

export function findOrganization(db: Db, id: number) {
  return db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function updateOrganizationRow(db: Db, id: number, changes: OrganizationUpdate) {
  return db.updateTable("organizations").set(changes).where("id", "=", id).execute();
}
