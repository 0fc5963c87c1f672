import type { IdView } from "../../../../server/modules/common.schemas.ts";
import type {
  ImportFailure,
  ImportResult,
  NewOrganizationBody,
  OrganizationView,
  UpdateOrganizationBody,
} from "../../../../server/modules/organizations/organizations.schemas.ts";
import { ApiError, type ApiErrorBody } from "../../lib/http.ts";
import { languageHeader } from "../../lib/i18n.ts";
import type { Api } from "../../lib/session.tsx";

// The organisations area's requests; every request and response type is the server's schema, never restated here.

export type { ImportResult, NewOrganizationBody, OrganizationView };

export const listOrganizations = (api: Api) => api<OrganizationView[]>("GET", "/api/organizations");

export const createOrganization = (api: Api, body: NewOrganizationBody) =>
  api<IdView>("POST", "/api/organizations", body);

export const updateOrganization = (api: Api, id: number, body: UpdateOrganizationBody) =>
  api<OrganizationView>("PATCH", `/api/organizations/${id}`, body);

/**
 * Sends a CSV (a chosen file as it is, so that the server can recognise Windows-1251 or UTF-16 spreadsheets).
 * A 422 still carries the line-by-line result (ImportFailure), which the page shows like a preview.
 */
export async function importOrganizations(
  csrfToken: string,
  csv: Blob | string,
  dryRun: boolean,
): Promise<ImportResult | ImportFailure> {
  const response = await fetch(`/api/organizations/import${dryRun ? "?dryRun=1" : ""}`, {
    method: "POST",
    // The preview's messages come back in the workspace's language.
    headers: { "content-type": "text/csv", "x-csrf-token": csrfToken, ...languageHeader() },
    body: csv,
  });
  const body: unknown = await response.json();
  if (response.ok) return body as ImportResult;
  if (response.status === 422) return body as ImportFailure;
  throw new ApiError(response.status, body as ApiErrorBody);
}
