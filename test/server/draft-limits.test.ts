import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf } from "../helpers/http.ts";
import { inviteOrganization, type Invited } from "../helpers/scenario.ts";

// Drafts keep the documented limits (at most 5,000 answers, keys at most 200 characters) and refuse a number JSON
// cannot hold (1e400 would be stored as null); a refused draft leaves the saved one as it was.

let t: TestApp;
let invited: Invited;

beforeAll(async () => {
  t = await buildTestApp();
  const evaluator = await logInAs(t, "evaluator");
  invited = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
  const saved = await putDraft(JSON.stringify({ data: { ORG1: "kept" }, currentPage: 0 }));
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(() => t.close());

function putDraft(payload: string) {
  return t.app.inject({
    method: "PUT",
    url: `/api/respond/${invited.token}/draft`,
    headers: { "content-type": "application/json" },
    payload,
  });
}

async function storedData() {
  const row = await t.database.db
    .selectFrom("responses")
    .select("data")
    .where("invitation_id", "=", invited.invitationId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.data) as Record<string, unknown>;
}

describe("draft limits", () => {
  it("refuses a key over 200 characters, naming data", async () => {
    const res = await putDraft(JSON.stringify({ data: { ["k".repeat(100_000)]: 1 }, currentPage: 0 }));
    expect(fieldsOf(expectError(res, 400, "invalid_request"))).toContain("data");
    expect(await storedData()).toEqual({ ORG1: "kept" });
  });

  it("accepts a key of exactly 200 characters", async () => {
    const res = await putDraft(JSON.stringify({ data: { ["k".repeat(200)]: 1 }, currentPage: 0 }));
    expect(res.statusCode, res.body).toBe(200);
    await putDraft(JSON.stringify({ data: { ORG1: "kept" }, currentPage: 0 }));
  });

  it("refuses more than 5,000 answers", async () => {
    const data = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`q${i}`, i]));
    const res = await putDraft(JSON.stringify({ data, currentPage: 0 }));
    expect(fieldsOf(expectError(res, 400, "invalid_request"))).toContain("data");
    expect(await storedData()).toEqual({ ORG1: "kept" });
  });

  it.each(["1e400", "-1e400", "1E+400", "1" + "0".repeat(400)])(
    "refuses %s instead of storing null, naming where it is",
    async (number) => {
      const res = await putDraft(`{"data": {"ORG1": "x", "STAFF": [1, {"n": ${number}}]}, "currentPage": 0}`);
      expect(fieldsOf(expectError(res, 400, "invalid_request"))).toEqual(["data.STAFF.1.n"]);
      expect(await storedData()).toEqual({ ORG1: "kept" });
    },
  );

  it("refuses 1e400 on submit", async () => {
    const submit = await t.app.inject({
      method: "POST",
      url: `/api/respond/${invited.token}/submit`,
      headers: { "content-type": "application/json" },
      payload: '{"data": {"ORG1": 1e400}}',
    });
    expect(fieldsOf(expectError(submit, 400))).toEqual(["data.ORG1"]);
  });

  it("still takes large finite numbers and exponents as they are", async () => {
    const res = await putDraft('{"data": {"ORG1": 1e300, "ORG2": 1.7976931348623157e308}, "currentPage": 0}');
    expect(res.statusCode, res.body).toBe(200);
    expect(await storedData()).toEqual({ ORG1: 1e300, ORG2: Number.MAX_VALUE });
  });
});
