import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { responseRows, saveDraft, submit } from "../helpers/respond.ts";
import { inviteOrganization, readFixture } from "../helpers/scenario.ts";

// The hostile cases of one request against everyone: each runs while /healthz is asked again and again, and every
// /healthz must answer within 100 ms (validation and lint run in worker threads, with a time budget). Each case
// answers 4xx/503 with {error, message}, stores nothing, and leaves the server serving valid submissions.

const budgetMs = 1000;
let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp({ validationTimeoutMs: budgetMs });
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

/** Runs the request while asking /healthz every few milliseconds; returns its answer and the slowest /healthz. */
async function whileHealthz<T>(request: () => Promise<T>): Promise<{ result: T; slowestMs: number; asked: number }> {
  let done = false;
  let slowestMs = 0;
  let asked = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await t.app.inject({ method: "GET", url: "/healthz" });
      expect(res.statusCode).toBe(200);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const result = await request();
  done = true;
  await probe;
  return { result, slowestMs, asked };
}

function upload(id: string, json: unknown) {
  return t.app.inject({
    method: "POST",
    url: "/api/questionnaires",
    headers: evaluator.headers,
    payload: { id, json },
  });
}

function page(elements: unknown[]) {
  return { pages: [{ name: "p1", elements }] };
}

/** Dynamic panels nested `depth` deep, two panels each: a kilobyte that expands to 2^depth panels. */
function nestedPanels(depth: number): Record<string, unknown> {
  let element: Record<string, unknown> = { type: "text", name: "leaf" };
  for (let level = depth; level >= 1; level--) {
    element = { type: "paneldynamic", name: `level${level}`, panelCount: 2, templateElements: [element] };
  }
  return page([element]);
}

