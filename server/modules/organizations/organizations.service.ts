import type { Db } from "../../db/database.ts";
import type { OrganizationUpdate } from "../../db/schema.ts";
import { badRequest, notFound } from "../../errors.ts";
import { parseOrganizationCsv, planImport, toOrganizationColumns } from "./organization-import.ts";
import {
  findOrganization,
  insertOrganization,
  listOrganizations,
  toOrganizationView,
  updateOrganizationRow,
} from "./organizations.repository.ts";
import type {
  ImportResult,
  NewOrganizationBody,
  OrganizationView,
  UpdateOrganizationBody,
} from "./organizations.schemas.ts";
import { assertSingleMailbox } from "./email-address.ts";
import { inWords } from "../../i18n/details.ts";

export async function getOrganizationView(db: Db, id: number): Promise<OrganizationView> {
  const row = await findOrganization(db, id);
  if (!row) throw notFound("Organisation");
  return toOrganizationView(row);
}

/** Changes the fields given; an optional text left blank is cleared, a required one may not be blank. */
export async function updateOrganization(db: Db, id: number, body: UpdateOrganizationBody): Promise<OrganizationView> {
  assertSingleMailbox(body.email);
  if (!(await findOrganization(db, id))) throw notFound("Organisation");
  const required = (field: "name" | "region", value: string) => {
    const trimmed = value.trim();
    if (!trimmed) throw badRequest(`Invalid ${field}`, [{ field, ...inWords("field.blank") }]);
    return trimmed;
  };
  const optional = (value: string | null) => value?.trim() || null;
  const changes: OrganizationUpdate = {};
  if (body.name !== undefined) changes.name = required("name", body.name);
  if (body.region !== undefined) changes.region = required("region", body.region);
  if (body.kind !== undefined) changes.kind = body.kind;
  if (body.district !== undefined) changes.district = optional(body.district);
  if (body.orgType !== undefined) changes.org_type = optional(body.orgType);
  if (body.contactName !== undefined) changes.contact_name = optional(body.contactName);
  if (body.email !== undefined) changes.email = optional(body.email)?.toLowerCase() ?? null;
  if (body.locale !== undefined) changes.locale = body.locale;
  await updateOrganizationRow(db, id, { ...changes, updated_at: new Date().toISOString() });
  return toOrganizationView((await findOrganization(db, id))!);
}

/**
 * Imports organisations from CSV text, its messages in `lang`. A dry run only reports what would happen. A real import writes only when
 * no line has an error; run in one transaction (the caller's), a file is imported whole or not at all.
 */
export async function importOrganizations(db: Db, csv: string, dryRun: boolean, lang = "en"): Promise<ImportResult> {
  const parsed = parseOrganizationCsv(csv, lang);
  const run = async (trx: Db): Promise<ImportResult> => {
    const plan = planImport(parsed, await listOrganizations(trx), lang);
    const write = !dryRun && plan.errors.length === 0;
    const now = new Date().toISOString();
    for (const planned of plan.lines) {
      if (!write) break;
      if (planned.row.action === "create") {
        const columns = toOrganizationColumns(planned.changes);
        planned.row.organizationId = await insertOrganization(trx, {
          name: planned.changes.name!,
          kind: planned.changes.kind!,
          region: planned.changes.region!,
          district: null,
          org_type: null,
          contact_name: null,
          email: null,
          locale: null,
          ...columns,
          created_at: now,
          updated_at: now,
        });
      } else if (planned.row.action === "update") {
        await updateOrganizationRow(trx, planned.matchId!, {
          ...toOrganizationColumns(planned.changes),
          updated_at: now,
        });
      }
    }
    const count = (action: string) => plan.lines.filter((l) => l.row.action === action).length;
    return {
      dryRun,
      created: count("create"),
      updated: count("update"),
      unchanged: count("unchanged"),
      errors: plan.errors,
      ignoredColumns: plan.ignoredColumns,
      rows: plan.lines.map((l) => l.row),
    };
  };
  return run(db);
}

export async function createOrganization(db: Db, body: NewOrganizationBody): Promise<number> {
  assertSingleMailbox(body.email);
  const now = new Date().toISOString();
  return insertOrganization(db, {
    name: body.name.trim(),
    kind: body.kind,
    region: body.region.trim(),
    district: body.district ?? null,
    org_type: body.orgType ?? null,
    email: body.email?.trim().toLowerCase() ?? null,
    contact_name: body.contactName ?? null,
    locale: body.locale ?? null,
    created_at: now,
    updated_at: now,
  });
}

export async function listOrganizationViews(db: Db): Promise<OrganizationView[]> {
  return (await listOrganizations(db)).map(toOrganizationView);
}
