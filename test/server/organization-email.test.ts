import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError, fieldsOf, request } from "../helpers/http.ts";
import { post } from "../helpers/scenario.ts";

// An organisation's email is exactly one mailbox as nodemailer reads it: `x,attacker@evil.example` would send the
// invitation (and its link) to a second address.

const notOneMailbox = ["x,attacker@evil.example", "a@ngo.kg; attacker@evil.example", "Ak-Jol <a@ngo.kg>", "a@b@c"];

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

describe("organisation email", () => {
  it.each(notOneMailbox)("refuses %j on create (both routes), naming email, and stores nothing", async (email) => {
    const before = await countRows(t, "organizations");
    const body = { name: "Ak-Jol", kind: "ngo", region: "Chui", email };
    expect(fieldsOf(expectError(await request(t, "POST", "/api/organizations", body, evaluator), 400))).toEqual([
      "email",
    ]);
    const client = await request(t, "PUT", `/api/organizations/client/${randomUUID()}`, body, evaluator);
    expect(fieldsOf(expectError(client, 400))).toEqual(["email"]);
    expect(await countRows(t, "organizations")).toBe(before);
  });

  it.each(notOneMailbox)("refuses %j on update, naming email, and keeps the stored one", async (email) => {
    const { id } = await post(t, evaluator, "/api/organizations", {
      name: "Sezim",
      kind: "ngo",
      region: "Osh",
      email: "office@sezim.kg",
    });
    const res = await request(t, "PATCH", `/api/organizations/${id}`, { email }, evaluator);
    expect(fieldsOf(expectError(res, 400))).toEqual(["email"]);
    const stored = await request(t, "GET", `/api/organizations/${id}`, undefined, evaluator);
    expect(stored.json().email).toBe("office@sezim.kg");
  });

  it("refuses it in a CSV import, naming the line's email, and imports nothing", async () => {
    const before = await countRows(t, "organizations");
    const csv = 'name,kind,region,email\nTenir,ngo,Naryn,tenir@ngo.kg\nMeerim,ngo,Chui,"x,attacker@evil.example"\n';
    const res = await t.app.inject({
      method: "POST",
      url: "/api/organizations/import",
      headers: { ...evaluator.headers, "content-type": "text/csv" },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.error).toBe("import_invalid");
    expect(body.details).toEqual([{ field: "email", message: expect.stringMatching(/^Line 3: .*one email address/) }]);
    expect(await countRows(t, "organizations")).toBe(before);
  });

  it("accepts one plain mailbox, stored in lower case", async () => {
    const { id } = await post(t, evaluator, "/api/organizations", {
      name: "Tenir",
      kind: "ngo",
      region: "Naryn",
      email: "Office@Tenir.kg",
    });
    expect((await request(t, "GET", `/api/organizations/${id}`, undefined, evaluator)).json().email).toBe(
      "office@tenir.kg",
    );
  });
});
