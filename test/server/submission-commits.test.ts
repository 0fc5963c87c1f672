import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { invitationRow, responseRows, saveDraft, submit } from "../helpers/respond.ts";
import { onPostgres } from "../helpers/test-database.ts";
import { inviteOrganization, readFixture } from "../helpers/scenario.ts";

// How submissions are written: submissions validated together written together (SubmissionBatches: one transaction,
// one set of statements), and scores computed after the acknowledgement.

const answers = readFixture("ngo-capacity-answers.json");

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("the condition was not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("submissions through the respondent's route", () => {
  let t: TestApp;
  let evaluator: Session;
  beforeAll(async () => {
    t = await buildTestApp();
    evaluator = await logInAs(t, "evaluator");
  });
  afterAll(() => t?.close());

  const newLink = () => inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
  const scoreRows = (responseId: number) =>
    t.database.db.selectFrom("response_scores").selectAll().where("response_id", "=", responseId).execute();

  it("acknowledges each of many submissions sent at once with its own response, once", async () => {
    const links = await Promise.all(Array.from({ length: 8 }, newLink));
    const [repeated, invalid] = links;
    const sent = await Promise.all([
      ...links.map((link) =>
        submit(t, link.token, { data: link === invalid ? { ...answers, OUT1: "many" } : answers }),
      ),
      // The same submission again (a lost acknowledgement, retried): the same response.
      submit(t, repeated!.token, { data: answers }),
    ]);
    expect(sent.map((res) => res.statusCode)).toEqual([200, 422, 200, 200, 200, 200, 200, 200, 200]);
    expect(sent[1]!.json().details).toEqual([expect.objectContaining({ question: "OUT1" })]);
    expect(sent[8]!.json().responseId).toBe(sent[0]!.json().responseId);
    for (const [i, link] of links.entries()) {
      const rows = await responseRows(t, link.invitationId);
      if (link === invalid) {
        expect(rows).toEqual([]);
        continue;
      }
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: sent[i]!.json().responseId, status: "submitted" });
      const revisions = await t.database.db
        .selectFrom("response_revisions")
        .select("revision")
        .where("response_id", "=", rows[0]!.id)
        .execute();
      expect(revisions).toEqual([{ revision: 1 }]);
    }
  });

  it("writes submissions validated together in one transaction, drafts among them", async () => {
    const links = await Promise.all(Array.from({ length: 6 }, newLink));
    // Two respondents saved a draft first: their submissions update the draft (revision 2), the others insert.
    const drafted = [links[1]!, links[4]!];
    for (const link of drafted) {
      const saved = await saveDraft(t, link.token, { data: { P1: "Draft" }, currentPage: 2 });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const drafts = await Promise.all(drafted.map(async (link) => (await responseRows(t, link.invitationId))[0]!));
    const sent = await Promise.all(links.map((link) => submit(t, link.token, { data: answers })));
    expect(sent.map((res) => res.statusCode)).toEqual(links.map(() => 200));
    // A batch's writes share one moment: the survey workers hand back the answer sets that waited for a worker
    // together, and their submissions are written together.
    const moments = new Set(sent.map((res) => res.json().submittedAt));
    expect(moments.size).toBeLessThan(links.length);
    for (const [i, link] of links.entries()) {
      const rows = await responseRows(t, link.invitationId);
      const draft = drafts[drafted.indexOf(link)];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: draft?.id ?? sent[i]!.json().responseId,
        status: "submitted",
        revision: draft ? 2 : 1,
        // A draft keeps when it was begun and the page its respondent was on.
        current_page: draft ? 2 : 0,
        ...(draft ? { created_at: draft.created_at } : {}),
      });
      expect(JSON.parse(rows[0]!.data)).toEqual(answers);
      expect(sent[i]!.json().responseId).toBe(rows[0]!.id);
      const revisions = await t.database.db
        .selectFrom("response_revisions")
        .select(["revision", "created_at"])
        .where("response_id", "=", rows[0]!.id)
        .execute();
      expect(revisions).toEqual([{ revision: draft ? 2 : 1, created_at: sent[i]!.json().submittedAt }]);
      expect((await invitationRow(t, link.invitationId)).status).toBe("submitted");
    }
  });

  // On SQLite a batch's transaction runs within one turn (the driver is synchronous), so no batch waits for another.
  it.skipIf(!onPostgres)(
    "holds the submissions validated while a batch is written, and writes them together next (PostgreSQL only)",
    async () => {
      const [first, ...later] = await Promise.all(Array.from({ length: 5 }, newLink));
      // Another session holds the first invitation's row: the first batch waits for it inside its transaction.
      let release!: () => void;
      let lockerPid = 0;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: Promise<void>;
      const locked = new Promise<void>((resolve, reject) => {
        holding = t.database.db.transaction().execute(async (trx) => {
          await trx.selectFrom("invitations").select("id").where("id", "=", first!.invitationId).forUpdate().execute();
          lockerPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
          resolve();
          await released;
        });
        holding.catch(reject);
      });
      await locked;
      const sentFirst = submit(t, first!.token, { data: answers });
      const sentLater: Array<ReturnType<typeof submit>> = [];
      try {
        const blocked = async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where ${lockerPid} = any(pg_blocking_pids(pid))`.execute(t.database.db)
          ).rows[0]!.n;
        await until(async () => (await blocked()) === 1);
        // Each in a turn of its own: flushed at once, each would be a transaction of its own.
        for (const link of later) {
          sentLater.push(submit(t, link.token, { data: answers }));
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await until(async () => t.app.submissions.waiting === later.length);
      } finally {
        release();
      }
      await holding;
      const sent = await Promise.all([sentFirst, ...sentLater]);
      expect(sent.map((res) => res.statusCode)).toEqual([200, 200, 200, 200, 200]);
      // Rows written by one transaction carry its id.
      const transactions = await t.database.db
        .selectFrom("responses")
        .select([sql<string>`xmin::text`.as("xid"), "invitation_id"])
        .where(
          "invitation_id",
          "in",
          [first!, ...later].map((link) => link.invitationId),
        )
        .execute();
      const xidOf = new Map(transactions.map((row) => [row.invitation_id, row.xid]));
      expect(new Set(later.map((link) => xidOf.get(link.invitationId))).size).toBe(1);
      expect(xidOf.get(first!.invitationId)).not.toBe(xidOf.get(later[0]!.invitationId));
    },
  );

  it("fails only the submission whose write the database refuses, not the others written with it", async () => {
    const links = await Promise.all(Array.from({ length: 5 }, newLink));
    const refused = links[2]!;
    // A real refusal by the database, for one organisation's response only: the batch's one insert of all their
    // responses fails with it, and each is written again alone.
    if (onPostgres) {
      await sql`create function refuse_response() returns trigger language plpgsql as $$
        begin raise exception 'refused by the test'; end $$`.execute(t.database.db);
      await sql`create trigger refuse_one before insert on responses for each row
        when (new.organization_id = ${sql.lit(refused.organizationId)}) execute function refuse_response()`.execute(
        t.database.db,
      );
    } else {
      await sql`create trigger refuse_one before insert on responses
        when new.organization_id = ${sql.lit(refused.organizationId)}
        begin select raise(abort, 'refused by the test'); end`.execute(t.database.db);
    }
    try {
      const sent = await Promise.all(links.map((link) => submit(t, link.token, { data: answers })));
      expect(sent.map((res) => res.statusCode)).toEqual([200, 200, 500, 200, 200]);
      for (const [i, link] of links.entries()) {
        const rows = await responseRows(t, link.invitationId);
        const invitation = await invitationRow(t, link.invitationId);
        if (link === refused) {
          expect(rows).toEqual([]);
          expect(invitation.status).not.toBe("submitted");
        } else {
          expect(rows.map((row) => row.id)).toEqual([sent[i]!.json().responseId]);
          expect(invitation.status).toBe("submitted");
        }
      }
    } finally {
      await sql`drop trigger refuse_one${sql.raw(onPostgres ? " on responses" : "")}`.execute(t.database.db);
    }
    // Once the database accepts it, the refused one goes through like any other.
    expect((await submit(t, refused.token, { data: answers })).statusCode).toBe(200);
  });

  it("scores a submission shortly after acknowledging it, in both bases", async () => {
    const link = await newLink();
    const { responseId } = (await submit(t, link.token, { data: answers })).json();
    const deadline = Date.now() + 10_000;
    while ((await scoreRows(responseId)).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await scoreRows(responseId)).map((row) => row.basis).sort()).toEqual(["self", "verified"]);
  });

  it("gives the scores of a submission read before the backlog reached it", async () => {
    const link = await newLink();
    const { responseId } = (await submit(t, link.token, { data: answers })).json();
    const res = await t.app.inject({ url: `/api/responses/${responseId}/score`, headers: evaluator.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().overall.status).toBe("scored");
  });
});

describe("submissions left unscored by a stop", () => {
  it("are found and scored by the next start", async () => {
    const first = await buildTestApp();
    const dataDir = first.dataDir;
    const evaluator = await logInAs(first, "evaluator");
    const links = await Promise.all(
      [1, 2].map(() => inviteOrganization(first, evaluator, { questionnaireId: "ngo-capacity" })),
    );
    const ids: number[] = [];
    for (const link of links) ids.push((await submit(first, link.token, { data: answers })).json().responseId);
    // A questionnaire without a scoring model: its responses never have scores, and are not queued for any.
    const unscored = await inviteOrganization(first, evaluator, {
      questionnaireId: "plain",
      json: { pages: [{ name: "p1", elements: [{ type: "text", name: "q" }] }] },
    });
    expect((await submit(first, unscored.token, { data: { q: "text" } })).statusCode).toBe(200);
    await first.app.close();
    await first.database.db.destroy();

    const second = await buildTestApp({}, { dataDir });
    try {
      // A stop (or a crash) between the acknowledgement and the scoring: whatever was scored is gone too.
      await second.database.db.deleteFrom("response_scores").where("response_id", "in", ids).execute();
      const count = () =>
        second.database.db
          .selectFrom("response_scores")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("response_id", "in", ids)
          .executeTakeFirstOrThrow();
      expect(await second.app.scoreBacklog.addUnscored()).toBe(2);
      await second.app.scoreBacklog.drain();
      expect((await count()).n).toBe(4);
      expect(await second.app.scoreBacklog.addUnscored()).toBe(0);
    } finally {
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
