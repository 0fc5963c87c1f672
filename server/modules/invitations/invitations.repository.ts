import type { Db } from "../../db/database.ts";
import { lockedForUpdate } from "../../db/dialect.ts";
import { turnBatched } from "../../db/turn-batches.ts";
import type { Insertable } from "kysely";
import type { InvitationsTable, InvitationUpdate } from "../../db/schema.ts";

export async function insertInvitation(db: Db, row: Insertable<InvitationsTable>): Promise<number> {
  const inserted = await db.insertInto("invitations").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

/** The live (not revoked) invitation of an organisation to one questionnaire of an evaluation. */
export function findLiveInvitation(db: Db, evaluationId: number, organizationId: number, questionnaireId: string) {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("evaluation_id", "=", evaluationId)
    .where("organization_id", "=", organizationId)
    .where("questionnaire_id", "=", questionnaireId)
    .where("status", "!=", "revoked")
    .executeTakeFirst();
}

export function findInvitation(db: Db, id: number) {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Invitations, locked until the transaction ends (the first statement of a respondent's writes), in id order: two
 * transactions locking overlapping sets (batches of submissions) take the shared rows in the same order, so neither
 * holds one the other waits for.
 */
export async function lockInvitations(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return lockedForUpdate(
    db,
    db
      .selectFrom("invitations")
      .selectAll()
      .where("id", "in", [...ids])
      .orderBy("id"),
  ).execute();
}

/**
 * The invitations behind respondents' tokens with what the respondent routes need of their evaluations, in one query:
 * every respondent request starts with it.
 */
async function readLinks(db: Db, tokens: string[]) {
  const rows = await db
    .selectFrom("invitations")
    .innerJoin("evaluations", "evaluations.id", "invitations.evaluation_id")
    .selectAll("invitations")
    .select([
      "evaluations.name as evaluation_name",
      "evaluations.status as evaluation_status",
      "evaluations.closes_at as evaluation_closes_at",
    ])
    .where("invitations.token", "in", tokens)
    .execute();
  return new Map(
    rows.map(({ evaluation_name, evaluation_status, evaluation_closes_at, ...invitation }) => [
      invitation.token,
      {
        invitation,
        evaluation: {
          id: invitation.evaluation_id,
          name: evaluation_name,
          status: evaluation_status,
          closes_at: evaluation_closes_at,
        },
      },
    ]),
  );
}

type Link = Awaited<ReturnType<typeof readLinks>> extends Map<string, infer V> ? V : never;
const readLinksTogether = turnBatched(readLinks);

/**
 * The invitation behind a respondent's token and its evaluation. The tokens of concurrent requests are read together
 * (`turnBatched`): on PostgreSQL a statement is a round trip, and this one starts every respondent request.
 */
export function findLinkByToken(db: Db, token: string): Promise<Link | undefined> {
  return readLinksTogether(db, token);
}

export function listInvitations(db: Db, evaluationId: number) {
  return db
    .selectFrom("invitations")
    .innerJoin("organizations", "organizations.id", "invitations.organization_id")
    .selectAll("invitations")
    .select("organizations.name as organization_name")
    .where("invitations.evaluation_id", "=", evaluationId)
    .orderBy("organizations.name")
    .orderBy("invitations.id")
    .execute();
}

export async function updateInvitation(db: Db, id: number, changes: InvitationUpdate) {
  // Nothing to set is no statement at all: `update ... set where` is a syntax error (marking a submitted one sent).
  if (Object.keys(changes).length === 0) return;
  await db.updateTable("invitations").set(changes).where("id", "=", id).execute();
}

/** The same changes to several invitations, in one statement. */
export async function updateInvitations(db: Db, ids: readonly number[], changes: InvitationUpdate) {
  if (ids.length === 0 || Object.keys(changes).length === 0) return;
  await db
    .updateTable("invitations")
    .set(changes)
    .where("id", "in", [...ids])
    .execute();
}

export function findInvitationsOfEvaluation(db: Db, evaluationId: number, ids: number[]) {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("evaluation_id", "=", evaluationId)
    .where("id", "in", ids)
    .execute();
}
