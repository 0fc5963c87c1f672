import { isDeepStrictEqual } from "node:util";
import type { Db } from "../../db/database.ts";
import type { LockedCommit } from "../../db/transaction.ts";
import type { Invitation, InvitationUpdate, NewResponse, ResponseRow } from "../../db/schema.ts";
import { AppError, conflict, gone, unprocessable } from "../../errors.ts";
import type { Answers } from "../../survey-model/answers.ts";
import type { ValidationOutcome } from "../../survey-model/validate-answers.ts";
import { isEvaluationClosed } from "../evaluations/evaluations.service.ts";
import { advanceInvitation, effectiveStatus } from "../invitation-status.ts";
import { invitationTokenPattern } from "../invitations/invitation-token.ts";
import { findLinkByToken, lockInvitations, updateInvitation } from "../invitations/invitations.repository.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import { findResponseByInvitation, insertResponse, updateResponse } from "../responses/responses.repository.ts";
import type { DraftBody, RespondentView, SubmitBody, Submitted } from "./respond.schemas.ts";

// One answer for unknown and revoked links, so that a guessed token learns nothing.
const unknownLink = () => new AppError(404, "not_found", "This questionnaire link is not valid");

/** The invitation behind a token, by the rules of every respondent route (404 unknown or revoked, 410 closed/expired). */
export async function findUsableInvitation(db: Db, token: string, options: { allowSubmitted: boolean }) {
  const found = invitationTokenPattern.test(token) ? await findLinkByToken(db, token) : undefined;
  if (!found) throw unknownLink();
  return usableInvitation(found.invitation, found.evaluation, options);
}

export type Link = NonNullable<Awaited<ReturnType<typeof findLinkByToken>>>;

/** The same rules for an invitation already read (again, locked, in a respondent's writes) and its evaluation. */
function usableInvitation(
  invitation: Invitation | undefined,
  evaluation: Link["evaluation"],
  options: { allowSubmitted: boolean },
): Link {
  if (!invitation || invitation.status === "revoked") throw unknownLink();
  if (options.allowSubmitted && invitation.status === "submitted") return { invitation, evaluation };
  if (isEvaluationClosed(evaluation))
    throw gone("evaluation_closed", "This evaluation is closed: answers are no longer accepted");
  if (effectiveStatus(invitation) === "expired") throw gone("link_expired", "This questionnaire link has expired");
  return { invitation, evaluation };
}

export async function openQuestionnaire(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  token: string,
  have?: string,
): Promise<RespondentView> {
  const { invitation, evaluation } = await findUsableInvitation(db, token, { allowSubmitted: true });
  const [questionnaire, response, organization] = await Promise.all([
    catalogue.get(db, invitation.questionnaire_id, invitation.questionnaire_version),
    findResponseByInvitation(db, invitation.id),
    db
      .selectFrom("organizations")
      .select("name")
      .where("id", "=", invitation.organization_id)
      .executeTakeFirstOrThrow(),
  ]);
  // Versions are immutable, so a client holding id@version holds exactly this JSON.
  const cached = have === `${questionnaire.id}@${questionnaire.version}`;
  return {
    questionnaire: {
      id: questionnaire.id,
      version: questionnaire.version,
      title: questionnaire.title,
      json: cached ? null : JSON.parse(questionnaire.json),
      ...(cached ? { cached } : {}),
    },
    organization: { name: organization.name },
    evaluation: { name: evaluation.name, closesAt: evaluation.closes_at },
    response: response
      ? {
          status: response.status,
          data: JSON.parse(response.data),
          currentPage: response.current_page,
          updatedAt: response.updated_at,
          revision: response.revision,
          submittedAt: response.submitted_at,
          locale: response.locale,
        }
      : null,
    locale: response?.locale ?? invitation.locale,
  };
}

/** Records the first opening of a link (later ones keep the first time); returns when it was first opened. */
export async function markOpened(db: Db, token: string, commit: LockedCommit): Promise<{ openedAt: string | null }> {
  const found = await findUsableInvitation(db, token, { allowSubmitted: true });
  return commit(lockUsable(found), async (trx, { invitation }) => {
    const changes = advanceInvitation(invitation, "opened");
    await updateInvitation(trx, invitation.id, changes);
    return { openedAt: changes.opened_at ?? invitation.opened_at };
  });
}

