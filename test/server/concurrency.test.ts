import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inLockedTransaction, type LockedCommit } from "../../server/db/transaction.ts";
import * as respond from "../../server/modules/respond/respond.service.ts";
import { writtenAlone } from "../../server/modules/respond/submission-writes.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { responseRows, saveDraft, submit } from "../helpers/respond.ts";
import { inviteOrganization, post, readFixture } from "../helpers/scenario.ts";
import { onPostgres } from "../helpers/test-database.ts";

// Writes that read and then write, arriving at once. SQLite runs one transaction at a time; PostgreSQL runs them
// side by side, serializable, and runs again the ones it aborts (server/db/transaction.ts), except the respondent's,
// which lock their invitation first and queue behind it (`inLockedTransaction`): on both, nothing is lost, nothing
// doubled, and no request fails.

describe(`concurrent writes (${onPostgres ? "PostgreSQL" : "SQLite"})`, () => {
  let t: TestApp;
  let evaluator: Session;

  beforeAll(async () => {
    t = await buildTestApp();
    evaluator = await logInAs(t, "evaluator");
    await post(t, evaluator, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
  });
  afterAll(() => t.close());

  it("20 draft saves of one invitation: all stored, 20 distinct revisions, the last one whole", async () => {
    const { token } = await inviteOrganization(t, evaluator, { questionnaireId: "small" });
    const drafts = Array.from({ length: 20 }, (_, i) => ({
      data: {
        name: `Writer ${i}`,
        staff: i,
        projects: Array.from({ length: 5 }, (_, j) => ({ project_name: `p${i}-${j}` })),
      },
      currentPage: i % 2,
    }));
    const results = await Promise.all(drafts.map((draft) => saveDraft(t, token, draft)));
    expect(results.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const revisions = results.map((r) => (r.json() as { revision: number }).revision);
    expect(new Set(revisions).size).toBe(20);
    expect([...revisions].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    // The stored draft is exactly the one that got the last revision: no mix of two writers.
    const last = drafts[revisions.indexOf(20)]!;
    const view = (await t.app.inject({ method: "GET", url: `/api/respond/${token}` })).json();
    expect(view.response).toMatchObject({
      status: "draft",
      revision: 20,
      data: last.data,
      currentPage: last.currentPage,
    });
  });

  it("5 identical first submissions: all 200 with one response id", async () => {
    const { token, invitationId } = await inviteOrganization(t, evaluator, { questionnaireId: "small" });
    const body = { data: { name: "Sezim", staff: 12, region: "osh" } };
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(t, token, body)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const ids = new Set(results.map((r) => (r.json() as { responseId: number }).responseId));
    expect(ids.size).toBe(1);
    const rows = await t.database.db
      .selectFrom("responses")
      .select("id")
      .where("invitation_id", "=", invitationId)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([...ids]);
  });

  // Through HTTP the survey workers spread the requests out, so their transactions rarely overlap. These hold each
  // transaction open a while after its lock: without the lock every one of them would read the same response.
  const slowCommit: LockedCommit = (lock, work) =>
    inLockedTransaction(t.database.db, lock, async (trx, locked) => {
      await sleep(40);
      return work(trx, locked);
    });

  it("draft saves whose transactions overlap queue on the invitation: revisions 1 to 8, none read stale", async () => {
    const { token } = await inviteOrganization(t, evaluator, { questionnaireId: "small" });
    const saves = Array.from({ length: 8 }, (_, i) =>
      respond.saveDraft(
        t.database.db,
        t.app.catalogue,
        token,
        { data: { name: `Overlap ${i}` }, currentPage: 0 },
        slowCommit,
      ),
    );
    const revisions = (await Promise.all(saves)).map((saved) => saved.revision).sort((a, b) => a - b);
    expect(revisions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("first submissions whose transactions overlap store one response, its revision row once", async () => {
    const { token, invitationId } = await inviteOrganization(t, evaluator, { questionnaireId: "small" });
    const body = { data: { name: "Overlapping", staff: 3 } };
    const submissions = Array.from({ length: 4 }, () =>
      respond.submitAnswers(t.database.db, t.app.catalogue, token, body, writtenAlone(slowCommit)),
    );
    const ids = new Set((await Promise.all(submissions)).map((submitted) => submitted.responseId));
    expect(ids.size).toBe(1);
    const [responseId] = [...ids];
    expect((await responseRows(t, invitationId)).map((row) => row.id)).toEqual([responseId]);
    const revisions = await t.database.db
      .selectFrom("response_revisions")
      .select("revision")
      .where("response_id", "=", responseId!)
      .execute();
    expect(revisions).toEqual([{ revision: 1 }]);
  });

  it("concurrent corrections of one response: revisions in order, none lost", async () => {
    const { token } = await inviteOrganization(t, evaluator, { questionnaireId: "small" });
    const submitted = await submit(t, token, { data: { name: "Start", staff: 0 } });
    expect(submitted.statusCode).toBe(200);
    const { responseId } = submitted.json() as { responseId: number };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.app.inject({
          method: "PATCH",
          url: `/api/responses/${responseId}`,
          headers: evaluator.headers,
          payload: { data: { name: "Start", staff: i + 1 }, reason: `correction ${i + 1}` },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const revisions = results.map((r) => (r.json() as { revision: number }).revision).sort((a, b) => a - b);
    expect(revisions).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);

    const history = (
      await t.app.inject({ method: "GET", url: `/api/responses/${responseId}/revisions`, headers: evaluator.headers })
    ).json() as Array<{
      revision: number;
      reason: string | null;
      diff: Array<{ path: string; before: unknown; after: unknown }>;
    }>;
    const ordered = [...history].sort((a, b) => a.revision - b.revision);
    expect(ordered.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Each correction's diff starts from the one before it: none was written over a stale copy.
    for (let i = 2; i < ordered.length; i++) {
      const before = ordered[i]!.diff.find((c) => c.path === "staff")?.before;
      const previousAfter = ordered[i - 1]!.diff.find((c) => c.path === "staff")?.after;
      expect(before).toBe(previousAfter);
    }
    const reasons = ordered
      .slice(1)
      .map((r) => r.reason)
      .sort();
    expect(reasons).toEqual(Array.from({ length: 8 }, (_, i) => `correction ${i + 1}`).sort());
  });

  it("automatic reminder runs arriving together happen once", async () => {
    const day = 24 * 3600 * 1000;
    const { id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
      name: "Closing soon",
      questionnaireIds: ["small"],
      closesAt: new Date(Date.now() + day).toISOString(),
      reminderDaysBefore: 2,
    });
    const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
      name: "Reminded",
      kind: "ngo",
      region: "Chui",
      email: "reminded@example.org",
    });
    await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId: "small",
    });
    const runs = await Promise.all(Array.from({ length: 4 }, () => t.app.mail.runAutomaticReminders()));
    expect(runs.reduce((n, r) => n + r.runs, 0)).toBe(1);
    const reminders = await t.database.db
      .selectFrom("mail_messages")
      .select("id")
      .where("evaluation_id", "=", evaluationId)
      .where("kind", "=", "reminder")
      .execute();
    expect(reminders).toHaveLength(1);
  });
});
