import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import {
  answeredQuestions,
  generateAnswers,
  generateAnswerSet,
  seedFrom,
  type Fill,
} from "../helpers/generate-answers.ts";
import {
  extraCorpusDir,
  fixtureFiles,
  fixturesDir,
  readQuestionnaireDir,
  surveysDir,
  type QuestionnaireFile,
  withPageNames,
} from "../helpers/questionnaires.ts";
import { openLink, saveDraft, submit } from "../helpers/respond.ts";
import { inviteOrganization } from "../helpers/scenario.ts";

// Every questionnaire we ship and every one of our test questionnaires (test/fixtures/questionnaires/) must take a
// valid answer set through the respondent API and give it back unchanged. With SAPAT_EXTRA_CORPUS set, so must
// every questionnaire of that folder (see README, "Development").

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

function topLevelName(questionPath: string): string {
  return questionPath.split(/[.[]/)[0] ?? questionPath;
}

const shipped = readQuestionnaireDir(surveysDir, true);
const fixtures = readQuestionnaireDir(fixturesDir, false);
/** Every question type and rule the generator knows, so that each is exercised through the API. */
const features = readQuestionnaireDir(path.join(repoRoot, "test", "fixtures"), false).filter(
  (q) => q.file === "generator-features.json",
);
const all = [...shipped, ...fixtures, ...features];
// Uploads refuse unnamed pages (docs/api.md), which public questionnaires often leave out.
const extra = extraCorpusDir
  ? readQuestionnaireDir(extraCorpusDir, false).map((q) => ({ ...q, json: withPageNames(q.json) }))
  : [];

/**
 * Files where fewer than half of the visible questions get an answer even with fill "all" (none today: the
 * generator answers every question it can; keep this list short and explain each entry).
 */
const sparse = new Set<string>();

const fills: Fill[] = ["all", "required", "random"];
const casesOf = (questionnaires: QuestionnaireFile[]) =>
  questionnaires.flatMap((q) => fills.map((fill) => ({ ...q, fill, name: `${q.file} (${fill})` })));

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

describe("the questionnaire corpus", () => {
  it("holds the shipped questionnaires and every test questionnaire", () => {
    expect(shipped.map((q) => q.file)).toEqual(["government-interview.json", "ngo-capacity.json"]);
    expect(fixtures.map((q) => q.file)).toEqual(fixtureFiles);
    expect(features.map((q) => q.file)).toEqual(["generator-features.json"]);
  });

  it("gives each file a distinct questionnaire id", () => {
    const ids = [...all, ...extra].map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
  });

  it("generates the same answers for the same seed", () => {
    for (const q of [...all, ...extra]) {
      const seed = seedFrom(q.file);
      expect(generateAnswers(q.json, { seed, fill: "random" }), q.file).toEqual(
        generateAnswers(q.json, { seed, fill: "random" }),
      );
    }
  }, 120_000);
});

async function roundTrip({ file, id, preloaded, json, fill }: QuestionnaireFile & { fill: Fill }): Promise<void> {
  const set = generateAnswerSet(json, { seed: seedFrom(`${file}:${fill}`), fill });
  expect(set.issues, `${file}: the generator found no valid answer set`).toEqual([]);
  const answers = set.data;
  expect(set.sent).toEqual(answers);
  // The generator answers with survey-core's own choices, types and bounds: Sapat refusing one of its tries
  // that survey-core accepted is a false positive of Sapat's stricter checks.
  const refusedByCore = new Set(set.refused.surveyCore.map((i) => topLevelName(i.question)));
  expect(
    set.refused.sapat.filter((i) => !refusedByCore.has(topLevelName(i.question))),
    `${file}: refused by Sapat only`,
  ).toEqual([]);

  // The set answers what it must, and (when answering everything) most of what it can.
  const coverage = answeredQuestions(json, answers);
  expect(coverage.unansweredRequired, `${file}: required questions left unanswered`).toEqual([]);
  for (const name of coverage.required) expect(coverage.answered).toContain(name);
  if (fill === "all" && !sparse.has(file)) {
    expect(
      coverage.answered.length,
      `${file}: answered ${coverage.answered.join(", ")} of ${coverage.answerable.join(", ")}`,
    ).toBeGreaterThan(coverage.answerable.length / 2);
  }

  const invited = await inviteOrganization(t, evaluator, { questionnaireId: id, ...(preloaded ? {} : { json }) });

  const opened = await openLink(t, invited.token);
  expect(opened.statusCode, opened.body).toBe(200);
  const view = opened.json();
  expect(view.questionnaire.id).toBe(id);
  expect(view.questionnaire.json).toEqual(json);
  expect(view.response).toBeNull();

  const draft = await saveDraft(t, invited.token, { data: answers, currentPage: 0 });
  expect(draft.statusCode, draft.body).toBe(200);

  const submitted = await submit(t, invited.token, { data: answers });
  const details = submitted.statusCode === 422 ? JSON.stringify(submitted.json().details, null, 2) : submitted.body;
  expect(submitted.statusCode, `${file} (${fill}) submit refused:\n${details}`).toBe(200);
  expect(submitted.json()).toMatchObject({ status: "submitted" });

  const readBack = await openLink(t, invited.token);
  expect(readBack.statusCode, readBack.body).toBe(200);
  const { response } = readBack.json();
  expect(response.status).toBe("submitted");
  expect(response.data).toEqual(answers);

  // Submitting the same answers again is the same submission.
  const again = await submit(t, invited.token, { data: answers });
  expect(again.statusCode, again.body).toBe(200);
  expect(again.json().responseId).toBe(submitted.json().responseId);
}

/** The edits of a respondent who changes answers before submitting; the server keeps what SurveyJS keeps. */
async function changedBeforeSubmit({ file, id, preloaded, json }: QuestionnaireFile): Promise<void> {
  const set = generateAnswerSet(json, { seed: seedFrom(`${file}:changes`), fill: "all", changes: 5 });
  expect(set.issues).toEqual([]);
  const invited = await inviteOrganization(t, evaluator, { questionnaireId: id, ...(preloaded ? {} : { json }) });
  const submitted = await submit(t, invited.token, { data: set.sent });
  const details = submitted.statusCode === 422 ? JSON.stringify(submitted.json().details, null, 2) : submitted.body;
  expect(submitted.statusCode, `${file} submit refused:\n${details}`).toBe(200);
  const { response } = (await openLink(t, invited.token)).json();
  expect(response.status).toBe("submitted");
  expect(response.data).toEqual(set.data);
}

describe("a generated valid answer set goes through the respondent API unchanged", () => {
  it.each(casesOf(all))("$name", roundTrip, 120_000);
});

describe("answers a respondent changed before submitting", () => {
  // The respondent page posts the model's data in onCompleting, before SurveyJS clears the answers of questions
  // that became invisible; the server must store what SurveyJS itself keeps on completion.
  it.each(all.map((q) => ({ ...q, name: q.file })))("$name", changedBeforeSubmit, 120_000);

  it("drops a stale answer inside a dynamic panel (household-members)", async () => {
    const household = fixtures.find((q) => q.file === "household-members.json")!;
    const { id, json } = household;
    const invited = await inviteOrganization(t, evaluator, { questionnaireId: id, json });
    // The brother was first said to live in the village, aged 30, then abroad: "age" and "works" are invisible in
    // his panel now, and so is the schooling panel of a member who is not a child.
    const sent = {
      village: "Kara-Kulja",
      members: [
        { relation: "sibling", in_village: "no", age: 30, works: "yes", country: "Russia", school_level: "higher" },
        {
          relation: "child",
          in_village: "yes",
          age: 12,
          school_level: "primary",
          absences: [{ year: 2023, reason: "illness" }],
        },
      ],
    };
    const res = await submit(t, invited.token, { data: sent });
    expect(res.statusCode, res.body).toBe(200);
    const { response } = (await openLink(t, invited.token)).json();
    expect(response.data).toEqual({
      village: "Kara-Kulja",
      members: [
        { relation: "sibling", in_village: "no", country: "Russia" },
        {
          relation: "child",
          in_village: "yes",
          age: 12,
          school_level: "primary",
          absences: [{ year: 2023, reason: "illness" }],
        },
      ],
    });
    // Sending the same answers again is the same submission (compared as stored).
    expect((await submit(t, invited.token, { data: sent })).statusCode).toBe(200);
  });
});

// Opt-in: SAPAT_EXTRA_CORPUS=/path/to/dir runs the same round trips over another folder of SurveyJS questionnaires.
if (extraCorpusDir) {
  describe(`the extra corpus (${extraCorpusDir})`, () => {
    it("holds questionnaires", () => {
      expect(extra.length, `no *.json questionnaire in ${extraCorpusDir}`).toBeGreaterThan(0);
    });
    it.each(casesOf(extra))("$name", roundTrip, 120_000);
    it.each(extra.map((q) => ({ ...q, name: `${q.file} (changes)` })))("$name", changedBeforeSubmit, 120_000);
  });
}
