import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";
import { invitationRow, openLink } from "../helpers/respond.ts";
import { inviteOrganization, post, readFixture } from "../helpers/scenario.ts";

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  await post(t, evaluator, "/api/questionnaires", { id: "small", json: readFixture("small-survey.json") });
});
afterAll(() => t.close());

const inFuture = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();
const past = () => new Date(Date.now() - 60_000).toISOString();

function patch(url: string, body: unknown, session = evaluator) {
  return request(t, "PATCH", url, body, session);
}

function invite(options: { closesAt?: string; expiresAt?: string } = {}) {
  return inviteOrganization(t, evaluator, { questionnaireId: "small", ...options });
}

async function addInvitation(evaluationId: number): Promise<{ id: number; token: string }> {
  const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
    name: `Org ${Math.random().toString(36).slice(2, 8)}`,
    kind: "ngo",
    region: "Naryn",
  });
  const [created] = await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "small",
  });
  return created;
}

function setInvitation(id: number, changes: { expires_at?: string | null; status?: "submitted" | "expired" }) {
  return t.database.db.updateTable("invitations").set(changes).where("id", "=", id).execute();
}

describe("PATCH /api/evaluations/:id", () => {
  it("changes the name, round and closing date, and answers the evaluation", async () => {
    const { evaluationId } = await invite();
    const closesAt = inFuture(30);
    const res = await patch(`/api/evaluations/${evaluationId}`, {
      name: "  Endline 2027 ",
      round: "endline",
      closesAt,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: evaluationId,
      name: "Endline 2027",
      round: "endline",
      closesAt,
      status: "open",
      questionnaireIds: ["small"],
      progress: expect.objectContaining({ invited: 1 }),
    });
    const bareDate = await patch(`/api/evaluations/${evaluationId}`, { closesAt: "2099-06-30", round: null });
    expect(bareDate.json()).toMatchObject({ closesAt: "2099-06-30T23:59:59.999Z", round: null });
  });

  it("closing makes its links answer 410; reopening makes them work again", async () => {
    const { evaluationId, token } = await invite();
    expect((await openLink(t, token)).statusCode).toBe(200);

    const closed = await patch(`/api/evaluations/${evaluationId}`, { status: "closed" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe("closed");
    expectError(await openLink(t, token), 410, "evaluation_closed");

    const reopened = await patch(`/api/evaluations/${evaluationId}`, { status: "open" });
    expect(reopened.json().status).toBe("open");
    expect((await openLink(t, token)).statusCode).toBe(200);
  });

  it("reopens an evaluation past its closing date with a later closing date", async () => {
    const { evaluationId, token } = await invite({ closesAt: inFuture(1) });
    await t.database.db.updateTable("evaluations").set({ closes_at: past() }).where("id", "=", evaluationId).execute();
    expectError(await openLink(t, token), 410, "evaluation_closed");

    // "open" alone cannot reopen it: the closing date would close it again at once.
    const error = expectError(await patch(`/api/evaluations/${evaluationId}`, { status: "open" }), 400);
    expect(fieldsOf(error)).toEqual(["closesAt"]);

    const later = inFuture(14);
    const res = await patch(`/api/evaluations/${evaluationId}`, { closesAt: later });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "open", closesAt: later });
    expect((await openLink(t, token)).statusCode).toBe(200);

    // Removing the closing date also reopens it.
    await t.database.db.updateTable("evaluations").set({ closes_at: past() }).where("id", "=", evaluationId).execute();
    expect((await patch(`/api/evaluations/${evaluationId}`, { status: "open", closesAt: null })).statusCode).toBe(200);
    expect((await openLink(t, token)).statusCode).toBe(200);
  });

  it("refuses a closing date in the past unless the evaluation is being closed", async () => {
    const { evaluationId } = await invite();
    const error = expectError(await patch(`/api/evaluations/${evaluationId}`, { closesAt: past() }), 400);
    expect(fieldsOf(error)).toEqual(["closesAt"]);
    const closing = await patch(`/api/evaluations/${evaluationId}`, { status: "closed", closesAt: past() });
    expect(closing.statusCode, closing.body).toBe(200);
  });

  it.each([
    [{ status: "archived" }, ["status"]],
    [{ name: "" }, ["name"]],
    [{ name: "   " }, ["name"]],
    [{ closesAt: "next week" }, ["closesAt"]],
    [{ baselineEvaluationId: "1" }, ["baselineEvaluationId"]],
    [{ questionnaireIds: ["small"] }, ["questionnaireIds"]],
    [{}, ["body"]],
  ])("answers 400 naming the field for %j", async (body, fields) => {
    const { evaluationId } = await invite();
    const before = (await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, evaluator)).json();
    const error = expectError(await patch(`/api/evaluations/${evaluationId}`, body), 400);
    expect(fieldsOf(error)).toEqual(fields);
    const after = (await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, evaluator)).json();
    expect(after).toEqual(before);
  });

  it("sets and clears the baseline, refusing itself, an unknown one and a cycle", async () => {
    const { evaluationId: baseline } = await invite();
    const { evaluationId: endline } = await invite();
    const set = await patch(`/api/evaluations/${endline}`, { baselineEvaluationId: baseline });
    expect(set.json().baselineEvaluationId).toBe(baseline);
    for (const [id, baselineEvaluationId] of [
      [endline, endline],
      [endline, 999999],
      [baseline, endline],
    ]) {
      const error = expectError(await patch(`/api/evaluations/${id}`, { baselineEvaluationId }), 400);
      expect(fieldsOf(error)).toEqual(["baselineEvaluationId"]);
    }
    const cleared = await patch(`/api/evaluations/${endline}`, { baselineEvaluationId: null });
    expect(cleared.json().baselineEvaluationId).toBeNull();
  });

  it("does not send an evaluation with invitations back to draft", async () => {
    const { evaluationId } = await invite();
    expectError(await patch(`/api/evaluations/${evaluationId}`, { status: "draft" }), 409, "has_invitations");
  });

  it("answers 404 for an unknown evaluation, 403 to a viewer and 401 without a session", async () => {
    expectError(await patch("/api/evaluations/999999", { name: "X" }), 404, "not_found");
    const viewer = await logInAs(t, "viewer");
    expectError(await patch("/api/evaluations/1", { status: "closed" }, viewer), 403, "read_only");
    expectError(await request(t, "PATCH", "/api/evaluations/1", { status: "closed" }), 401, "unauthorized");
  });
});

