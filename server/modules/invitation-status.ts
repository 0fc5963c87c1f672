import type { Invitation } from "../db/schema.ts";
import type { InvitationStatus } from "../value-lists.ts";

/** The status a person should see: an unanswered link past its expiry is expired, whatever was stored. */
export function effectiveStatus(
  invitation: Pick<Invitation, "status" | "expires_at">,
  now = new Date(),
): InvitationStatus {
  const open = invitation.status !== "submitted" && invitation.status !== "revoked";
  if (open && invitation.expires_at !== null && invitation.expires_at <= now.toISOString()) return "expired";
  return invitation.status;
}

const lifecycle = ["created", "sent", "opened", "started", "submitted"] as const;
type LifecycleStatus = (typeof lifecycle)[number];

/** The changes that move an invitation forward to `to` (never back) and record the activity. */
export function advanceInvitation(
  invitation: Invitation,
  to: LifecycleStatus,
  now = new Date().toISOString(),
): Partial<Invitation> {
  const from = lifecycle.indexOf(invitation.status as LifecycleStatus);
  const changes: Partial<Invitation> = { last_activity_at: now };
  if (from < lifecycle.indexOf(to)) changes.status = to;
  if (to === "sent" && !invitation.sent_at) changes.sent_at = now;
  if (to === "opened" && !invitation.opened_at) changes.opened_at = now;
  if (to === "started" && !invitation.started_at) changes.started_at = now;
  if (to === "submitted") changes.submitted_at = now;
  return changes;
}
