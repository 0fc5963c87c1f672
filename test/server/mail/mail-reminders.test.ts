import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailScheduler } from "../../../server/modules/mail/mail.scheduler.ts";
import { addMember, buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";
import { expectError, request } from "../../helpers/http.ts";
import { invitationRow, openLink, submit } from "../../helpers/respond.ts";
import { post, readFixture } from "../../helpers/scenario.ts";
import { startSmtpSink, type SmtpSink } from "../../helpers/smtp-sink.ts";
import { dropTestDatabase } from "../../helpers/test-database.ts";

const day = 24 * 3600 * 1000;

let sink: SmtpSink;
let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ smtpUrl: sink.url });
  evaluator = await logInAs(t, "evaluator");
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
});
afterAll(async () => {
  await t.close();
  await sink.stop();
});

let counter = 0;
async function newOrganization(app: TestApp, session: Session, email: string | null) {
  const { id } = await post(app, session, "/api/organizations", {
    name: `Org ${++counter}`,
    kind: "ngo",
    region: "Chui",
    ...(email ? { email } : {}),
  });
  return id as number;
}

async function inviteAll(app: TestApp, session: Session, evaluationId: number, organizationIds: number[], extra = {}) {
  const created = await post(app, session, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds,
    questionnaireId: "small",
    ...extra,
  });
  return created as Array<{ id: number; token: string; organizationId: number }>;
}

const receivedBy = (email: string) => sink.received.filter((m) => m.recipients.includes(email));

describe("reminders by hand", () => {
  it("go to every invitation not submitted, revoked or expired that has an address, once per request", async () => {
    const { id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
      name: "Midline",
      questionnaireIds: ["small"],
      closesAt: "2099-06-30",
    });
    const emails = ["fresh@a.kg", "opened@a.kg", "submitted@a.kg", "revoked@a.kg", "expired@a.kg"];
    const orgs = [];
    for (const email of emails) orgs.push(await newOrganization(t, evaluator, email));
    const noEmail = await newOrganization(t, evaluator, null);
    const [fresh, opened, submitted, revoked] = await inviteAll(t, evaluator, evaluationId, [
      ...orgs.slice(0, 4),
      noEmail,
    ]);
    const [expired] = await inviteAll(t, evaluator, evaluationId, [orgs[4]!], { expiresAt: "2020-01-01" });

    expect((await openLink(t, opened!.token)).statusCode).toBe(200);
    expect((await submit(t, submitted!.token, { data: { name: "Done" } })).statusCode).toBe(200);
    await request(t, "POST", `/api/invitations/${revoked!.id}/revoke`, undefined, evaluator);

    const res = await request(t, "POST", `/api/evaluations/${evaluationId}/reminders`, undefined, evaluator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ queued: 2 });
    // Asked again before they went: nothing more.
    expect(
      (await request(t, "POST", `/api/evaluations/${evaluationId}/reminders`, undefined, evaluator)).json(),
    ).toEqual({ queued: 0 });

    expect(await t.app.mail.deliverDue()).toEqual({ sent: 2, failed: 0 });
    expect(receivedBy("fresh@a.kg").map((m) => m.parsed.subject)).toEqual([
      expect.stringMatching(/^Reminder: Midline: questionnaire for Org \d+$/),
    ]);
    expect(receivedBy("opened@a.kg")).toHaveLength(1);
    for (const email of ["submitted@a.kg", "revoked@a.kg", "expired@a.kg"]) expect(receivedBy(email)).toHaveLength(0);

    expect((await invitationRow(t, fresh!.id)).reminder_count).toBe(1);
    expect((await invitationRow(t, opened!.id)).reminder_count).toBe(1);
    expect((await invitationRow(t, submitted!.id)).reminder_count).toBe(0);
    expect((await invitationRow(t, expired!.id)).reminder_count).toBe(0);
    // A reminder carries the link: an invitation that had none yet counts as sent; an opened one stays opened.
    expect((await invitationRow(t, fresh!.id)).status).toBe("sent");
    expect((await invitationRow(t, opened!.id)).status).toBe("opened");

    // A later request reminds again.
    expect(
      (await request(t, "POST", `/api/evaluations/${evaluationId}/reminders`, undefined, evaluator)).json(),
    ).toEqual({ queued: 2 });
    expect((await invitationRow(t, fresh!.id)).reminder_count).toBe(2);
  });

  it("answers 404 for an unknown evaluation and 409 for a closed one", async () => {
    expectError(await request(t, "POST", "/api/evaluations/999999/reminders", undefined, evaluator), 404, "not_found");
    const { id } = await post(t, evaluator, "/api/evaluations", { name: "Past", questionnaireIds: ["small"] });
    await t.database.db.updateTable("evaluations").set({ status: "closed" }).where("id", "=", id).execute();
    expectError(
      await request(t, "POST", `/api/evaluations/${id}/reminders`, undefined, evaluator),
      409,
      "evaluation_closed",
    );
  });
});

