import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  pickDefaultQuestionnaire,
  type QuestionnaireStanding,
} from "../../server/modules/evaluations/default-questionnaire.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, request } from "../helpers/http.ts";
import { scoredQuestionnaire } from "../helpers/questionnaires.ts";
import { post } from "../helpers/scenario.ts";

// An evaluation of several questionnaires: when a request names none, its reports, exports and scores are about the
// one the workspace offers first (evaluation.defaultQuestionnaireId), chosen by one rule on the server.

describe("pickDefaultQuestionnaire", () => {
  const q = (id: string, scored: boolean, submitted: number): QuestionnaireStanding => ({ id, scored, submitted });

  it.each([
    ["no questionnaire", [], null],
    ["the scored one before any other, even one with more responses", [q("a", false, 9), q("b", true, 0)], "b"],
    ["among scored ones, the most submitted responses", [q("b", true, 1), q("c", true, 3), q("d", false, 7)], "c"],
    ["on a tie, the first by id, whatever the order given", [q("c", true, 2), q("b", true, 2)], "b"],
    ["with none scored, the most submitted responses", [q("a", false, 0), q("b", false, 1)], "b"],
    ["with none scored and no responses, the first by id", [q("b", false, 0), q("a", false, 0)], "a"],
  ] as Array<[string, QuestionnaireStanding[], string | null]>)("%s", (_, standings, expected) => {
    expect(pickDefaultQuestionnaire(standings)).toBe(expected);
  });
});

describe("reports, exports and scores without a questionnaireId", () => {
  let t: TestApp;
  let session: Session;

  beforeAll(async () => {
    t = await buildTestApp();
    session = await logInAs(t, "evaluator");
    const plain = (title: string) => ({ title, pages: [{ name: "p1", elements: [{ type: "text", name: "note" }] }] });
    for (const [id, json] of [
      ["a-plain", plain("Plain A")],
      ["b-plain", plain("Plain B")],
      ["scored-b", { ...scoredQuestionnaire(), title: "Scored B" }],
      ["scored-c", { ...scoredQuestionnaire(), title: "Scored C" }],
    ] as const) {
      await post(t, session, "/api/questionnaires", { id, json });
    }
  });
  afterAll(() => t.close());

  async function evaluationOf(questionnaireIds: string[]): Promise<number> {
    return (await post(t, session, "/api/evaluations", { name: "Several questionnaires", questionnaireIds })).id;
  }

  /** A new organisation invited to the questionnaire, its answers submitted (or only saved as a draft). */
  async function answer(evaluationId: number, questionnaireId: string, data: object, submit = true) {
    const { id: organizationId } = await post(t, session, "/api/organizations", {
      name: `Org ${Math.random().toString(36).slice(2, 8)}`,
      kind: "ngo",
      region: "Chui",
    });
    const [invitation] = await post(t, session, `/api/evaluations/${evaluationId}/invitations`, {
      organizationIds: [organizationId],
      questionnaireId,
    });
    const res = submit
      ? await t.app.inject({ method: "POST", url: `/api/respond/${invitation.token}/submit`, payload: { data } })
      : await t.app.inject({
          method: "PUT",
          url: `/api/respond/${invitation.token}/draft`,
          payload: { data, currentPage: 0 },
        });
    expect(res.statusCode, res.body).toBe(200);
  }

  /** What each reader takes when the request names no questionnaire. */
  async function defaults(evaluationId: number) {
    const view = await request(t, "GET", `/api/evaluations/${evaluationId}`, undefined, session);
    const csv = await request(t, "GET", `/api/evaluations/${evaluationId}/export.csv`, undefined, session);
    const xlsx = await request(t, "GET", `/api/evaluations/${evaluationId}/export.xlsx`, undefined, session);
    const html = await request(t, "GET", `/api/evaluations/${evaluationId}/report.html`, undefined, session);
    const summary = await request(t, "GET", `/api/evaluations/${evaluationId}/summary`, undefined, session);
    expect([csv.statusCode, xlsx.statusCode, html.statusCode, summary.statusCode], html.body).toEqual([
      200, 200, 200, 200,
    ]);
    const fileOf = (res: typeof csv) =>
      /filename="evaluation-\d+-(.+)\.\w+"/.exec(res.headers["content-disposition"]!)?.[1];
    return {
      view: view.json().defaultQuestionnaireId as string | null,
      csv: fileOf(csv),
      xlsx: fileOf(xlsx),
      report: /<h1[^>]*>[^<]*<\/h1>[\s\S]*?(Plain [AB]|Scored [BC])/.exec(html.body)?.[1],
      summary: summary.json().questionnaireId as string,
    };
  }

  it("takes the scored questionnaire, the one with most submitted responses among several, the first by id on a tie", async () => {
    const evaluationId = await evaluationOf(["a-plain", "scored-c", "scored-b"]);
    expect(await defaults(evaluationId)).toEqual({
      view: "scored-b",
      csv: "scored-b",
      xlsx: "scored-b",
      report: "Scored B",
      summary: "scored-b",
    });

    await answer(evaluationId, "scored-c", { q1: 2 });
    // Drafts are not what a report is about; nor do answers to a questionnaire without scores outweigh a scored one.
    await answer(evaluationId, "scored-b", { q1: 3 }, false);
    await answer(evaluationId, "scored-b", { q1: 3 }, false);
    await answer(evaluationId, "a-plain", { note: "x" });
    await answer(evaluationId, "a-plain", { note: "y" });
    expect(await defaults(evaluationId)).toEqual({
      view: "scored-c",
      csv: "scored-c",
      xlsx: "scored-c",
      report: "Scored C",
      summary: "scored-c",
    });
    const scores = await request(t, "GET", `/api/evaluations/${evaluationId}/scores`, undefined, session);
    expect(scores.statusCode, scores.body).toBe(200);
    expect(scores.json().questionnaireId).toBe("scored-c");

    // Named, a questionnaire is taken as named.
    const named = await request(
      t,
      "GET",
      `/api/evaluations/${evaluationId}/export.csv?questionnaireId=a-plain`,
      undefined,
      session,
    );
    expect(named.headers["content-disposition"]).toContain(`evaluation-${evaluationId}-a-plain.csv`);
  });

  it("without a scored questionnaire, takes the one with most submitted responses; scores have nothing to show", async () => {
    const evaluationId = await evaluationOf(["a-plain", "b-plain"]);
    await answer(evaluationId, "b-plain", { note: "x" });
    expect(await defaults(evaluationId)).toEqual({
      view: "b-plain",
      csv: "b-plain",
      xlsx: "b-plain",
      report: "Plain B",
      summary: "b-plain",
    });
    expectError(
      await request(t, "GET", `/api/evaluations/${evaluationId}/scores`, undefined, session),
      409,
      "not_scored",
    );
  });

  it("lists every evaluation with its default", async () => {
    const evaluationId = await evaluationOf(["scored-c"]);
    const list = (await request(t, "GET", "/api/evaluations", undefined, session)).json() as Array<{
      id: number;
      defaultQuestionnaireId: string | null;
    }>;
    expect(list.find((e) => e.id === evaluationId)?.defaultQuestionnaireId).toBe("scored-c");
  });
});
