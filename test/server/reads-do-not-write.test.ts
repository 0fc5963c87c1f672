import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../server/demo/load-demo.ts";
import type { ScoreTrace } from "../../server/scoring/score-response.ts";
import { addMember, buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { writeMark } from "../helpers/test-database.ts";

// GET routes never write, except the audit log's record of who exported or printed what (an append-only
// bookkeeping row, docs/architecture.md). Scores not stored yet (a submission waiting in the score backlog, or a model changed
// without a recompute) are computed for the answer and not stored; storing them is the backlog's job, or
// POST /api/evaluations/:id/scores/recompute's.

describe("reads of scores that are not stored yet", () => {
  let t: TestApp;
  let evaluator: Session;
  let evaluationId: number;
  let responseId: number;
  let storedBefore: Map<string, ScoreTrace>;
  let csvBefore: string;
  let scoresBefore: unknown;

  const storedCount = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from response_scores`.execute(t.database.db)).rows[0]!.n);
  const auditCount = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from audit_events`.execute(t.database.db)).rows[0]!.n);
  // Any write, to any table but the audit log, moves it (test/helpers/test-database.ts).
  const changes = () => writeMark(t.database, { appendOnly: "audit_events" });

  beforeAll(async () => {
    t = await buildTestApp();
    const loaded = await loadDemo(t.database.db, t.app.catalogue, { publicUrl: t.config.publicUrl });
    if (loaded.status !== "loaded") throw new Error("the demo did not load");
    evaluationId = loaded.evaluationId;
    const member = await logInAs(t, "evaluator");
    await addMember(t, evaluationId, member.userId, "evaluator");
    evaluator = member;
    const response = await t.database.db
      .selectFrom("responses")
      .select("id")
      .where("evaluation_id", "=", evaluationId)
      .where("questionnaire_id", "=", "ngo-capacity")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    responseId = response.id;
    const rows = await t.database.db.selectFrom("response_scores").select(["response_id", "basis", "trace"]).execute();
    storedBefore = new Map(rows.map((r) => [`${r.response_id}/${r.basis}`, JSON.parse(r.trace) as ScoreTrace]));
    const read = (url: string) => t.app.inject({ method: "GET", url, headers: evaluator.headers });
    csvBefore = (await read(`/api/evaluations/${evaluationId}/export.csv?questionnaireId=ngo-capacity`)).body;
    scoresBefore = (await read(`/api/evaluations/${evaluationId}/scores`)).json();
    // As if every submission were still waiting in the backlog.
    await sql`delete from response_scores`.execute(t.database.db);
  });
  afterAll(() => t.close());

  const get = async (url: string) => {
    const res = await t.app.inject({ method: "GET", url, headers: evaluator.headers });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res;
  };

  it("answers every score, profile, export and report read with the scores, and writes nothing but audit events", async () => {
    const before = await changes();
    const auditBefore = await auditCount();
    const self = (await get(`/api/responses/${responseId}/score?basis=self`)).json() as ScoreTrace;
    const verified = (await get(`/api/responses/${responseId}/score`)).json() as ScoreTrace;
    // The same traces as those the demo had stored.
    expect(self).toEqual(storedBefore.get(`${responseId}/self`));
    expect(verified).toEqual(storedBefore.get(`${responseId}/verified`));

    const scores = (await get(`/api/evaluations/${evaluationId}/scores`)).json() as {
      organizations: Array<{ overall: { status: string } }>;
    };
    expect(scores.organizations).toHaveLength(18);
    expect(scores.organizations.every((o) => o.overall.status === "scored")).toBe(true);
    expect(scores).toEqual(scoresBefore);
    await get(`/api/evaluations/${evaluationId}/summary`);
    // The export has the same score columns as when the scores were stored.
    const csv = (await get(`/api/evaluations/${evaluationId}/export.csv?questionnaireId=ngo-capacity`)).body;
    expect(csv).toContain("score_overall");
    expect(csv).toBe(csvBefore);

    await get(`/api/evaluations/${evaluationId}/export.xlsx?questionnaireId=ngo-capacity`);
    await get(`/api/responses/${responseId}/report.pdf`);
    await get(`/api/evaluations/${evaluationId}/report.html?questionnaireId=ngo-capacity`);

    // Exports and reports are audited: one appended event each (CSV, XLSX, response PDF, HTML report), nothing else.
    expect(await auditCount()).toBe(auditBefore + 4);
    expect(await changes()).toBe(before);
    expect(await storedCount()).toBe(0);
  });

  it("stores them on the explicit step: POST .../scores/recompute", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/evaluations/${evaluationId}/scores/recompute`,
      headers: evaluator.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(await storedCount()).toBe(storedBefore.size);
  });
});
