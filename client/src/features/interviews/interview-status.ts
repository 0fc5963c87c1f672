import type { TFunction } from "i18next";
import type { OrganizationView } from "../../../../server/modules/organizations/organizations.schemas.ts";
import type { LocalInterview, PendingOrganization } from "./store.ts";

export type SyncState = "synced" | "waiting" | "conflict" | "refused";

export function syncStateOf(interview: LocalInterview): SyncState {
  if (interview.conflict) return "conflict";
  if (interview.dirty && interview.lastError && interview.lastError.change === interview.changeCount) return "refused";
  return interview.dirty ? "waiting" : "synced";
}

/** The organisation's name, whether it is on the server or was added on the spot. */
export function organizationName(
  interview: Pick<LocalInterview, "organizationId" | "pendingOrganizationId">,
  organizations: OrganizationView[],
  pending: PendingOrganization[],
  t: TFunction,
): string {
  const local = pending.find((p) => p.clientId === interview.pendingOrganizationId);
  if (local) return local.organizationId === null ? t("interviews.addedHere", { name: local.name }) : local.name;
  return (
    organizations.find((o) => o.id === interview.organizationId)?.name ??
    t("interviews.organisationNumber", { id: interview.organizationId })
  );
}

/** Today as YYYY-MM-DD in the device's time zone (where the interview takes place). */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
