import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  buildTestApp,
  logInAs,
  type Session,
  type TestApp,
  type UserSession,
} from "../../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../../helpers/http.ts";
import { invitationRow, submit } from "../../helpers/respond.ts";
import { post, readFixture } from "../../helpers/scenario.ts";
import { startSmtpSink, type SmtpSink } from "../../helpers/smtp-sink.ts";

const publicUrl = "https://sapat.example.org";

async function setUp(t: TestApp) {
  const evaluator = await logInAs(t, "evaluator");
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
  return evaluator;
}

let counter = 0;
async function invited(t: TestApp, session: Session, email: string | null = `org${++counter}@example.kg`) {
  const { id: organizationId } = await post(t, session, "/api/organizations", {
    name: `Org ${++counter}`,
    kind: "ngo",
    region: "Chui",
    ...(email ? { email } : {}),
  });
  const { id: evaluationId } = await post(t, session, "/api/evaluations", {
    name: "Baseline",
    questionnaireIds: ["small"],
    closesAt: "2099-06-30",
  });
  const [invitation] = await post(t, session, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "small",
  });
  return { evaluationId, organizationId, invitationId: invitation.id as number, token: invitation.token as string };
}

describe("outbox mode (no SMTP_URL)", () => {
  let t: TestApp;
  let evaluator: Session;
  beforeAll(async () => {
    t = await buildTestApp({ publicUrl, smtpUrl: null });
    evaluator = await setUp(t);
  });
  afterAll(() => t.close());

  it("stores the message with the link to copy, sends nothing, and counts the invitation sent once marked", async () => {
    const { evaluationId, invitationId, token } = await invited(t, evaluator);
    const res = await request(t, "POST", `/api/invitations/${invitationId}/send`, undefined, evaluator);
    expect(res.statusCode, res.body).toBe(201);
    const url = `${publicUrl}/r/${token}`;
    expect(res.json()).toMatchObject({ status: "outbox", url, nextAttemptAt: null });
    expect(res.json().text).toContain(url);

    expect(await t.app.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    const log = (await request(t, "GET", `/api/evaluations/${evaluationId}/mail`, undefined, evaluator)).json();
    expect(log.mode).toBe("outbox");
    expect(log.messages).toEqual([expect.objectContaining({ status: "outbox", url, attempts: 0, sentAt: null })]);
    // Nobody has the link yet: the invitation is not sent until the evaluator says it was delivered.
    expect((await invitationRow(t, invitationId)).status).toBe("created");
    expectError(
      await request(t, "POST", `/api/mail/${log.messages[0].id}/retry`, undefined, evaluator),
      409,
      "outbox_mode",
    );

    const marked = await request(t, "POST", `/api/invitations/${invitationId}/mark-sent`, undefined, evaluator);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ status: "sent" });
    expect((await invitationRow(t, invitationId)).status).toBe("sent");
    const after = (await request(t, "GET", `/api/evaluations/${evaluationId}/mail`, undefined, evaluator)).json();
    expect(after.messages).toEqual([expect.objectContaining({ status: "sent", sentAt: expect.any(String) })]);
  });

  it("keeps a message for an organisation without an email address, for delivery by hand", async () => {
    const { invitationId } = await invited(t, evaluator, null);
    const res = await request(t, "POST", `/api/invitations/${invitationId}/send`, undefined, evaluator);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "outbox", to: null });
  });

  it("includes organisations without an address in reminders", async () => {
    const { evaluationId } = await invited(t, evaluator, null);
    const res = await request(t, "POST", `/api/evaluations/${evaluationId}/reminders`, undefined, evaluator);
    expect(res.json()).toEqual({ queued: 1 });
  });
});

