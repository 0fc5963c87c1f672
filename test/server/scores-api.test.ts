import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { post, readFixture } from "../helpers/scenario.ts";

// The scores API over real submissions of surveys/ngo-capacity.json.

let t: TestApp;
let session: Session;
let viewer: Session;
const answers = readFixture("ngo-capacity-answers.json");

beforeAll(async () => {
  t = await buildTestApp();
  session = await logInAs(t);
  viewer = await logInAs(t, "viewer");
});
afterAll(() => t.close());

const get = async (url: string, as: Session = session) => t.app.inject({ url, headers: as.headers });

interface Org {
  name: string;
  region: string;
  orgType?: string;
  answers: Record<string, unknown>;
}

/** An evaluation of ngo-capacity where each organisation submitted the given answers; returns ids. */
async function evaluationWith(orgs: Org[], extra: Record<string, unknown> = {}) {
  const { id: evaluationId } = await post(t, session, "/api/evaluations", {
    name: "Scores",
    questionnaireIds: ["ngo-capacity"],
    ...extra,
  });
  const responses: number[] = [];
  const organizations: number[] = [];
  for (const org of orgs) {
    const { id } = await post(t, session, "/api/organizations", {
      name: org.name,
      kind: "ngo",
      region: org.region,
      orgType: org.orgType ?? null,
    });
    organizations.push(id);
  }
  return { evaluationId, organizations, responses, submit: submitAll };

  async function submitAll(ids = organizations) {
    const invitations = await post(t, session, `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: ids,
      questionnaireId: "ngo-capacity",
    });
    for (const [i, inv] of invitations.entries()) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/respond/${inv.token}/submit`,
        payload: { data: orgs[organizations.indexOf(ids[i]!)]!.answers },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      responses.push(res.json().responseId);
    }
    return responses;
  }
}

const weaker = { ...answers, OUT1: 0, OUT2: 0, OUT3: 0, OUT4: ["none"], OUT5: 1, OUT6: 0 };