describe("hostile questionnaires and answers", () => {
  it("refuses at upload a regex validator that backtracks catastrophically, naming the question and the pattern", async () => {
    const { result: res, slowestMs } = await whileHealthz(() =>
      upload("unsafe-regex", page([{ type: "text", name: "code", validators: [{ type: "regex", regex: "^(a+)+$" }] }])),
    );
    expect(res.statusCode, res.body).toBe(422);
    const [detail] = res.json().details;
    expect(detail.field).toBe("pages[0].elements[0].validators[0].regex");
    expect(detail.message).toContain('"code"');
    expect(detail.message).toContain("^(a+)+$");
    expect(slowestMs).toBeLessThan(100);
  });

  it("stops a regex the lint cannot see through at the time budget: 503, nothing stored, /healthz unaffected", async () => {
    // ^(a|a)*$ passes safe-regex2 (star height 1) yet takes minutes on 34 a's and a "!".
    const json = page([
      { type: "text", name: "code", validators: [{ type: "regex", regex: "^(a|a)*$" }] },
      { type: "text", name: "other" },
    ]);
    const invited = await inviteOrganization(t, evaluator, { questionnaireId: "sneaky-regex", json });
    const started = performance.now();
    const {
      result: res,
      slowestMs,
      asked,
    } = await whileHealthz(() => submit(t, invited.token, { data: { code: `${"a".repeat(34)}!` } }));
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json()).toMatchObject({ error: "validation_timeout" });
    expect(res.json().message).toContain(`${budgetMs} ms`);
    expect(performance.now() - started).toBeLessThan(budgetMs * 10);
    expect(asked).toBeGreaterThan(5);
    expect(slowestMs).toBeLessThan(100);
    expect(await responseRows(t, invited.invitationId)).toEqual([]);

    // The stopped worker is replaced: the same link takes valid answers.
    const valid = await submit(t, invited.token, { data: { code: "aaa", other: "x" } });
    expect(valid.statusCode, valid.body).toBe(200);
  });

  it("decides each answer set on its own when a costly one shares a worker task with valid ones", async () => {
    // Answer sets that arrive while every worker is busy leave together in one task; when that task runs out of
    // time, each is run again alone: the valid ones are stored, only the costly one answers 503.
    const json = page([
      { type: "text", name: "code", validators: [{ type: "regex", regex: "^(a|a)*$" }] },
      { type: "text", name: "other" },
    ]);
    const invitations = [await inviteOrganization(t, evaluator, { questionnaireId: "sneaky-batch", json })];
    for (let i = 0; i < 8; i++)
      invitations.push(await inviteOrganization(t, evaluator, { questionnaireId: "sneaky-batch" }));
    const hostile = { data: { code: `${"a".repeat(34)}!` } };
    const [busy1, busy2, costly, ...valid] = invitations;
    // The event loop's own delay, not /healthz's: on PostgreSQL a /healthz round trip also waits for the database,
    // which nine concurrent writes keep busy; what must never wait here is the event loop.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const answers = await Promise.all([
      // Two costly ones first, holding both workers' task slots, so that the rest wait and leave together.
      submit(t, busy1!.token, hostile),
      submit(t, busy2!.token, hostile),
      submit(t, costly!.token, hostile),
      ...valid.map((invited, i) => submit(t, invited.token, { data: { code: "aaa", other: `valid ${i}` } })),
    ]);
    delay.disable();
    expect(answers.map((res) => res.statusCode)).toEqual([503, 503, 503, ...valid.map(() => 200)]);
    expect(delay.max / 1e6).toBeLessThan(100);
    for (const invited of [busy1!, busy2!, costly!]) expect(await responseRows(t, invited.invitationId)).toEqual([]);
    for (const [i, invited] of valid.entries()) {
      const [row] = await responseRows(t, invited.invitationId);
      expect(JSON.parse(row!.data)).toEqual({ code: "aaa", other: `valid ${i}` });
    }
  });

  it("refuses a draft of 1,000 dynamic panels at once, keeping the earlier draft", async () => {
    const invited = await inviteOrganization(t, evaluator, {
      questionnaireId: "panels",
      json: readFixture("validation/dynamic-panels.json"),
    });
    expect((await saveDraft(t, invited.token, { data: { note: "first" }, currentPage: 0 })).statusCode).toBe(200);
    const { result: res, slowestMs } = await whileHealthz(() =>
      saveDraft(t, invited.token, { data: { pd: Array.from({ length: 1000 }, () => ({ x: "a" })) }, currentPage: 0 }),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details).toEqual([{ question: "pd", message: "must have at most 100 panels" }]);
    expect(slowestMs).toBeLessThan(100);
    const [row] = await responseRows(t, invited.invitationId);
    expect(JSON.parse(row!.data)).toEqual({ note: "first" });
  });

  it("refuses a submit of 3,000 panels where the limit is 100, storing nothing", async () => {
    const invited = await inviteOrganization(t, evaluator, { questionnaireId: "panels" });
    const { result: res, slowestMs } = await whileHealthz(() =>
      submit(t, invited.token, { data: { pd: Array.from({ length: 3000 }, () => ({ x: "a" })) } }),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details).toEqual([{ question: "pd", message: "must have at most 100 panels" }]);
    expect(slowestMs).toBeLessThan(100);
    expect(await responseRows(t, invited.invitationId)).toEqual([]);
  });

  it("refuses dynamic panels nested 10 deep at upload, naming where", async () => {
    const { result: res, slowestMs } = await whileHealthz(() => upload("nested-panels", nestedPanels(10)));
    expect(res.statusCode, res.body).toBe(422);
    const [detail] = res.json().details;
    expect(detail.field).toBe("pages[0].elements[0].templateElements[0].templateElements[0]");
    expect(detail.message).toContain('"level3"');
    expect(detail.message).toContain("at most 2");
    expect(slowestMs).toBeLessThan(100);
    expect(
      (await t.app.inject({ url: "/api/questionnaires/nested-panels", headers: evaluator.headers })).statusCode,
    ).toBe(404);
  });

  it("answers 422 to a draft survey-core cannot load ([null] panels, wrong shapes), and later valid answers pass", async () => {
    const invited = await inviteOrganization(t, evaluator, { questionnaireId: "panels" });
    for (const data of [{ pd: [null] }, { pd: "three" }, { pd: [[]] }, { pd: [{ x: "a" }, 7] }]) {
      const { result: res, slowestMs } = await whileHealthz(() =>
        saveDraft(t, invited.token, { data, currentPage: 0 }),
      );
      expect(res.statusCode, `${JSON.stringify(data)}: ${res.body}`).toBe(422);
      expect(res.json()).toMatchObject({ error: "invalid_answers" });
      expect(res.json().details[0].question).toMatch(/^pd/);
      expect(slowestMs).toBeLessThan(100);
    }
    const nulls = await submit(t, invited.token, { data: { pd: [null] } });
    expect(nulls.statusCode, nulls.body).toBe(422);
    expect(nulls.json().details).toEqual([{ question: "pd[0]", message: "must be an object of answers" }]);
    expect(await responseRows(t, invited.invitationId)).toEqual([]);

    // Nothing of the refused answers stayed behind: valid panels of the same version pass, here and on another link.
    const valid = { pd: [{ x: "a" }, { x: "b" }], note: "n" };
    expect((await saveDraft(t, invited.token, { data: valid, currentPage: 0 })).statusCode).toBe(200);
    const res = await submit(t, invited.token, { data: valid });
    expect(res.statusCode, res.body).toBe(200);
    const other = await inviteOrganization(t, evaluator, { questionnaireId: "panels" });
    expect((await submit(t, other.token, { data: { pd: [{ x: "c" }] } })).statusCode).toBe(200);
  });
});
