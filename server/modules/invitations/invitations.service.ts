import type { Db } from "../../db/database.ts";
import type { Invitation } from "../../db/schema.ts";
import type { InvitationStatus } from "../../value-lists.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { findEvaluation, questionnaireIdsByEvaluation } from "../evaluations/evaluations.repository.ts";
import { isEvaluationClosed } from "../evaluations/evaluations.service.ts";
import { findOrganizationsByIds } from "../organizations/organizations.repository.ts";
import { parseDeadline } from "../parse-deadline.ts";
import { findLatestVersionNumber } from "../questionnaires/questionnaires.repository.ts";
import { effectiveStatus } from "../invitation-status.ts";
import { newInvitationToken } from "./invitation-token.ts";
import {
  findInvitation,
  findInvitationsOfEvaluation,
  findLiveInvitation,
  insertInvitation,
  listInvitations,
  updateInvitation,
} from "./invitations.repository.ts";
import type { BulkResult, ExtendedInvitation, InvitationView, NewInvitationsBody } from "./invitations.schemas.ts";
import { inWords } from "../../i18n/details.ts";

export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/r/${token}`;
}

/**
 * Creates one invitation per organisation, pinned to the questionnaire's newest version. An organisation that
 * already has a live invitation to this questionnaire keeps it: inviting twice must not split its answers.
 */
export async function createInvitations(db: Db, evaluationId: number, body: NewInvitationsBody, publicUrl: string) {
  const evaluation = await findEvaluation(db, evaluationId);
  if (!evaluation) throw notFound("Evaluation");
  if (isEvaluationClosed(evaluation)) throw conflict("evaluation_closed", "The evaluation is closed");
  const questionnaires = (await questionnaireIdsByEvaluation(db, [evaluationId])).get(evaluationId) ?? [];
  if (!questionnaires.includes(body.questionnaireId)) {
    throw badRequest("Questionnaire not used by this evaluation", [
      {
        field: "questionnaireId",
        ...inWords("evaluation.questionnaireNotUsed", { value: body.questionnaireId, ids: questionnaires.join(", ") }),
      },
    ]);
  }
  const version = (await findLatestVersionNumber(db, body.questionnaireId))!;
  const organizations = await findOrganizationsByIds(db, body.organizationIds);
  body.organizationIds.forEach((id, i) => {
    if (!organizations.some((o) => o.id === id)) {
      throw badRequest("Unknown organisation", [
        { field: `organizationIds.${i}`, ...inWords("organization.noSuchId", { id }) },
      ]);
    }
  });
  const expiresAt = parseDeadline(body.expiresAt, "expiresAt");
  const created = [];
  for (const organizationId of body.organizationIds) {
    const existing = await findLiveInvitation(db, evaluationId, organizationId, body.questionnaireId);
    let id = existing?.id;
    let token = existing?.token;
    if (!existing) {
      const organization = organizations.find((o) => o.id === organizationId)!;
      token = newInvitationToken();
      id = await insertInvitation(db, {
        evaluation_id: evaluationId,
        organization_id: organizationId,
        questionnaire_id: body.questionnaireId,
        questionnaire_version: version,
        token,
        locale: body.locale ?? organization.locale ?? "en",
        status: "created",
        expires_at: expiresAt,
        sent_at: null,
        opened_at: null,
        started_at: null,
        submitted_at: null,
        revoked_at: null,
        last_activity_at: null,
        created_at: new Date().toISOString(),
      });
    }
    created.push({ id: id!, organizationId, token: token!, url: invitationUrl(publicUrl, token!) });
  }
  return created;
}

export async function listInvitationViews(db: Db, evaluationId: number, publicUrl: string): Promise<InvitationView[]> {
  if (!(await findEvaluation(db, evaluationId))) throw notFound("Evaluation");
  const rows = await listInvitations(db, evaluationId);
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    evaluationId: r.evaluation_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    questionnaireId: r.questionnaire_id,
    questionnaireVersion: r.questionnaire_version,
    token: r.token,
    url: invitationUrl(publicUrl, r.token),
    locale: r.locale,
    status: effectiveStatus(r, now),
    expiresAt: r.expires_at,
    sentAt: r.sent_at,
    openedAt: r.opened_at,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    revokedAt: r.revoked_at,
    lastActivityAt: r.last_activity_at,
    reminderCount: r.reminder_count,
    progress: r.progress,
    createdAt: r.created_at,
  }));
}

export async function revokeInvitation(db: Db, id: number): Promise<void> {
  const invitation = await findInvitation(db, id);
  if (!invitation) throw notFound("Invitation");
  if (invitation.status === "submitted")
    throw conflict("already_submitted", "A submitted invitation cannot be revoked");
  if (invitation.status === "revoked") return;
  await updateInvitation(db, id, { status: "revoked", revoked_at: new Date().toISOString() });
}

/** A new expiry must lie ahead (null: never expires). */
function futureExpiry(value: string | null): string | null {
  const expiresAt = parseDeadline(value, "expiresAt");
  if (expiresAt !== null && expiresAt <= new Date().toISOString()) {
    throw badRequest("The expiry must be in the future", [{ field: "expiresAt", ...inWords("field.inFuture") }]);
  }
  return expiresAt;
}

/** The lifecycle status an invitation had reached, should "expired" ever have been stored. */
function liveStatus(invitation: Invitation): InvitationStatus {
  if (invitation.status !== "expired") return invitation.status;
  if (invitation.started_at) return "started";
  if (invitation.opened_at) return "opened";
  if (invitation.sent_at) return "sent";
  return "created";
}

async function setExpiry(db: Db, invitation: Invitation, expiresAt: string | null): Promise<ExtendedInvitation> {
  const status = liveStatus(invitation);
  await updateInvitation(db, invitation.id, { expires_at: expiresAt, status });
  return { id: invitation.id, status: effectiveStatus({ status, expires_at: expiresAt }), expiresAt };
}

/** Gives a link a new expiry, so that an expired one works again; not for a revoked or submitted one. */
export async function extendInvitation(db: Db, id: number, expiresAtInput: string | null) {
  const expiresAt = futureExpiry(expiresAtInput);
  const invitation = await findInvitation(db, id);
  if (!invitation) throw notFound("Invitation");
  if (invitation.status === "revoked") throw conflict("invitation_revoked", "A revoked invitation cannot be extended");
  if (invitation.status === "submitted") {
    throw conflict("already_submitted", "A submitted invitation cannot be extended");
  }
  return setExpiry(db, invitation, expiresAt);
}

/** The invitations of one evaluation named by id; every id must be one of them. */
async function invitationsOf(db: Db, evaluationId: number, ids: number[]): Promise<Invitation[]> {
  if (!(await findEvaluation(db, evaluationId))) throw notFound("Evaluation");
  const rows = await findInvitationsOfEvaluation(db, evaluationId, ids);
  const details = ids.flatMap((id, i) =>
    rows.some((r) => r.id === id) ? [] : [{ field: `invitationIds.${i}`, ...inWords("invitation.noSuchId", { id }) }],
  );
  if (details.length > 0) throw badRequest("Unknown invitations", details);
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/** Revokes several invitations at once; submitted ones are left as they are and reported. */
export async function revokeInvitations(db: Db, evaluationId: number, ids: number[]): Promise<BulkResult> {
  const result: BulkResult = { updated: [], skipped: [] };
  const now = new Date().toISOString();
  for (const invitation of await invitationsOf(db, evaluationId, ids)) {
    if (invitation.status === "submitted") result.skipped.push({ id: invitation.id, reason: "submitted" });
    else if (invitation.status === "revoked") result.skipped.push({ id: invitation.id, reason: "already_revoked" });
    else {
      await updateInvitation(db, invitation.id, { status: "revoked", revoked_at: now });
      result.updated.push(invitation.id);
    }
  }
  return result;
}

/** Gives several invitations a new expiry at once; revoked and submitted ones are left alone and reported. */
export async function extendInvitations(
  db: Db,
  evaluationId: number,
  ids: number[],
  expiresAtInput: string | null,
): Promise<BulkResult> {
  const expiresAt = futureExpiry(expiresAtInput);
  const result: BulkResult = { updated: [], skipped: [] };
  for (const invitation of await invitationsOf(db, evaluationId, ids)) {
    if (invitation.status === "submitted" || invitation.status === "revoked") {
      result.skipped.push({ id: invitation.id, reason: invitation.status });
    } else {
      await setExpiry(db, invitation, expiresAt);
      result.updated.push(invitation.id);
    }
  }
  return result;
}
