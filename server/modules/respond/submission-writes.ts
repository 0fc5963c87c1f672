import type { Db } from "../../db/database.ts";
import type { LockedCommit } from "../../db/transaction.ts";
import type { InvitationUpdate } from "../../db/schema.ts";
import { lockInvitations, updateInvitations } from "../invitations/invitations.repository.ts";
import {
  findResponsesByInvitations,
  insertResponses,
  insertRevisions,
  updateResponse,
} from "../responses/responses.repository.ts";
import { submissionRevision } from "../responses/responses.service.ts";
import type { Submitted } from "./respond.schemas.ts";
import {
  decideSubmission,
  type PendingSubmission,
  type SubmissionWriter,
  type SubmissionWrites,
} from "./respond.service.ts";

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Stores pending submissions of distinct invitations in one unit of `commit`, set-based: one statement locks their
 * invitations, one reads their responses, then each is decided on its own (decideSubmission: a refusal is that
 * submission's outcome and the others are still written), and the writes of all of them take one statement each
 * (responses inserted, invitations updated, audit rows inserted; a draft turned into a submission is one update of
 * its own). On PostgreSQL every statement is a round trip to another process: a submission's transaction made seven,
 * which cost PostgreSQL more than the rows they wrote; batched, their number does not grow with the batch.
 *
 * The locks make it correct at `read committed`, as for one submission (see lockUsable in respond.service.ts): the
 * responses are read by a statement after the locks, so each sees what the last holder of its invitation committed.
 * An error of the database's (not a decision) fails the whole unit: nothing of it is written.
 */
export async function writeSubmissions(
  commit: LockedCommit,
  pendings: readonly PendingSubmission[],
): Promise<Array<Settled<Submitted>>> {
  const ids = pendings.map((pending) => pending.link.invitation.id);
  if (new Set(ids).size !== ids.length) {
    // Two of one invitation must see each other's write: the second waits for the first's commit.
    throw new Error("writeSubmissions takes one submission per invitation");
  }
  return commit(
    (trx) => lockInvitations(trx, ids),
    async (trx, locked) => {
      const invitations = new Map(locked.map((invitation) => [invitation.id, invitation]));
      const responses = new Map(
        (await findResponsesByInvitations(trx, ids)).map((response) => [response.invitation_id, response]),
      );
      const now = new Date().toISOString();
      const outcomes: Array<Settled<Submitted>> = [];
      const writes: Array<{ index: number; writes: SubmissionWrites }> = [];
      for (const [index, pending] of pendings.entries()) {
        const id = pending.link.invitation.id;
        try {
          const decided = decideSubmission(pending, invitations.get(id), responses.get(id), now);
          if ("answered" in decided) outcomes[index] = { ok: true, value: decided.answered };
          else writes.push({ index, writes: decided.writes });
        } catch (error) {
          outcomes[index] = { ok: false, error };
        }
      }
      const responseIds = await writeResponses(
        trx,
        writes.map((w) => w.writes),
      );
      await writeInvitations(
        trx,
        writes.map((w) => w.writes),
      );
      await insertRevisions(
        trx,
        writes.map(({ writes: w }) =>
          submissionRevision({
            responseId: responseIds.get(w.response.invitation_id!)!,
            revision: w.revision,
            data: w.data,
            userId: null,
            at: w.at,
          }),
        ),
      );
      for (const { index, writes: w } of writes) {
        outcomes[index] = {
          ok: true,
          value: { status: "submitted", submittedAt: w.at, responseId: responseIds.get(w.response.invitation_id!)! },
        };
      }
      return outcomes;
    },
  );
}

/** The responses of these writes, new ones inserted together and drafts updated one by one: their ids by invitation. */
async function writeResponses(trx: Db, writes: SubmissionWrites[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  const inserted = await insertResponses(
    trx,
    writes.filter((w) => w.draftId === null).map((w) => w.response),
  );
  for (const row of inserted) ids.set(row.invitation_id!, row.id);
  for (const w of writes) {
    if (w.draftId === null) continue;
    const { status, data, locale, revision, updated_at, submitted_at } = w.response;
    await updateResponse(trx, w.draftId, { status, data, locale, revision, updated_at, submitted_at });
    ids.set(w.response.invitation_id!, w.draftId);
  }
  return ids;
}

/** The invitations' changes, one statement for each distinct set of changes (in a batch, most share theirs). */
async function writeInvitations(trx: Db, writes: SubmissionWrites[]) {
  const alike = new Map<string, { changes: InvitationUpdate; ids: number[] }>();
  for (const w of writes) {
    const key = JSON.stringify(Object.entries(w.invitation).sort(([a], [b]) => (a < b ? -1 : 1)));
    const group = alike.get(key) ?? { changes: w.invitation, ids: [] };
    group.ids.push(w.response.invitation_id!);
    alike.set(key, group);
  }
  for (const { changes, ids } of alike.values()) await updateInvitations(trx, ids, changes);
}

/** A writer of one submission at a time, each in a unit of `commit` of its own (the demo loader, tests). */
export function writtenAlone(commit: LockedCommit): SubmissionWriter {
  return async (pending) => {
    const [outcome] = await writeSubmissions(commit, [pending]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  };
}
