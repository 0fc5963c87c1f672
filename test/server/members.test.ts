import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type TestApp, type UserSession } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";
import { post } from "../helpers/scenario.ts";

describe("evaluation members", () => {
  let t: TestApp;
  let owner: UserSession;
  let colleague: UserSession;
  let reader: UserSession;
  let admin: UserSession;
  let viewerAccount: UserSession;
  let evaluationId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await logInAs(t, "evaluator");
    colleague = await logInAs(t, "evaluator");
    reader = await logInAs(t, "evaluator");
    admin = await logInAs(t, "admin");
    viewerAccount = await logInAs(t, "viewer");
    ({ id: evaluationId } = await post(t, owner, "/api/evaluations", {
      name: "Midline",
      questionnaireIds: ["ngo-capacity"],
    }));
  });
  afterAll(() => t.close());

  const members = (session: UserSession) =>
    request(t, "GET", `/api/evaluations/${evaluationId}/members`, undefined, session);
  const put = (userId: number, role: string, session: UserSession = owner) =>
    request(t, "PUT", `/api/evaluations/${evaluationId}/members/${userId}`, { role }, session);
  const remove = (userId: number, session: UserSession = owner) =>
    request(t, "DELETE", `/api/evaluations/${evaluationId}/members/${userId}`, undefined, session);

  it("makes the creator the owner", async () => {
    const res = await members(owner);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ userId: owner.userId, email: owner.email, role: "owner", accountRole: "evaluator" }),
    ]);
  });

  it("adds a member (201), changes their role (200), and the same role again changes nothing (200)", async () => {
    const added = await put(colleague.userId, "evaluator");
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ userId: colleague.userId, email: colleague.email, role: "evaluator" });
    const changed = await put(colleague.userId, "owner");
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ role: "owner" });
    expect((await put(colleague.userId, "owner")).statusCode).toBe(200);
    const list = (await members(colleague)).json() as Array<{ userId: number; role: string }>;
    expect(list.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [owner.userId, "owner"],
        [colleague.userId, "owner"],
      ].sort(),
    );
  });

  it("lets a viewer member read the evaluation but not change it (403), nor manage members (403)", async () => {
    expect((await put(reader.userId, "viewer")).statusCode).toBe(201);
    expect((await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, reader)).statusCode).toBe(200);
    expectError(
      await request(t, "PATCH", `/api/evaluations/${evaluationId}`, { name: "Renamed" }, reader),
      403,
      "read_only",
    );
    expectError(await request(t, "POST", `/api/evaluations/${evaluationId}/reminders`, {}, reader), 403, "read_only");
    expectError(await put(viewerAccount.userId, "viewer", reader), 403, "not_owner");
    // The evaluation is unchanged.
    const view = (await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, owner)).json();
    expect(view).toMatchObject({ name: "Midline" });
  });

  it("lets an evaluator member write but not manage members", async () => {
    await put(reader.userId, "evaluator");
    const res = await request(t, "PATCH", `/api/evaluations/${evaluationId}`, { round: "2" }, reader);
    expect(res.statusCode, res.body).toBe(200);
    expectError(await put(viewerAccount.userId, "viewer", reader), 403, "not_owner");
    expectError(await remove(owner.userId, reader), 403, "not_owner");
  });

  it("lets admins manage any evaluation, without being members", async () => {
    expect((await members(admin)).statusCode).toBe(200);
    const res = await put(viewerAccount.userId, "viewer", admin);
    expect(res.statusCode, res.body).toBe(201);
  });

  it("keeps a viewer account a viewer member: 400 naming role otherwise", async () => {
    expect(fieldsOf(expectError(await put(viewerAccount.userId, "evaluator"), 400))).toEqual(["role"]);
  });

  it("answers 404 for an unknown user, and 400 for an unknown role", async () => {
    expectError(await put(999_999, "viewer"), 404, "not_found");
    expect(fieldsOf(expectError(await put(colleague.userId, "boss"), 400))).toEqual(["role"]);
  });

  it("keeps at least one owner: neither removing nor demoting the last one (409 last_owner)", async () => {
    expect((await remove(colleague.userId)).statusCode).toBe(204);
    expectError(await remove(owner.userId), 409, "last_owner");
    expectError(await put(owner.userId, "evaluator"), 409, "last_owner");
    expectError(await remove(owner.userId, admin), 409, "last_owner");
    const list = (await members(owner)).json() as Array<{ userId: number; role: string }>;
    expect(list.find((m) => m.userId === owner.userId)?.role).toBe("owner");
  });

  it("takes a removed member's access away at once: 404 as for an unknown evaluation", async () => {
    expect((await remove(reader.userId)).statusCode).toBe(204);
    expectError(await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, reader), 404, "not_found");
    expectError(await remove(reader.userId), 404, "not_found");
    const list = (await request(t, "GET", "/api/evaluations", undefined, reader)).json() as unknown[];
    expect(list).toEqual([]);
  });

  it("lists the active accounts an owner may add, for owners and admins only", async () => {
    const url = `/api/evaluations/${evaluationId}/member-candidates`;
    const res = await request(t, "GET", url, undefined, owner);
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as Array<{ userId: number }>).map((c) => c.userId);
    expect(ids).toContain(reader.userId);
    expect(ids).not.toContain(owner.userId);
    expect((await request(t, "GET", url, undefined, admin)).statusCode).toBe(200);
    expectError(await request(t, "GET", url, undefined, reader), 404, "not_found");
  });

  it("answers 404 to a non-member's members routes", async () => {
    expectError(await members(reader), 404, "not_found");
    expectError(await put(reader.userId, "owner", reader), 404, "not_found");
  });
});