describe("POST /api/invitations/:id/extend", () => {
  it("gives an expired link a new expiry, and the link works again", async () => {
    const { invitationId, token } = await invite({ expiresAt: inFuture(1) });
    await setInvitation(invitationId, { expires_at: past() });
    expectError(await openLink(t, token), 410, "link_expired");

    const expiresAt = inFuture(7);
    const res = await request(t, "POST", `/api/invitations/${invitationId}/extend`, { expiresAt }, evaluator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: invitationId, status: expect.not.stringMatching(/expired/), expiresAt });
    expect((await openLink(t, token)).statusCode).toBe(200);
    expect((await invitationRow(t, invitationId)).expires_at).toBe(expiresAt);
  });

  it("restores the lifecycle status of a link stored as expired, and null means no expiry", async () => {
    const { invitationId, token } = await invite();
    expect((await openLink(t, token)).statusCode).toBe(200);
    await setInvitation(invitationId, { status: "expired", expires_at: past() });
    const res = await request(t, "POST", `/api/invitations/${invitationId}/extend`, { expiresAt: null }, evaluator);
    expect(res.json()).toEqual({ id: invitationId, status: "opened", expiresAt: null });
    expect((await openLink(t, token)).statusCode).toBe(200);
  });

  it("answers 409 for a revoked or submitted invitation, 400 for a past expiry, 404 for an unknown one", async () => {
    const revoked = await invite();
    await request(t, "POST", `/api/invitations/${revoked.invitationId}/revoke`, undefined, evaluator);
    const body = { expiresAt: inFuture(3) };
    expectError(
      await request(t, "POST", `/api/invitations/${revoked.invitationId}/extend`, body, evaluator),
      409,
      "invitation_revoked",
    );
    const submitted = await invite();
    await setInvitation(submitted.invitationId, { status: "submitted" });
    expectError(
      await request(t, "POST", `/api/invitations/${submitted.invitationId}/extend`, body, evaluator),
      409,
      "already_submitted",
    );
    const open = await invite();
    const error = expectError(
      await request(t, "POST", `/api/invitations/${open.invitationId}/extend`, { expiresAt: past() }, evaluator),
      400,
    );
    expect(fieldsOf(error)).toEqual(["expiresAt"]);
    const missing = expectError(
      await request(t, "POST", `/api/invitations/${open.invitationId}/extend`, {}, evaluator),
      400,
    );
    expect(fieldsOf(missing)).toEqual(["expiresAt"]);
    expectError(await request(t, "POST", "/api/invitations/999999/extend", body, evaluator), 404, "not_found");
    const viewer = await logInAs(t, "viewer");
    expectError(
      await request(t, "POST", `/api/invitations/${open.invitationId}/extend`, body, viewer),
      403,
      "read_only",
    );
  });
});

