import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  buildTestApp,
  logInAs,
  type Session,
  type TestApp,
  type UserSession,
} from "../helpers/build-app.ts";
import { request } from "../helpers/http.ts";
import { post } from "../helpers/scenario.ts";

// A respondent's token lets whoever holds it answer in the organisation's name: viewers never receive a token or a
// link, on any route; evaluators and admins, who send them, do.

let t: TestApp;
let evaluator: Session;
let admin: Session;
let viewer: UserSession;
let evaluationId: number;
let invitationId: number;
let token: string;

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: "https://sapat.example" });
  evaluator = await logInAs(t, "evaluator");
  admin = await logInAs(t, "admin");
  viewer = await logInAs(t, "viewer");
  const { id: organizationId } = await post(t, evaluator, "/api/organizations", {
    name: "Ak-Jol",
    kind: "ngo",
    region: "Chui",
    email: "office@akjol.example.kg",
  });
  ({ id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
    name: "Links",
    questionnaireIds: ["ngo-capacity"],
  }));
  await addMember(t, evaluationId, viewer.userId, "viewer");
  const [invitation] = await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: "ngo-capacity",
  });
  ({ id: invitationId, token } = invitation);
  // Outbox mode (no SMTP_URL): the message waits in the mail log with the link.
  await post(t, evaluator, `/api/invitations/${invitationId}/send`, undefined);
  // The respondent starts, so that responses and their views exist too.
  const opened = await t.app.inject({
    method: "PUT",
    url: `/api/respond/${token}/draft`,
    payload: { data: {}, currentPage: 0 },
  });
  expect(opened.statusCode, opened.body).toBe(200);
});
afterAll(() => t.close());

describe("invitations list and mail log", () => {
  it("give evaluators and admins every token and link", async () => {
    for (const session of [evaluator, admin]) {
      const [row] = (
        await request(t, "GET", `/api/evaluations/${evaluationId}/invitations`, undefined, session)
      ).json();
      expect(row).toMatchObject({ id: invitationId, token, url: `https://sapat.example/r/${token}` });
      const log = (await request(t, "GET", `/api/evaluations/${evaluationId}/mail`, undefined, session)).json();
      expect(log.messages[0].url).toBe(`https://sapat.example/r/${token}`);
      expect(log.messages[0].text).toContain(token);
    }
  });

  it("give viewers the rest of the row, without token or link", async () => {
    const res = await request(t, "GET", `/api/evaluations/${evaluationId}/invitations`, undefined, viewer);
    expect(res.statusCode).toBe(200);
    const [row] = res.json();
    expect(row).toMatchObject({ id: invitationId, organizationName: "Ak-Jol", status: expect.any(String) });
    expect(row).not.toHaveProperty("token");
    expect(row).not.toHaveProperty("url");
    expect(res.body).not.toContain(token);

    const mail = await request(t, "GET", `/api/evaluations/${evaluationId}/mail`, undefined, viewer);
    expect(mail.statusCode).toBe(200);
    const [message] = mail.json().messages;
    expect(message).toMatchObject({ invitationId, status: "outbox", to: "office@akjol.example.kg" });
    expect(message).not.toHaveProperty("url");
    expect(message.text).toContain("[personal link: visible to evaluators]");
    expect(mail.body).not.toContain(token);
  });
});

describe("every other route a viewer can read", () => {
  it("carries no token", async () => {
    const responseId = (await t.database.db.selectFrom("responses").select("id").executeTakeFirstOrThrow()).id;
    const urls = [
      "/api/auth/me",
      "/api/evaluations",
      `/api/evaluations/${evaluationId}`,
      `/api/evaluations/${evaluationId}/responses`,
      "/api/responses",
      `/api/responses/${responseId}`,
      `/api/responses/${responseId}/revisions`,
      "/api/organizations",
      `/api/evaluations/${evaluationId}/export.csv?status=all`,
      `/api/evaluations/${evaluationId}/report.html`,
      `/api/evaluations/${evaluationId}/scores`,
      `/api/evaluations/${evaluationId}/summary`,
    ];
    for (const url of urls) {
      const res = await request(t, "GET", url, undefined, viewer);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      expect(res.body, url).not.toContain(token);
    }
  });
});