describe("one response", () => {
  let responseId: number;
  beforeAll(async () => {
    const e = await evaluationWith([{ name: "Tomo", region: "Issyk-Kul", answers }]);
    responseId = (await e.submit())[0]!;
  });

  test("a submission is scored at once, in both bases, naming the scoring model", async () => {
    const res = await get(`/api/responses/${responseId}/score`);
    expect(res.statusCode).toBe(200);
    const trace = res.json();
    expect(trace).toMatchObject({ basis: "verified", scoringId: "ngo-capacity", scoringVersion: "1" });
    expect(trace.dimensions).toHaveLength(9);
    expect(trace.overall.status).toBe("scored");
    const out = trace.dimensions.find((d: { id: string }) => d.id === "OUT");
    // OUT1=6 (cuts [1,5,15]) -> 3; the trace shows the rule, the level and the contribution.
    expect(out.items.find((i: { question: string }) => i.question === "OUT1")).toMatchObject({
      status: "answered",
      value: 6,
      level: 3,
    });
    // Stored by the score backlog (a read stores nothing).
    await t.app.scoreBacklog.drain();
    const stored = await t.database.db
      .selectFrom("response_scores")
      .selectAll()
      .where("response_id", "=", responseId)
      .execute();
    expect(stored.map((s) => [s.basis, s.scoring_id, s.scoring_version]).sort()).toEqual([
      ["self", "ngo-capacity", "1"],
      ["verified", "ngo-capacity", "1"],
    ]);
    expect((await get(`/api/responses/${responseId}/score?basis=self`)).json().basis).toBe("self");
  });

  test.each([
    [{ level: 0, note: "x" }, "level"],
    [{ level: 5, note: "x" }, "level"],
    [{ level: 2.5, note: "x" }, "level"],
    [{ level: "3", note: "x" }, "level"],
    [{ note: "x" }, "level"],
    [{ level: 2 }, "note"],
    [{ level: 2, note: "   " }, "note"],
  ])("a verified level %j is refused with 422 naming %s, and nothing changes", async (body, field) => {
    const before = (await get(`/api/responses/${responseId}/score`)).json();
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/responses/${responseId}/verified/VAS4`,
      payload: body,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await get(`/api/responses/${responseId}/score`)).json()).toEqual(before);
    expect((await get(`/api/responses/${responseId}/verified`)).json().levels).toEqual([]);
  });

  test("an unknown or unscored question is refused with 422 naming the question", async () => {
    for (const question of ["NOPE", "P1"]) {
      const res = await t.app.inject({
        method: "PUT",
        url: `/api/responses/${responseId}/verified/${question}`,
        payload: { level: 2, note: "seen" },
        headers: session.headers,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().details[0].field).toBe("question");
    }
  });

  test("viewers cannot verify; an unknown response is 404", async () => {
    const asViewer = await t.app.inject({
      method: "PUT",
      url: `/api/responses/${responseId}/verified/VAS4`,
      payload: { level: 2, note: "seen" },
      headers: viewer.headers,
    });
    expect(asViewer.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: "PUT",
      url: `/api/responses/999999/verified/VAS4`,
      payload: { level: 2, note: "seen" },
      headers: session.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });

  test("a verified level changes the verified basis only, and is audited", async () => {
    const selfBefore = (await get(`/api/responses/${responseId}/score?basis=self`)).json();
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/responses/${responseId}/verified/VAS4`,
      payload: { level: 4, note: "Case files with consent forms seen at the site visit" },
      headers: session.headers,
    });
    expect(res.statusCode).toBe(200);
    const verified = (await get(`/api/responses/${responseId}/score`)).json();
    const item = verified.dimensions
      .find((d: { id: string }) => d.id === "VAS")
      .items.find((i: { question: string }) => i.question === "VAS4");
    expect(item).toMatchObject({ level: 4, verified: { level: 4 } });
    expect((await get(`/api/responses/${responseId}/score?basis=self`)).json()).toEqual(selfBefore);

    await t.app.inject({
      method: "PUT",
      url: `/api/responses/${responseId}/verified/VAS4`,
      payload: { level: 3, note: "Follow-up contact not documented" },
      headers: session.headers,
    });
    const audit = (await get(`/api/responses/${responseId}/verified`)).json();
    expect(audit.levels).toMatchObject([{ question: "VAS4", level: 3, note: "Follow-up contact not documented" }]);
    expect(
      audit.history.map((h: { previousLevel: number | null; level: number }) => [h.previousLevel, h.level]),
    ).toEqual([
      [4, 3],
      [null, 4],
    ]);
  });
});