describe("bulk actions on the invitations of an evaluation", () => {
  it("revokes several invitations, skipping submitted and already revoked ones", async () => {
    const first = await invite();
    const second = await addInvitation(first.evaluationId);
    const third = await addInvitation(first.evaluationId);
    const fourth = await addInvitation(first.evaluationId);
    await setInvitation(third.id, { status: "submitted" });
    await request(t, "POST", `/api/invitations/${fourth.id}/revoke`, undefined, evaluator);

    const res = await request(
      t,
      "POST",
      `/api/evaluations/${first.evaluationId}/invitations/revoke`,
      { invitationIds: [first.invitationId, second.id, third.id, fourth.id] },
      evaluator,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      updated: [first.invitationId, second.id],
      skipped: [
        { id: third.id, reason: "submitted" },
        { id: fourth.id, reason: "already_revoked" },
      ],
    });
    expect((await invitationRow(t, first.invitationId)).status).toBe("revoked");
    expect((await invitationRow(t, third.id)).status).toBe("submitted");
    expectError(await openLink(t, second.token), 404, "not_found");
  });

  it("extends several invitations, skipping revoked and submitted ones", async () => {
    const first = await invite({ expiresAt: inFuture(1) });
    const second = await addInvitation(first.evaluationId);
    const revoked = await addInvitation(first.evaluationId);
    const submitted = await addInvitation(first.evaluationId);
    await setInvitation(first.invitationId, { expires_at: past() });
    await setInvitation(second.id, { expires_at: past() });
    await request(t, "POST", `/api/invitations/${revoked.id}/revoke`, undefined, evaluator);
    await setInvitation(submitted.id, { status: "submitted" });
    expectError(await openLink(t, first.token), 410, "link_expired");

    const expiresAt = inFuture(10);
    const res = await request(
      t,
      "POST",
      `/api/evaluations/${first.evaluationId}/invitations/extend`,
      { invitationIds: [first.invitationId, second.id, revoked.id, submitted.id], expiresAt },
      evaluator,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      updated: [first.invitationId, second.id],
      skipped: [
        { id: revoked.id, reason: "revoked" },
        { id: submitted.id, reason: "submitted" },
      ],
    });
    expect((await openLink(t, first.token)).statusCode).toBe(200);
    expect((await openLink(t, second.token)).statusCode).toBe(200);
    expect((await invitationRow(t, submitted.id)).expires_at).toBeNull();
  });

  it("refuses ids of another evaluation and changes nothing", async () => {
    const mine = await invite();
    const theirs = await invite();
    const res = await request(
      t,
      "POST",
      `/api/evaluations/${mine.evaluationId}/invitations/revoke`,
      { invitationIds: [mine.invitationId, theirs.invitationId] },
      evaluator,
    );
    expect(fieldsOf(expectError(res, 400))).toEqual(["invitationIds.1"]);
    expect((await invitationRow(t, mine.invitationId)).status).not.toBe("revoked");
    expect((await invitationRow(t, theirs.invitationId)).status).not.toBe("revoked");

    const extend = await request(
      t,
      "POST",
      `/api/evaluations/${mine.evaluationId}/invitations/extend`,
      { invitationIds: [mine.invitationId], expiresAt: past() },
      evaluator,
    );
    expect(fieldsOf(expectError(extend, 400))).toEqual(["expiresAt"]);
    expectError(
      await request(t, "POST", "/api/evaluations/999999/invitations/revoke", { invitationIds: [1] }, evaluator),
      404,
      "not_found",
    );
    const empty = await request(
      t,
      "POST",
      `/api/evaluations/${mine.evaluationId}/invitations/revoke`,
      { invitationIds: [] },
      evaluator,
    );
    expect(fieldsOf(expectError(empty, 400))).toEqual(["invitationIds"]);
  });
});