/**
 * The lock that every respondent's write takes first: its invitation's row (`inLockedTransaction`), read again under
 * the lock and checked by the same rules, so that a link revoked or submitted since the checks before validation is
 * seen as such. On PostgreSQL these units run at `read committed`; the lock is what makes them correct there:
 * - the response of the invitation (found, then inserted or updated, its `revision` read and incremented) is written
 *   only by these units, which the lock puts one after the other, so each reads the one committed before it: no
 *   second response for one link (the unique index on `responses.invitation_id` is never the one to refuse it), no
 *   revision number twice. An evaluator's correction writes a response only once it is submitted, and these units
 *   write none once it is (they answer 409, or the same response id to a repeated submission);
 * - the revision row (`response_revisions`, unique per response and number: the submission's audit trail) takes its
 *   number from that response; these units write no `audit_events` row (that table is only ever inserted into);
 * - the invitation's own row is the locked one; evaluators' changes to it (revoke, extend, sent) run `serializable`
 *   and, finding it changed since they read it, are run again (40001) and see the respondent's change;
 * - the evaluation (closed or not, and its closing date against the clock) is the one read before the validation,
 *   not read again or locked: an evaluator closing it meanwhile lets that one write through, as if it had come a
 *   moment earlier;
 * - the scores are not written here: the caller queues the response for the score backlog after the commit.
 * A `serializable` unit that only reads what these units write (automatic reminders choosing whom to remind) is not
 * protected against them by SSI; it acts as if it ran just before them (a reminder's delivery checks the
 * invitation again).
 */
function lockUsable({ invitation, evaluation }: Link) {
  return async (trx: Db) =>
    usableInvitation((await lockInvitations(trx, [invitation.id]))[0], evaluation, { allowSubmitted: true });
}

/** The first stored row of an invitation's response: what every response to a link has, and the given fields. */
function linkResponse(
  invitation: Invitation,
  at: string,
  fields: Pick<NewResponse, "status" | "data" | "current_page" | "locale" | "revision" | "submitted_at">,
): NewResponse {
  return {
    evaluation_id: invitation.evaluation_id,
    organization_id: invitation.organization_id,
    questionnaire_id: invitation.questionnaire_id,
    questionnaire_version: invitation.questionnaire_version,
    invitation_id: invitation.id,
    client_id: null,
    mode: "link",
    interviewer_id: null,
    interviewee: null,
    conducted_at: null,
    created_at: at,
    updated_at: at,
    ...fields,
  };
}

/** Checks a draft on the handle it is given (outside any transaction: a worker may take a while), then stores it through `commit`. */
export async function saveDraft(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  token: string,
  body: DraftBody,
  commit: LockedCommit,
) {
  const found = await findUsableInvitation(db, token, { allowSubmitted: true });
  const { share: progress, issues } = await catalogue.answeredShare(
    db,
    found.invitation.questionnaire_id,
    found.invitation.questionnaire_version,
    body.data as Answers,
  );
  // Drafts are stored as sent, but only what survey-core can load: the respondent's page and the readers of drafts
  // (reports score them on the fly) load them too.
  if (issues.length > 0) throw unprocessable("invalid_answers", `${issues.length} answer(s) cannot be saved`, issues);
  return commit(lockUsable(found), async (trx, { invitation }) => {
    const existing = await findResponseByInvitation(trx, invitation.id);
    if (invitation.status === "submitted" || existing?.status === "submitted") {
      throw conflict("already_submitted", "This questionnaire was already submitted; the draft was not saved");
    }
    const order = body.order;
    if (existing && order && existing.draft_session === order.session && (existing.draft_seq ?? -1) >= order.seq) {
      // Two saves of one page crossed (the page closed while an older one was on its way): the stored one is newer.
      return { savedAt: existing.updated_at, revision: existing.revision };
    }
    const now = new Date().toISOString();
    const data = JSON.stringify(body.data);
    const draftOrder = { draft_session: order?.session ?? null, draft_seq: order?.seq ?? null };
    let revision = 1;
    if (existing) {
      revision = existing.revision + 1;
      await updateResponse(trx, existing.id, {
        data,
        current_page: body.currentPage,
        locale: body.locale ?? existing.locale,
        revision,
        updated_at: now,
        ...draftOrder,
      });
    } else {
      await insertResponse(
        trx,
        linkResponse(invitation, now, {
          status: "draft",
          data,
          current_page: body.currentPage,
          locale: body.locale ?? invitation.locale,
          revision,
          submitted_at: null,
          ...draftOrder,
        }),
      );
    }
    await updateInvitation(trx, invitation.id, { ...advanceInvitation(invitation, "started"), progress });
    return { savedAt: now, revision };
  });
}

