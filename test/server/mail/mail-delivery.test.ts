import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailScheduler } from "../../../server/modules/mail/mail.scheduler.ts";
import { MailService } from "../../../server/modules/mail/mail.service.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../../helpers/build-app.ts";
import { expectError, request } from "../../helpers/http.ts";
import { openLink } from "../../helpers/respond.ts";
import { post, readFixture } from "../../helpers/scenario.ts";
import { startSmtpSink, type SmtpSink } from "../../helpers/smtp-sink.ts";

// Delivery through a real SMTP server on 127.0.0.1, stopped and started again to play an outage.

const publicUrl = "https://sapat.example.org";
const retryBaseMs = 200;

let sink: SmtpSink;
let t: TestApp;
let evaluator: Session;
let evaluatorEmail: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({
    publicUrl,
    smtpUrl: sink.url,
    mailFrom: "Sapat <sapat@example.org>",
    mailRetryBaseMs: retryBaseMs,
  });
  evaluator = await logInAs(t, "evaluator");
  evaluatorEmail = (await request(t, "GET", "/api/auth/me", undefined, evaluator)).json().user.email;
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
});
afterAll(async () => {
  await t.close();
  await sink.stop();
});

const api = {
  get: (url: string) => request(t, "GET", url, undefined, evaluator),
  post: (url: string, body?: unknown) => request(t, "POST", url, body, evaluator),
};

let counter = 0;
async function invited(options: { email?: string | null; locale?: string; closesAt?: string } = {}) {
  const n = ++counter;
  const email = options.email === undefined ? `director${n}@org${n}.kg` : options.email;
  const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
    name: `Org ${n}`,
    kind: "ngo",
    region: "Chui",
    ...(email ? { email } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const { id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
    name: "Baseline 2026",
    questionnaireIds: ["small"],
    closesAt: options.closesAt ?? "2099-06-30",
  });
  const [invitation] = await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "small",
  });
  return { evaluationId, organizationId, invitationId: invitation.id as number, email, name: `Org ${n}` };
}

async function mailLog(evaluationId: number) {
  const res = await api.get(`/api/evaluations/${evaluationId}/mail`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { mode: string; messages: Array<Record<string, any>> };
}

async function invitationStatus(evaluationId: number, invitationId: number) {
  const list = (await api.get(`/api/evaluations/${evaluationId}/invitations`)).json() as Array<Record<string, any>>;
  return list.find((i) => i.id === invitationId)!.status as string;
}

const receivedBy = (email: string) => sink.received.filter((m) => m.recipients.includes(email));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sending an invitation", () => {
  it("delivers it to the organisation's address, in English, with a link that opens the questionnaire", async () => {
    const { evaluationId, invitationId, email, name } = await invited();
    const res = await api.post(`/api/invitations/${invitationId}/send`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invitationId, kind: "invitation", to: email, status: "queued", attempts: 0 });
    expect(await invitationStatus(evaluationId, invitationId)).toBe("created");

    expect(await t.app.mail.deliverDue()).toEqual({ sent: 1, failed: 0 });

    const [mail, ...more] = receivedBy(email!);
    expect(more).toHaveLength(0);
    expect(mail!.parsed.to).toMatchObject({ value: [{ address: email }] });
    expect(mail!.parsed.from).toMatchObject({ value: [{ address: "sapat@example.org", name: "Sapat" }] });
    expect(mail!.parsed.replyTo).toMatchObject({ value: [{ address: evaluatorEmail }] });
    expect(mail!.parsed.subject).toBe(`Baseline 2026: questionnaire for ${name}`);
    const link = /https:\/\/sapat\.example\.org\/r\/([A-Za-z0-9_-]+)/.exec(mail!.parsed.text!);
    expect(link).not.toBeNull();
    expect(mail!.parsed.html).toContain(`href="${link![0]}"`);
    expect(mail!.parsed.text).toContain("30 June 2099");
    expect(mail!.parsed.text).toContain(evaluatorEmail);

    const log = await mailLog(evaluationId);
    expect(log.mode).toBe("smtp");
    expect(log.messages).toEqual([
      expect.objectContaining({
        invitationId,
        organizationName: name,
        kind: "invitation",
        to: email,
        subject: mail!.parsed.subject,
        status: "sent",
        attempts: 1,
        lastError: null,
        messageId: mail!.parsed.messageId,
        nextAttemptAt: null,
        sentAt: expect.any(String),
        url: link![0],
      }),
    ]);
    expect(await invitationStatus(evaluationId, invitationId)).toBe("sent");

    // The link opens the questionnaire.
    const opened = await openLink(t, link![1]!);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().organization.name).toBe(name);
  });

  it("writes in the invitation's language (Russian)", async () => {
    const { invitationId, email, name } = await invited({ locale: "ru" });
    expect((await api.post(`/api/invitations/${invitationId}/send`)).statusCode).toBe(201);
    await t.app.mail.deliverDue();
    const [mail] = receivedBy(email!);
    expect(mail!.parsed.subject).toBe(`Baseline 2026: анкета для ${name}`);
    expect(mail!.parsed.text).toContain("Уважаемые коллеги!");
    expect(mail!.parsed.text).toContain("30 июня 2099 г.");
    expect(mail!.parsed.html).toContain('<html lang="ru">');
    expect(mail!.parsed.text).toMatch(/https:\/\/sapat\.example\.org\/r\/[A-Za-z0-9_-]+/);
  });

  it("queues one message when asked twice before it went out", async () => {
    const { invitationId, email } = await invited();
    const first = await api.post(`/api/invitations/${invitationId}/send`);
    const second = await api.post(`/api/invitations/${invitationId}/send`);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    await t.app.mail.deliverDue();
    expect(receivedBy(email!)).toHaveLength(1);
  });
});

