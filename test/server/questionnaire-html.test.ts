import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError, request } from "../helpers/http.ts";
import { inviteOrganization, post, readFixture } from "../helpers/scenario.ts";

// Evaluator-written HTML is sanitised when a questionnaire version is stored (uploads and surveys/ files alike), so
// every consumer gets safe HTML; only admins and an id's author may publish a new version of it.

const dangerous = [
  /<script/i,
  /<meta/i,
  /<iframe/i,
  /<form/i,
  /<base/i,
  /<input/i,
  /javascript:/i,
  /\bon(error|load|click)=/i,
  /url\(/i,
  /<style/i,
];

/** small-survey with evaluator-written HTML in every place that may hold it. */
function withHtml(): Record<string, unknown> {
  const json = readFixture("small-survey.json") as { pages: Array<{ elements: unknown[] }> } & Record<string, unknown>;
  json.title = {
    default: "<b>Small</b> survey<script>alert(1)</script>",
    ru: 'Анкета<iframe src="https://evil.example"></iframe>',
  };
  json.description = '<p style="background:url(https://evil.example/x.png)" onclick="steal()">Intro</p>';
  json.completedHtml = {
    default: '<h3>Thank you</h3><a href="javascript:alert(1)">again</a><base href="https://evil.example/">',
    ky: "<form action='https://evil.example'><input name='p'></form>Рахмат",
  };
  json.pages[0]!.elements.unshift({
    type: "html",
    name: "welcome",
    html: '<meta http-equiv="refresh" content="0;url=https://evil.example"><p><strong>Welcome</strong></p>',
  });
  json.pages[0]!.elements.push({
    type: "radiogroup",
    name: "channel",
    title: { default: "Channel", ru: '<img src="https://x.example/a.png" onerror="alert(1)">Канал' },
    choices: [{ value: "radio", text: { default: "<i>Radio</i><svg onload=alert(1)></svg>" } }, "tv"],
    visibleIf: "{staff} < 3 or {staff} > 100",
  });
  return json;
}

function expectSafe(text: string) {
  for (const pattern of dangerous) expect(text, String(pattern)).not.toMatch(pattern);
}

let t: TestApp;
let author: Session;
let other: Session;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  author = await logInAs(t, "evaluator");
  other = await logInAs(t, "evaluator");
  admin = await logInAs(t, "admin");
});
afterAll(() => t.close());

describe("stored HTML", () => {
  it("is sanitised on upload, in every language, keeping formatting and expressions", async () => {
    await post(t, author, "/api/questionnaires", { id: "html-probe", json: withHtml() });
    const stored = (await request(t, "GET", "/api/questionnaires/html-probe", undefined, author)).json();
    const text = JSON.stringify(stored.json);
    expectSafe(text);
    expect(stored.json.title).toEqual({ default: "<b>Small</b> survey", ru: "Анкета" });
    expect(stored.json.completedHtml.ky).toBe("Рахмат");
    expect(stored.json.pages[0].elements[0].html).toBe("<p><strong>Welcome</strong></p>");
    const channel = stored.json.pages[0].elements.at(-1);
    expect(channel.visibleIf).toBe("{staff} < 3 or {staff} > 100");
    expect(channel.choices[0].text.default).toBe("<i>Radio</i>");
    expect(channel.title.ru).toBe('<img src="https://x.example/a.png" />Канал');
  });

  it("reaches the respondent sanitised", async () => {
    const invited = await inviteOrganization(t, author, { questionnaireId: "html-probe" });
    const view = await t.app.inject({ method: "GET", url: `/api/respond/${invited.token}` });
    expect(view.statusCode, view.body).toBe(200);
    expectSafe(JSON.stringify(view.json().questionnaire.json));
    expect(JSON.stringify(view.json().questionnaire.json)).toContain("<strong>Welcome</strong>");
  });

  it("is sanitised in questionnaires loaded from surveys/ at start", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-surveys-"));
    try {
      fs.writeFileSync(path.join(dir, "file-probe.json"), JSON.stringify(withHtml()));
      await new QuestionnaireCatalogue().loadDirectory(t.database.db, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const stored = (await request(t, "GET", "/api/questionnaires/file-probe", undefined, author)).json();
    expectSafe(JSON.stringify(stored.json));
    expect(stored.json.pages[0].elements[0].html).toBe("<p><strong>Welcome</strong></p>");
  });
});

describe("who may publish a new version", () => {
  const changed = (title: string) => ({ ...readFixture("small-survey.json"), title });

  it("refuses another evaluator with 403 naming why, storing nothing", async () => {
    const before = await countRows(t, "questionnaires");
    const res = await request(t, "POST", "/api/questionnaires", { id: "html-probe", json: changed("Mine now") }, other);
    const body = expectError(res, 403, "not_questionnaire_author");
    expect(body.message).toMatch(/first published by another user/);
    expect(await countRows(t, "questionnaires")).toBe(before);
  });

  it("lets the author and an admin publish new versions", async () => {
    const mine = await request(t, "POST", "/api/questionnaires", { id: "html-probe", json: changed("v2") }, author);
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toEqual({ id: "html-probe", version: 2 });
    const admins = await request(t, "POST", "/api/questionnaires", { id: "html-probe", json: changed("v3") }, admin);
    expect(admins.statusCode, admins.body).toBe(201);
    // Still the first publisher's id: the admin's version does not make the admin its author.
    const again = await request(t, "POST", "/api/questionnaires", { id: "html-probe", json: changed("v4") }, author);
    expect(again.statusCode, again.body).toBe(201);
  });

  it("answers 200 with the existing version when anyone sends content already stored", async () => {
    const res = await request(t, "POST", "/api/questionnaires", { id: "html-probe", json: changed("v2") }, other);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: "html-probe", version: 2 });
  });

  it("keeps questionnaires shipped in surveys/ for admins only", async () => {
    const json = { ...readFixture("small-survey.json"), title: "Replaced" };
    const res = await request(t, "POST", "/api/questionnaires", { id: "ngo-capacity", json }, author);
    expect(expectError(res, 403, "not_questionnaire_author").message).toMatch(/only an admin/);
    const byAdmin = await request(t, "POST", "/api/questionnaires", { id: "ngo-capacity", json }, admin);
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });
});