describe("bad requests", () => {
  let sink: SmtpSink;
  let t: TestApp;
  let evaluator: Session;
  let viewer: UserSession;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ publicUrl, smtpUrl: sink.url });
    evaluator = await setUp(t);
    viewer = await logInAs(t, "viewer");
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const send = (id: number | string, session?: Session) =>
    request(t, "POST", `/api/invitations/${id}/send`, undefined, session);

  it("answers 404 for an unknown invitation, evaluation or message, and 400 for a malformed id", async () => {
    expectError(await send(999999, evaluator), 404, "not_found");
    expectError(await send("abc", evaluator), 400, "invalid_request");
    expectError(await request(t, "GET", "/api/evaluations/999999/mail", undefined, evaluator), 404, "not_found");
    expectError(await request(t, "POST", "/api/mail/999999/retry", undefined, evaluator), 404, "not_found");
    expectError(await request(t, "POST", "/api/invitations/999999/mark-sent", undefined, evaluator), 404, "not_found");
  });

  it("answers 409 for a revoked or submitted invitation and stores nothing", async () => {
    const revoked = await invited(t, evaluator);
    await request(t, "POST", `/api/invitations/${revoked.invitationId}/revoke`, undefined, evaluator);
    expectError(await send(revoked.invitationId, evaluator), 409, "invitation_revoked");
    expectError(
      await request(t, "POST", `/api/invitations/${revoked.invitationId}/mark-sent`, undefined, evaluator),
      409,
      "invitation_revoked",
    );

    const submitted = await invited(t, evaluator);
    expect((await submit(t, submitted.token, { data: { name: "Done" } })).statusCode).toBe(200);
    expectError(await send(submitted.invitationId, evaluator), 409, "already_submitted");
    const messages = await t.database.db.selectFrom("mail_messages").selectAll().execute();
    expect(messages.filter((m) => [revoked.invitationId, submitted.invitationId].includes(m.invitation_id))).toEqual(
      [],
    );
  });

  it("answers 409 naming the problem for an organisation without an email address", async () => {
    const { invitationId } = await invited(t, evaluator, null);
    const error = expectError(await send(invitationId, evaluator), 409, "no_email");
    expect(error.message).toMatch(/has no email address/);
  });

  it("lets viewers read the mail log but not send; needs a session and the CSRF header", async () => {
    const { evaluationId, invitationId } = await invited(t, evaluator);
    await addMember(t, evaluationId, viewer.userId, "viewer");
    expectError(await send(invitationId, viewer), 403);
    expectError(await request(t, "POST", `/api/evaluations/${evaluationId}/reminders`, undefined, viewer), 403);
    expect((await request(t, "GET", `/api/evaluations/${evaluationId}/mail`, undefined, viewer)).statusCode).toBe(200);
    expectError(await send(invitationId), 401);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: `/api/invitations/${invitationId}/send`,
      headers: { cookie: evaluator.cookie },
    });
    expectError(noCsrf, 403, "csrf_token_invalid");
    expect(
      await t.database.db.selectFrom("mail_messages").selectAll().where("invitation_id", "=", invitationId).execute(),
    ).toEqual([]);
  });

  it("sends in bulk, skipping with reasons, and rejects invitations of another evaluation", async () => {
    const { evaluationId, invitationId } = await invited(t, evaluator);
    const [withoutEmail, revoked] = await Promise.all([
      post(t, evaluator, "/api/organizations", { name: "No mail", kind: "ngo", region: "Osh" }),
      post(t, evaluator, "/api/organizations", { name: "Revoked", kind: "ngo", region: "Osh", email: "r@x.kg" }),
    ]);
    const more = await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [withoutEmail.id, revoked.id],
      questionnaireId: "small",
    });
    await request(t, "POST", `/api/invitations/${more[1].id}/revoke`, undefined, evaluator);
    const url = `/api/evaluations/${evaluationId}/invitations/send`;
    const ids = [invitationId, more[0].id, more[1].id];
    const res = await request(t, "POST", url, { invitationIds: ids }, evaluator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      queued: 1,
      skipped: [
        { invitationId: more[0].id, error: "no_email", message: expect.any(String) },
        { invitationId: more[1].id, error: "invitation_revoked", message: expect.any(String) },
      ],
    });
    const again = await request(t, "POST", url, { invitationIds: [invitationId] }, evaluator);
    expect(again.json()).toEqual({
      queued: 0,
      skipped: [{ invitationId, error: "already_queued", message: expect.any(String) }],
    });

    const other = await invited(t, evaluator);
    const error = expectError(
      await request(t, "POST", url, { invitationIds: [invitationId, other.invitationId] }, evaluator),
      400,
      "invalid_request",
    );
    expect(fieldsOf(error)).toEqual(["invitationIds.1"]);
    expectError(await request(t, "POST", url, { invitationIds: [] }, evaluator), 400, "invalid_request");
    expectError(await request(t, "POST", url, { invitationIds: [1, 1] }, evaluator), 400, "invalid_request");
    await t.app.mail.deliverDue();
  });
});