/** A submission checked against its link and validated, waiting for its write (submission-writes.ts). */
export interface PendingSubmission {
  /** The invitation and its evaluation as read before validation; the invitation is read again under its lock. */
  link: Link;
  locale: string;
  validation: ValidationOutcome;
}

/** Writes a pending submission: alone, or with others that arrive together (SubmissionBatches). */
export type SubmissionWriter = (pending: PendingSubmission) => Promise<Submitted>;

/**
 * Validates a submission (in a worker, before any transaction), then stores it and its audit row through `write`;
 * its scores are the caller's to schedule (see ScoreBacklog).
 */
export async function submitAnswers(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  token: string,
  body: SubmitBody,
  write: SubmissionWriter,
): Promise<Submitted> {
  const link = await findUsableInvitation(db, token, { allowSubmitted: true });
  const locale = body.locale ?? link.invitation.locale;
  const validation = await catalogue.validate(
    db,
    link.invitation.questionnaire_id,
    link.invitation.questionnaire_version,
    body.data as Answers,
    locale,
  );
  return write({ link, locale, validation });
}

/** What storing a submission takes: the response inserted or its draft updated, the invitation, the audit row. */
export interface SubmissionWrites {
  /** The draft this submission turns into the submitted response; null: a response of its own is inserted. */
  draftId: number | null;
  response: NewResponse;
  invitation: InvitationUpdate;
  revision: number;
  data: Answers;
  at: string;
}

/**
 * What a pending submission comes to, decided on its invitation read again under the lock and the response that
 * invitation has: a refusal (thrown), the acknowledgement already given (a retried submission), or the writes to make.
 * Pure: a batch decides all of its submissions before it writes any.
 */
export function decideSubmission(
  { link, locale, validation }: PendingSubmission,
  locked: Invitation | undefined,
  existing: ResponseRow | undefined,
  now: string,
): { answered: Submitted } | { writes: SubmissionWrites } {
  const { invitation } = usableInvitation(locked, link.evaluation, { allowSubmitted: true });
  const { issues, cleaned } = validation;
  if (existing?.status === "submitted") {
    // A retried submission (a lost acknowledgement) must get the same answer, not a second response.
    if (issues.length === 0 && isDeepStrictEqual(JSON.parse(existing.data), cleaned)) {
      return { answered: { status: "submitted", submittedAt: existing.submitted_at!, responseId: existing.id } };
    }
    throw conflict("already_submitted", "This questionnaire was already submitted with other answers");
  }
  if (issues.length > 0) {
    throw unprocessable("invalid_answers", `${issues.length} answer(s) need attention`, issues);
  }
  return {
    writes: {
      draftId: existing?.id ?? null,
      // A draft keeps its own created_at and page (submission-writes.ts updates only what a submission changes).
      response: linkResponse(invitation, now, {
        status: "submitted",
        data: JSON.stringify(cleaned),
        current_page: 0,
        locale,
        revision: existing ? existing.revision + 1 : 1,
        submitted_at: now,
      }),
      invitation: { ...advanceInvitation(invitation, "submitted", now), progress: 1 },
      revision: existing ? existing.revision + 1 : 1,
      data: cleaned,
      at: now,
    },
  };
}
