import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";
import { fieldsOf } from "../helpers/http.ts";
import { responseRows, saveDraft } from "../helpers/respond.ts";
import { inviteOrganization, type Invited } from "../helpers/scenario.ts";

// A page that closes while an older save is on its way sends the latest one with keepalive: the two may reach the
// server in either order, and the older one must not overwrite the newer.

let t: TestApp;
let invited: Invited;

beforeAll(async () => {
  t = await buildTestApp();
  const evaluator = await logInAs(t, "evaluator");
  invited = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
});
afterAll(() => t.close());

const pageA = "a1b2c3d4e5f60718";
const pageB = "ffeeddccbbaa9988";
const draft = (text: string, session: string, seq: number) => ({
  data: { ORG1: text },
  currentPage: 0,
  order: { session, seq },
});

async function stored() {
  const [row] = await responseRows(t, invited.invitationId);
  return { data: JSON.parse(row!.data) as Record<string, unknown>, revision: row!.revision };
}

describe("the order of a page's draft saves", () => {
  it("keeps the newer save when an older one of the same page arrives after it", async () => {
    expect((await saveDraft(t, invited.token, draft("newer", pageA, 5))).statusCode).toBe(200);
    const late = await saveDraft(t, invited.token, draft("older", pageA, 4));
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ revision: 1 });
    expect(await stored()).toEqual({ data: { ORG1: "newer" }, revision: 1 });
  });

  it("stores the same page's next save, and a save of another page (another device, a reload) whatever its number", async () => {
    expect((await saveDraft(t, invited.token, draft("next", pageA, 6))).json()).toMatchObject({ revision: 2 });
    expect((await saveDraft(t, invited.token, draft("other device", pageB, 1))).json()).toMatchObject({ revision: 3 });
    expect(await stored()).toEqual({ data: { ORG1: "other device" }, revision: 3 });
    // A save without an order (an older page still open somewhere) is stored as before.
    expect((await saveDraft(t, invited.token, { data: { ORG1: "plain" }, currentPage: 0 })).statusCode).toBe(200);
    expect((await stored()).data).toEqual({ ORG1: "plain" });
  });

  it("refuses a malformed order with 400 naming the field", async () => {
    const res = await saveDraft(t, invited.token, { data: {}, currentPage: 0, order: { session: "x", seq: -1 } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json()).some((f) => f.startsWith("order"))).toBe(true);
  });
});