describe("the scheduler", () => {
  it("sends a message as soon as it is queued, without waiting for the next tick", async () => {
    const { evaluationId, invitationId, email } = await invited();
    const scheduler = startMailScheduler(t.app.mail, { tickMs: 3_600_000, log: t.app.log });
    try {
      await scheduler.tick();
      expect((await api.post(`/api/invitations/${invitationId}/send`)).statusCode).toBe(201);
      for (let i = 0; i < 100 && receivedBy(email!).length === 0; i++) await sleep(20);
      await t.app.mail.whenIdle();
      expect(receivedBy(email!)).toHaveLength(1);
      expect((await mailLog(evaluationId)).messages).toEqual([expect.objectContaining({ status: "sent" })]);
    } finally {
      await scheduler.stop();
    }
  });
});

describe("when the SMTP server is down", () => {
  it("marks the attempt failed, retries after the backoff, delivers once the server is back, and never twice", async () => {
    const a = await invited();
    const b = await invited();
    // Both in one evaluation: invite b's organisation to a's evaluation as well.
    const [second] = await post(t, evaluator, `/api/evaluations/${a.evaluationId}/invitations`, {
      organizationIds: [b.organizationId],
      questionnaireId: "small",
    });
    const sent = await api.post(`/api/evaluations/${a.evaluationId}/invitations/send`, {
      invitationIds: [a.invitationId, second.id],
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ queued: 2, skipped: [] });

    await sink.stop();
    const before = Date.now();
    expect(await t.app.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
    let log = await mailLog(a.evaluationId);
    const failed = log.messages.find((m) => m.status === "failed")!;
    expect(failed).toMatchObject({ attempts: 1, messageId: null, sentAt: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(Date.parse(failed.nextAttemptAt)).toBeGreaterThanOrEqual(before + retryBaseMs);
    // The round stopped at the unreachable server: the other message waits, untouched.
    expect(log.messages.find((m) => m.id !== failed.id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await invitationStatus(a.evaluationId, a.invitationId)).toBe("created");

    // Back up: the waiting message goes at once; the failed one only after its backoff.
    await sink.start();
    expect(await t.app.mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(receivedBy(b.email!)).toHaveLength(1);
    expect(receivedBy(a.email!)).toHaveLength(0);

    await sleep(retryBaseMs + 50);
    await t.app.mail.deliverDue();
    expect(await t.app.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(receivedBy(a.email!)).toHaveLength(1);
    expect(receivedBy(b.email!)).toHaveLength(1);

    log = await mailLog(a.evaluationId);
    expect(log.messages.map((m) => m.status)).toEqual(["sent", "sent"]);
    expect(log.messages.find((m) => m.id === failed.id)).toMatchObject({
      attempts: 2,
      lastError: null,
      messageId: expect.stringMatching(/^<.+@example\.org>$/),
    });
    expect(await invitationStatus(a.evaluationId, a.invitationId)).toBe("sent");
  });

  it("gives up after the configured number of attempts, until retried by hand", async () => {
    const { evaluationId, invitationId, email } = await invited();
    const { id } = (await api.post(`/api/invitations/${invitationId}/send`)).json();
    await sink.stop();
    const later = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000);
    for (let attempt = 1; attempt <= t.config.mailMaxAttempts; attempt++) {
      expect(await t.app.mail.deliverDue(later(attempt))).toEqual({ sent: 0, failed: 1 });
    }
    expect(await t.app.mail.deliverDue(later(100))).toEqual({ sent: 0, failed: 0 });
    const [message] = (await mailLog(evaluationId)).messages;
    expect(message).toMatchObject({ id, status: "failed", attempts: t.config.mailMaxAttempts, nextAttemptAt: null });

    await sink.start();
    const retried = await api.post(`/api/mail/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id, status: "queued", attempts: 0 });
    expect(await t.app.mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(receivedBy(email!)).toHaveLength(1);
    expectError(await api.post(`/api/mail/${id}/retry`), 409, "already_sent");
  });
});

describe("a message the server rejects, or that should no longer go", () => {
  it("keeps a permanent rejection failed with the server's answer, without automatic retries", async () => {
    const { evaluationId, invitationId, email } = await invited();
    sink.rejectRecipients.add(email!);
    try {
      await api.post(`/api/invitations/${invitationId}/send`);
      expect(await t.app.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const [message] = (await mailLog(evaluationId)).messages;
      expect(message).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null });
      expect(message!.lastError).toMatch(/550/);
      expect(receivedBy(email!)).toHaveLength(0);
    } finally {
      sink.rejectRecipients.delete(email!);
    }
  });

  it("does not send a queued invitation that was revoked in the meantime", async () => {
    const { evaluationId, invitationId, email } = await invited();
    await api.post(`/api/invitations/${invitationId}/send`);
    await api.post(`/api/invitations/${invitationId}/revoke`);
    expect(await t.app.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    const [message] = (await mailLog(evaluationId)).messages;
    expect(message).toMatchObject({ status: "failed", nextAttemptAt: null });
    expect(message!.lastError).toMatch(/revoked/);
    expect(receivedBy(email!)).toHaveLength(0);
    expect(await invitationStatus(evaluationId, invitationId)).toBe("revoked");
  });

  it("sends a message claimed by a process that died only once the claim has lapsed, and then once", async () => {
    const { evaluationId, invitationId, email } = await invited();
    const { id } = (await api.post(`/api/invitations/${invitationId}/send`)).json();
    // As a process leaves it when it dies between claiming a message and hearing back from the server.
    const leaseUntil = new Date(Date.now() + t.config.mailSendingLeaseMs);
    await t.database.db
      .updateTable("mail_messages")
      .set({ status: "sending", attempts: 1, next_attempt_at: leaseUntil.toISOString() })
      .where("id", "=", id)
      .execute();
    expect(await t.app.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(receivedBy(email!)).toHaveLength(0);
    expectError(await api.post(`/api/mail/${id}/retry`), 409, "sending");

    const afterLease = new Date(leaseUntil.getTime() + 1000);
    expect(await t.app.mail.deliverDue(afterLease)).toEqual({ sent: 1, failed: 0 });
    expect(await t.app.mail.deliverDue(afterLease)).toEqual({ sent: 0, failed: 0 });
    expect(receivedBy(email!)).toHaveLength(1);
    const [message] = (await mailLog(evaluationId)).messages;
    expect(message).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("sends a message once when two senders (say, two processes) deliver at the same time", async () => {
    const { invitationId, email } = await invited();
    await api.post(`/api/invitations/${invitationId}/send`);
    const other = new MailService(t.database.db, t.config);
    try {
      const reports = await Promise.all([t.app.mail.deliverDue(), other.deliverDue(), t.app.mail.deliverDue()]);
      expect(reports.map((r) => r.failed)).toEqual([0, 0, 0]);
      expect(receivedBy(email!)).toHaveLength(1);
    } finally {
      other.close();
    }
  });
});