describe("a cohort", () => {
  let e: Awaited<ReturnType<typeof evaluationWith>>;
  beforeAll(async () => {
    e = await evaluationWith([
      { name: "A", region: "Osh", orgType: "women", answers },
      { name: "B", region: "Osh", orgType: "youth", answers: weaker },
      { name: "C", region: "Osh", orgType: "women", answers },
      { name: "D", region: "Chui", orgType: "women", answers: weaker },
    ]);
    await e.submit();
  });

  test("organisations x dimensions, cohort statistics and the item heat map", async () => {
    const res = await get(`/api/evaluations/${e.evaluationId}/scores`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.organizations).toHaveLength(4);
    expect(body.organizations[0].dimensions.OUT).toMatchObject({ status: "scored" });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ key: "all", overall: { n: 4, suppressed: false } });
    // OUT: two organisations at the fixture's level and two at the weaker one.
    const outLevels = body.organizations.map((o: { dimensions: { OUT: { level: number } } }) => o.dimensions.OUT.level);
    expect(body.groups[0].dimensions.OUT.mean).toBeCloseTo(outLevels.reduce((a: number, b: number) => a + b) / 4, 9);
    const out1 = body.heatmap.find((h: { question: string }) => h.question === "OUT1");
    expect(out1).toMatchObject({ dimension: "OUT", answered: 4, levels: { "1": 2, "3": 2 } });
  });

  test("groups of fewer than 3 organisations are suppressed; the threshold is configurable", async () => {
    const byRegion = (await get(`/api/evaluations/${e.evaluationId}/scores?groupBy=region`)).json();
    const chui = byRegion.groups.find((g: { key: string }) => g.key === "Chui");
    expect(chui.overall).toMatchObject({ n: 1, suppressed: true, mean: null, bands: null });
    expect(byRegion.groups.find((g: { key: string }) => g.key === "Osh").overall).toMatchObject({
      n: 3,
      suppressed: false,
    });
    const lower = (await get(`/api/evaluations/${e.evaluationId}/scores?groupBy=region&minGroupSize=1`)).json();
    expect(lower.groups.find((g: { key: string }) => g.key === "Chui").overall.suppressed).toBe(false);
  });

  test("grouping by organisation type and by a choice question of the profile", async () => {
    const byType = (await get(`/api/evaluations/${e.evaluationId}/scores?groupBy=orgType`)).json();
    expect(byType.groups.map((g: { key: string }) => g.key).sort()).toEqual(["women", "youth"]);
    const byP3 = (await get(`/api/evaluations/${e.evaluationId}/scores?groupBy=q:P3`)).json();
    expect(byP3.groups.map((g: { key: string }) => g.key)).toEqual(["other"]);
  });

  test.each([
    ["groupBy=district", "groupBy"],
    ["groupBy=q:P1", "groupBy"],
    ["groupBy=q:NOPE", "groupBy"],
    ["basis=both", "basis"],
    ["minGroupSize=0", "minGroupSize"],
    ["questionnaireId=government-interview", "questionnaireId"],
  ])("bad parameters %s -> 400 naming %s", async (query, field) => {
    const res = await get(`/api/evaluations/${e.evaluationId}/scores?${query}`);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain(field);
  });

  test("the summary per question: numbers and choice counts, by group", async () => {
    const res = await get(`/api/evaluations/${e.evaluationId}/summary?groupBy=region`);
    expect(res.statusCode).toBe(200);
    const osh = res.json().groups.find((g: { key: string }) => g.key === "Osh");
    expect(osh.responses).toBe(3);
    const out1 = osh.questions.find((q: { name: string }) => q.name === "OUT1");
    expect(out1).toMatchObject({ n: 3, sum: 12, min: 0, max: 6, median: 6 });
    const p3 = osh.questions.find((q: { name: string }) => q.name === "P3");
    expect(p3.counts.other).toBe(3);
  });

  test("recompute re-scores every submitted response", async () => {
    await t.database.db.deleteFrom("response_scores").execute();
    const res = await t.app.inject({
      method: "POST",
      url: `/api/evaluations/${e.evaluationId}/scores/recompute`,
      headers: session.headers,
    });
    expect(res.json()).toEqual({ recomputed: 4 });
    const rows = await t.database.db.selectFrom("response_scores").select("response_id").execute();
    expect(rows.length).toBe(8);
  });
});

describe("change since the baseline", () => {
  test("organisations are paired and classified; without a baseline the answer is 409", async () => {
    const base = await evaluationWith([
      { name: "Early", region: "Naryn", answers: weaker },
      { name: "Steady", region: "Naryn", answers },
    ]);
    await base.submit();
    const { id: endId } = await post(t, session, "/api/evaluations", {
      name: "Endline",
      questionnaireIds: ["ngo-capacity"],
      baselineEvaluationId: base.evaluationId,
    });
    const invitations = await post(t, session, `/api/evaluations/${endId}/invitations`, {
      organizationIds: base.organizations,
      questionnaireId: "ngo-capacity",
    });
    for (const inv of invitations) {
      await t.app.inject({ method: "POST", url: `/api/respond/${inv.token}/submit`, payload: { data: answers } });
    }
    const res = await get(`/api/evaluations/${endId}/change`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const early = body.organizations.find((o: { name: string }) => o.name === "Early");
    expect(early.dimensions.OUT.status).toBe("improved");
    expect(early.dimensions.OUT.delta).toBeGreaterThan(0.25);
    const steady = body.organizations.find((o: { name: string }) => o.name === "Steady");
    expect(steady.overall).toMatchObject({ status: "stable", delta: 0 });

    const none = await get(`/api/evaluations/${base.evaluationId}/change`);
    expect(none.statusCode).toBe(409);
  });
});