describe("automatic reminders", () => {
  it("stores the schedule with the evaluation and lets it change", async () => {
    const { id } = await post(t, evaluator, "/api/evaluations", {
      name: "Scheduled",
      questionnaireIds: ["small"],
      reminderDaysBefore: 3,
    });
    const view = await request(t, "GET", `/api/evaluations/${id}`, undefined, evaluator);
    expect(view.json().reminderDaysBefore).toBe(3);
    const changed = await request(
      t,
      "PUT",
      `/api/evaluations/${id}/reminder-schedule`,
      { reminderDaysBefore: null },
      evaluator,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ reminderDaysBefore: null });
    expect(
      (await request(t, "GET", `/api/evaluations/${id}`, undefined, evaluator)).json().reminderDaysBefore,
    ).toBeNull();
    expectError(
      await request(t, "PUT", `/api/evaluations/${id}/reminder-schedule`, { reminderDaysBefore: 0 }, evaluator),
      400,
      "invalid_request",
    );
    expectError(
      await request(t, "PUT", "/api/evaluations/999999/reminder-schedule", { reminderDaysBefore: 2 }, evaluator),
      404,
    );
  });

  it("run once, N days before the closing date, whatever the ticks and restarts", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-restart-"));
    try {
      let app = await buildTestApp({ smtpUrl: sink.url }, { dataDir });
      let session = await logInAs(app, "evaluator");
      await post(app, session, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
      const closesAt = new Date(Date.now() + 1 * day).toISOString();
      const { id: due } = await post(app, session, "/api/evaluations", {
        name: "Closing soon",
        questionnaireIds: ["small"],
        closesAt,
        reminderDaysBefore: 2,
      });
      const { id: notYet } = await post(app, session, "/api/evaluations", {
        name: "Closing later",
        questionnaireIds: ["small"],
        closesAt: new Date(Date.now() + 10 * day).toISOString(),
        reminderDaysBefore: 2,
      });
      await inviteAll(app, session, due, [await newOrganization(app, session, "auto@b.kg")]);
      await inviteAll(app, session, notYet, [await newOrganization(app, session, "later@b.kg")]);

      let scheduler = startMailScheduler(app.app.mail, { tickMs: 60_000, log: app.app.log });
      await scheduler.tick();
      await scheduler.tick();
      await scheduler.stop();
      expect(receivedBy("auto@b.kg").map((m) => m.parsed.subject)).toEqual([
        expect.stringMatching(/^Reminder: Closing soon/),
      ]);
      expect(receivedBy("later@b.kg")).toHaveLength(0);
      await app.close();

      // A restart on the same database: the run is recorded, so it does not happen again.
      app = await buildTestApp({ smtpUrl: sink.url }, { dataDir });
      session = await logInAs(app, "evaluator");
      await addMember(app, due, session.userId, "viewer");
      expect(await app.app.mail.runAutomaticReminders()).toEqual({ runs: 0, queued: 0 });
      scheduler = startMailScheduler(app.app.mail, { tickMs: 60_000, log: app.app.log });
      await scheduler.tick();
      await scheduler.stop();
      expect(receivedBy("auto@b.kg")).toHaveLength(1);

      const runs = await app.database.db.selectFrom("reminder_runs").selectAll().execute();
      expect(runs).toEqual([
        expect.objectContaining({
          evaluation_id: due,
          kind: "before_close",
          due_at: new Date(Date.parse(closesAt) - 2 * day).toISOString(),
          queued: 1,
        }),
      ]);
      const log = await request(app, "GET", `/api/evaluations/${due}/mail`, undefined, session);
      expect(log.json().messages).toEqual([expect.objectContaining({ kind: "reminder", status: "sent" })]);

      // The later evaluation's turn comes when its day comes, once.
      const inNineDays = new Date(Date.now() + 9 * day);
      expect(await app.app.mail.runAutomaticReminders(inNineDays)).toEqual({ runs: 1, queued: 1 });
      expect(await app.app.mail.runAutomaticReminders(inNineDays)).toEqual({ runs: 0, queued: 0 });
      await app.close();
    } finally {
      await dropTestDatabase(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
