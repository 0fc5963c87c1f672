import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { browserOutcome } from "../helpers/browser-replay.ts";
import { responseRows, saveDraft, submit } from "../helpers/respond.ts";
import { inviteOrganization, readFixture } from "../helpers/scenario.ts";

// What the server keeps and refuses is what survey-core in the respondent's browser keeps and refuses, for the
// patterns that broke it: triggers of every type, dynamic panels and questions sharing a valueName, a start page
// with a required question. Each answer set is submitted through the real HTTP app and entered, one answer at a
// time with survey-core's own navigation, into a fresh model (test/helpers/browser-replay.ts); the two must agree.

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

const uploaded = new Set<string>();

async function invite(fixture: string) {
  const id = `validation-${fixture}`;
  const json = readFixture(`validation/${fixture}.json`);
  const invited = await inviteOrganization(t, evaluator, {
    questionnaireId: id,
    ...(uploaded.has(id) ? {} : { json }),
  });
  uploaded.add(id);
  return { ...invited, json };
}

/** Top-level question names of a 422's details (`members[0].role` -> `members`). */
function refusedNames(details: Array<{ question?: string }>): string[] {
  return [...new Set(details.map((d) => (d.question ?? "").split(/[.[]/)[0]!))].sort();
}

async function expectAgreement(fixture: string, data: Record<string, unknown>) {
  const { token, invitationId, json } = await invite(fixture);
  const browser = browserOutcome(json, data, "en");
  const res = await submit(t, token, { data, locale: "en" });
  if (browser.refused.length === 0) {
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await responseRows(t, invitationId);
    expect(JSON.parse(row!.data)).toEqual(browser.kept);
  } else {
    expect(res.statusCode, res.body).toBe(422);
    // The server names the questions by path; survey-core's refusals are the top-level questions' names.
    expect(refusedNames(res.json().details)).toEqual(browser.refused);
    expect(await responseRows(t, invitationId)).toEqual([]);
  }
  return { res, browser };
}

describe("triggers take effect as in the browser", () => {
  it("keeps the answer to a question a visible trigger shows (it was dropped with 200)", async () => {
    const data = { has_partner: "yes", partner_name: "Aida", consent: "yes", details: "d" };
    const { browser } = await expectAgreement("triggers", data);
    expect(browser.kept).toEqual(data);
  });

  it("requires the question a visible trigger shows", async () => {
    const { browser } = await expectAgreement("triggers", { has_partner: "yes", consent: "yes", details: "d" });
    expect(browser.refused).toEqual(["partner_name"]);
  });

  it("drops the answer of a question the visible trigger leaves hidden", async () => {
    const { browser } = await expectAgreement("triggers", {
      has_partner: "no",
      partner_name: "Aida",
      consent: "yes",
      details: "d",
    });
    expect(browser.kept).not.toHaveProperty("partner_name");
  });

  it("keeps what setvalue, copyvalue, runexpression, setValueExpression and defaultValueExpression set", async () => {
    const data = {
      has_partner: "no",
      country: "kg",
      currency: "KGS",
      home_address: "Bishkek, Chui 1",
      same_address: true,
      postal_address: "Bishkek, Chui 1",
      age: 20,
      age_group: "adult",
      first_name: "Bolot",
      display_name: "Bolot",
      staff: 2,
      volunteers: 3,
      people: 5,
      consent: "yes",
      details: "x",
    };
    const { browser } = await expectAgreement("triggers", data);
    expect(browser.kept).toEqual(data);
  });

  it("lets a complete trigger finish early: later required questions are not asked", async () => {
    const { browser } = await expectAgreement("triggers", { has_partner: "no", consent: "no" });
    expect(browser.refused).toEqual([]);
  });

  it("lets a skip trigger jump over a page with a required question", async () => {
    const { browser } = await expectAgreement("triggers", {
      has_partner: "no",
      consent: "yes",
      skip_details: true,
      final_note: "n",
    });
    expect(browser.refused).toEqual([]);
  });

  it("still requires that page without the skip", async () => {
    const { browser } = await expectAgreement("triggers", { has_partner: "no", consent: "yes", final_note: "n" });
    expect(browser.refused).toEqual(["details"]);
  });
});

describe("a shared valueName is one value", () => {
  it("accepts two dynamic panels over one list of members (it was 422 unknown question on every submit)", async () => {
    const data = {
      members: [
        { name: "Aida", age: 30, role: "staff" },
        { name: "Bolot", role: "volunteer" },
      ],
      email: "office@example.kg",
    };
    const { browser } = await expectAgreement("shared-value-name", data);
    expect(browser.kept).toEqual(data);
  });

  it("still requires the questions of the second panel", async () => {
    const { browser } = await expectAgreement("shared-value-name", {
      members: [{ name: "Aida", age: 30 }],
      email: "office@example.kg",
    });
    expect(browser.refused).toEqual(["member_details"]);
  });

  it("requires a question whose shared value is empty", async () => {
    const { browser } = await expectAgreement("shared-value-name", { members: [{ name: "Aida", role: "staff" }] });
    expect(browser.refused).toEqual(["confirm_email"]);
  });
});

describe("the start page", () => {
  it("requires its required question (it was accepted without)", async () => {
    const { browser } = await expectAgreement("start-page", { satisfied: "yes" });
    expect(browser.refused).toEqual(["respondent_name"]);
  });

  it("accepts it answered", async () => {
    await expectAgreement("start-page", { respondent_name: "Zarina", satisfied: "yes" });
  });
});

describe("limits the browser enforces", () => {
  const valid = {
    projects: [{ title: "Shelter" }],
    staff: [{ role: "lawyer" }],
    services: ["legal", "shelter"],
    summary: "short",
    notes: "fine",
  };

  it("accepts answers within them", async () => {
    const { token } = await invite("limits");
    const res = await submit(t, token, { data: valid });
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each([
    ["more panels than maxPanelCount", { projects: Array.from({ length: 6 }, () => ({ title: "x" })) }, "projects"],
    ["more rows than maxRowCount", { staff: Array.from({ length: 4 }, () => ({ role: "x" })) }, "staff"],
    ["more choices than maxSelectedChoices", { services: ["legal", "shelter", "hotline"] }, "services"],
    ["a text over maxLength", { summary: "much too long" }, "summary"],
    ["a comment over maxLength", { notes: "x".repeat(31) }, "notes"],
    ["a panel text over maxLength", { projects: [{ title: "x".repeat(21) }] }, "projects[0].title"],
  ])("refuses %s with 422 naming it, and stores nothing", async (_label, change, question) => {
    const { token, invitationId } = await invite("limits");
    const res = await submit(t, token, { data: { ...valid, ...change } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.map((d: { question: string }) => d.question)).toContain(question);
    expect(await responseRows(t, invitationId)).toEqual([]);
  });

  it("refuses a draft with more panels than maxPanelCount, keeping the earlier draft", async () => {
    const { token, invitationId } = await invite("limits");
    expect((await saveDraft(t, token, { data: valid, currentPage: 0 })).statusCode).toBe(200);
    const res = await saveDraft(t, token, {
      data: { projects: Array.from({ length: 6 }, () => ({})) },
      currentPage: 0,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details).toEqual([{ question: "projects", message: "must have at most 5 panels" }]);
    const [row] = await responseRows(t, invitationId);
    expect(JSON.parse(row!.data)).toEqual(valid);
  });
});
