import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";
import { submit } from "../helpers/respond.ts";
import { inviteOrganization } from "../helpers/scenario.ts";

// GET /api/questionnaires/:id/versions and /diff: what the questionnaires page shows.

let t: TestApp;
let evaluator: Session;

const v1 = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "name", title: "Name" },
        { type: "radiogroup", name: "size", title: "Size", choices: ["small", "large"] },
        { type: "text", name: "old", title: "Old question" },
      ],
    },
  ],
};
const v2 = {
  title: "Second",
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "name", title: "Full name", isRequired: true },
        { type: "radiogroup", name: "size", title: "Size", choices: [{ value: "small", text: "Small" }, "medium"] },
        { type: "comment", name: "notes", title: "Notes" },
      ],
    },
  ],
};

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

describe("questionnaire versions", () => {
  it("lists every version, newest first, with its publisher and the invitations, responses and evaluations pinned to it", async () => {
    const { user } = (await request(t, "GET", "/api/auth/me", undefined, evaluator)).json();
    const publishedBy = { id: user.id, name: user.name };
    const first = await inviteOrganization(t, evaluator, { questionnaireId: "versions", json: v1 });
    await submit(t, first.token, { data: { name: "A" } });
    const second = await inviteOrganization(t, evaluator, { questionnaireId: "versions", json: v2 });
    const res = await request(t, "GET", "/api/questionnaires/versions/versions", undefined, evaluator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: "versions",
      versions: [
        {
          version: 2,
          title: "Second",
          source: "upload",
          createdAt: expect.any(String),
          publishedBy,
          questionCount: 3,
          scoring: null,
          invitations: 1,
          responses: 0,
          evaluations: [{ id: second.evaluationId, name: "Test evaluation", invitations: 1, responses: 0 }],
        },
        {
          version: 1,
          title: "Untitled questionnaire",
          source: "upload",
          createdAt: expect.any(String),
          publishedBy,
          questionCount: 3,
          scoring: null,
          invitations: 1,
          responses: 1,
          evaluations: [{ id: first.evaluationId, name: "Test evaluation", invitations: 1, responses: 1 }],
        },
      ],
    });
  });

  it("diffs two versions: questions added, removed and changed, choices changed", async () => {
    const res = await request(t, "GET", "/api/questionnaires/versions/diff?from=1&to=2", undefined, evaluator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: "versions",
      from: 1,
      to: 2,
      added: [{ name: "notes", title: "Notes" }],
      removed: [{ name: "old", title: "Old question" }],
      changed: [{ name: "name", title: "Full name", properties: ["isRequired", "title"] }],
      choices: [
        {
          question: "size",
          title: "Size",
          added: [{ value: "medium", text: "medium" }],
          removed: [{ value: "large", text: "large" }],
          changed: [{ value: "small", text: "Small" }],
        },
      ],
      survey: ["title"],
    });
  });

  it("shows the file versions as published by nobody, and the latest publisher in the list", async () => {
    const versions = (
      await request(t, "GET", "/api/questionnaires/ngo-capacity/versions", undefined, evaluator)
    ).json();
    expect(versions.versions.at(-1)).toMatchObject({ version: 1, source: "file", publishedBy: null });
    const list = (await request(t, "GET", "/api/questionnaires", undefined, evaluator)).json() as Array<{
      id: string;
      version: number;
      publishedBy: unknown;
      publishedAt: string;
    }>;
    const mine = list.find((q) => q.id === "versions")!;
    expect(mine).toMatchObject({ version: 2, publishedBy: { name: "evaluator" } });
    const latest = (await request(t, "GET", "/api/questionnaires/versions/versions", undefined, evaluator)).json();
    expect(mine.publishedAt).toBe(latest.versions[0].createdAt);
  });

  it("gives the titles of questions and choices in every language a questionnaire has", async () => {
    const a = {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "radiogroup",
              name: "kind",
              title: { default: "Kind", ru: "Вид" },
              choices: [{ value: "ngo", text: { default: "NGO", ru: "НКО" } }],
            },
          ],
        },
      ],
    };
    const b = structuredClone(a);
    b.pages[0]!.elements[0]!.choices.push({ value: "gov", text: { default: "Government", ru: "Госорган" } });
    await inviteOrganization(t, evaluator, { questionnaireId: "multilingual", json: a });
    await inviteOrganization(t, evaluator, { questionnaireId: "multilingual", json: b });
    const res = await request(t, "GET", "/api/questionnaires/multilingual/diff?from=1&to=2", undefined, evaluator);
    expect(res.json().choices).toEqual([
      {
        question: "kind",
        title: { default: "Kind", ru: "Вид" },
        added: [{ value: "gov", text: { default: "Government", ru: "Госорган" } }],
        removed: [],
        changed: [],
      },
    ]);
  });

  it("answers 404 for an unknown questionnaire or version and 400 for a bad version", async () => {
    expectError(await request(t, "GET", "/api/questionnaires/nothing/versions", undefined, evaluator), 404);
    expectError(await request(t, "GET", "/api/questionnaires/versions/diff?from=1&to=9", undefined, evaluator), 404);
    const bad = expectError(
      await request(t, "GET", "/api/questionnaires/versions/diff?from=0&to=x", undefined, evaluator),
      400,
    );
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining([expect.stringMatching(/from|to/)]));
  });
});
