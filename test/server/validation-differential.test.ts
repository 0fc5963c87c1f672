import path from "node:path";
import { Model, type Question, type SurveyModel } from "survey-core";
import { describe, expect, it } from "vitest";
import { answeredShareWithModel } from "../../server/survey-model/answered-share.ts";
import { lintQuestionnaire, type LintedQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import type { Answers } from "../../server/survey-model/answers.ts";
import { validateAnswers, validateWithModel } from "../../server/survey-model/validate-answers.ts";
import { compileValidationPlan } from "../../server/survey-model/validation-plan.ts";
import { visibleQuestionNamesWithModel } from "../../server/survey-model/visible-questions.ts";
import { browserOutcome } from "../helpers/browser-replay.ts";
import { generateAnswerSet, Rng, seedFrom, type Fill } from "../helpers/generate-answers.ts";
import { allQuestionnaires, fixtureFiles, readQuestionnaireDir } from "../helpers/questionnaires.ts";

// The validation plan against survey-core: for every questionnaire we ship and every test questionnaire, valid
// answer sets (generated on a live survey-core model) and invalid mutations of them go through validateAnswers as
// the server runs it (plan first) and through survey-core's model alone. The outcomes must be identical: accepted
// or refused, the questions named and their messages, and the answers as stored. The plan may decline to judge
// (survey-core then decides), but it must never accept what survey-core refuses, and it must accept every valid set
// of a questionnaire it compiles, or the fast path would silently not be taken.

/** The questionnaires the plan compiles today: one that stops compiling is a slower server, so it is a failure. */
const expectedFastPath = [
  "government-interview.json",
  "ngo-capacity.json",
  "knowledge-quiz.json",
  "partner-profile.json",
  "training-feedback-de-fr.json",
];

const files = allQuestionnaires().map(({ file, json }) => ({ file, json: json as Answers }));

type AnyQuestion = Question & Record<string, any>;

interface Case {
  label: string;
  data: Answers;
}

function versionOf(json: Answers): LintedQuestionnaire {
  const linted = lintQuestionnaire(json, { stored: true });
  if (!linted.ok) throw new Error(`lint: ${JSON.stringify(linted.issues)}`);
  return linted.questionnaire;
}

/** validateWithModel as the server runs it: on a model of its own. */
function withModel(json: Answers, data: Answers, locale?: string) {
  return validateWithModel(new Model(json), structuredClone(data), locale);
}

const specialTypes = new Set(["html", "image", "expression"]);

function choiceValues(q: AnyQuestion): unknown[] {
  const items: Array<{ value: unknown }> = q.getType() === "rating" ? (q.visibleRateValues ?? []) : (q.choices ?? []);
  return items.map((c) => c.value);
}

/** Invalid (and a few valid but unusual) variations of a valid answer set, as a careless or hostile client sends. */
function mutations(survey: SurveyModel, base: Answers, rng: Rng): Case[] {
  const all = survey.getAllQuestions(false, false, false) as AnyQuestion[];
  const answerable = all.filter((q) => !specialTypes.has(q.getType()));
  const visible = visibleQuestionNamesWithModel(survey, base);
  const shown = answerable.filter((q) => visible.has(q.name));
  const hidden = answerable.filter((q) => !visible.has(q.name));
  const answered = shown.filter((q) => base[q.getValueName()] !== undefined);
  const cases: Case[] = [];
  const add = (label: string, change: (data: Answers) => boolean | void) => {
    const data = structuredClone(base);
    if (change(data) !== false) cases.push({ label, data });
  };
  const pick = <T>(items: T[]) => (items.length > 0 ? rng.pick(items) : undefined);
  const ofType = (types: string[], from = answered) => from.filter((q) => types.includes(q.getType()));

  for (let k = 0; k < 2; k++) {
    const q = pick(answered);
    if (q) {
      const current = base[q.getValueName()];
      const wrong = typeof current === "number" ? String(current) : Array.isArray(current) ? "text" : [current];
      add(`wrong type for ${q.name}`, (d) => void (d[q.getValueName()] = wrong));
    }
  }
  const numbers = answered.filter((q) => q.getType() === "text" && q.inputType === "number");
  const bounded = pick(numbers.filter((q) => q.min !== undefined || q.max !== undefined));
  if (bounded) {
    const below = bounded.min !== undefined ? Number(bounded.min) - 1 : Number(bounded.max) + 1;
    add(`out of range ${bounded.name}`, (d) => void (d[bounded.name] = below));
  }
  const number = pick(numbers);
  if (number) add(`number as text ${number.name}`, (d) => void (d[number.name] = "12"));
  const single = pick(ofType(["radiogroup", "dropdown", "rating"]));
  if (single) add(`outside the choices ${single.name}`, (d) => void (d[single.name] = "not-a-choice"));
  const multiple = pick(ofType(["checkbox", "tagbox"]));
  if (multiple) {
    add(`outside the choices ${multiple.name}`, (d) => void (d[multiple.name] = [...(d[multiple.name] as []), "zz"]));
    add(`every choice ${multiple.name}`, (d) => void (d[multiple.name] = choiceValues(multiple)));
    add(`a choice twice ${multiple.name}`, (d) => {
      const value = d[multiple.name] as unknown[];
      if (!value.length) return false;
      d[multiple.name] = [...value, value[0]];
    });
    add(`empty list ${multiple.name}`, (d) => void (d[multiple.name] = []));
  }
  const bool = pick(ofType(["boolean"]));
  if (bool) add(`boolean as text ${bool.name}`, (d) => void (d[bool.name] = "yes"));
  const required = shown.filter((q) => q.isRequired && base[q.getValueName()] !== undefined);
  const missing = pick(required);
  if (missing) add(`missing required ${missing.name}`, (d) => void delete d[missing.getValueName()]);
  const blank = pick(required.filter((q) => q.getType() === "text" && q.inputType !== "number"));
  if (blank) add(`blank required ${blank.name}`, (d) => void (d[blank.name] = "   "));
  const nulled = pick(answered);
  if (nulled) add(`null ${nulled.name}`, (d) => void (d[nulled.getValueName()] = null));
  add("unknown key", (d) => void (d.no_such_question = "x"));
  add("unknown -Comment key", (d) => {
    const q = pick(answered.filter((a) => !a.showOtherItem && !a.showCommentArea));
    if (!q) return false;
    d[`${q.name}-Comment`] = "stray";
  });
  const other = pick(answerable.filter((q) => q.showOtherItem && visible.has(q.name)));
  if (other) {
    const otherValue = other.otherItem.value;
    const value = other.getType() === "checkbox" || other.getType() === "tagbox" ? [otherValue] : otherValue;
    add(`other without text ${other.name}`, (d) => {
      d[other.name] = value;
      delete d[`${other.name}-Comment`];
    });
    add(`other with text ${other.name}`, (d) => {
      d[other.name] = value;
      d[`${other.name}-Comment`] = "Something else";
    });
    add(`other text not text ${other.name}`, (d) => {
      d[other.name] = value;
      d[`${other.name}-Comment`] = 42;
    });
  }
  // Answers to questions the respondent cannot see: dropped on storage, whatever they say.
  for (let k = 0; k < 2; k++) {
    const q = pick(hidden);
    if (!q) break;
    const choices = choiceValues(q);
    const type = q.getType();
    const value =
      type === "checkbox" || type === "tagbox"
        ? choices.slice(0, 1)
        : choices.length > 0
          ? choices[0]
          : type === "boolean"
            ? true
            : q.inputType === "number"
              ? 1
              : "hidden answer";
    add(`hidden answer ${q.name}`, (d) => void (d[q.getValueName()] = value));
    add(`hidden garbage ${q.name}`, (d) => void (d[q.getValueName()] = { garbage: true }));
  }
  // A changed choice that shows or hides other questions (a visibleIf, requiredIf or enableIf on it).
  for (let k = 0; k < 3; k++) {
    const q = pick(ofType(["radiogroup", "dropdown", "boolean", "checkbox"]));
    if (!q) break;
    const choices = q.getType() === "boolean" ? [true, false] : choiceValues(q);
    const alternative = pick(choices.filter((c) => JSON.stringify(c) !== JSON.stringify(base[q.name])));
    if (alternative === undefined) continue;
    add(`changed ${q.name}`, (d) => void (d[q.name] = q.getType() === "checkbox" ? [alternative] : alternative));
  }
  return cases;
}

/**
 * Runs one answer set both ways and compares; `valid` says the set is a generated valid one, which the plan must
 * judge itself. Returns whether the plan accepted it.
 */
function compare(version: LintedQuestionnaire, label: string, data: Answers, valid: boolean): boolean {
  const { survey, json } = version;
  const plan = version.plan!;
  const locale = label.length % 2 === 0 ? "ru" : "en";
  const reference = withModel(json, data, locale);
  const verdict = plan.check(structuredClone(data));
  if (verdict.accepted) {
    expect(reference.issues, `${label}: the plan accepts what survey-core refuses`).toEqual([]);
    expect(verdict.cleaned, `${label}: stored answers differ`).toEqual(reference.cleaned);
    // What the server runs: the plan's verdict, through validateAnswers.
    expect(validateAnswers(version, structuredClone(data), locale), label).toEqual(reference);
  }
  // Otherwise validateAnswers is validateWithModel itself (checked once per questionnaire below).
  if (valid) {
    expect(reference.issues, `${label}: the generated set is not valid`).toEqual([]);
    expect(verdict, `${label}: the plan declines a valid set`).toMatchObject({ accepted: true });
  }
  const names = plan.visibleQuestionNames(data);
  if (names) {
    const expected = [...visibleQuestionNamesWithModel(survey, data)].sort();
    expect([...names].sort(), `${label}: visible questions`).toEqual(expected);
  } else if (valid) throw new Error(`${label}: the plan cannot tell the visible questions of a valid set`);
  if (valid)
    expect(plan.answeredShare(data), `${label}: answered share`).toBe(answeredShareWithModel(new Model(json), data));
  return verdict.accepted;
}

describe("the validation plan agrees with survey-core", () => {
  it("finds the questionnaires", () => {
    expect(files.map((f) => f.file)).toEqual(["government-interview.json", "ngo-capacity.json", ...fixtureFiles]);
  });

  it("compiles for the questionnaires it supports, and says why not for the others", () => {
    const fast: string[] = [];
    for (const { file, json } of files) {
      const compiled = compileValidationPlan(versionOf(json).survey);
      if (compiled.plan) fast.push(file);
      else expect(compiled.fallback.length, file).toBeGreaterThan(0);
    }
    expect(fast.sort()).toEqual([...expectedFastPath].sort());
  });

  it.each(files.filter((f) => expectedFastPath.includes(f.file)).map((f) => ({ ...f, name: f.file })))(
    "$name",
    ({ file, json }) => {
      const version = versionOf(json);
      const { survey } = version;
      expect(version.plan, file).not.toBeNull();
      const rng = new Rng(seedFrom(`differential:${file}`));
      const fills: Fill[] = ["all", "required", "random"];
      const valid: Case[] = [];
      const variants = [0, 3];
      for (const fill of fills) {
        for (const changes of variants) {
          const set = generateAnswerSet(json, { seed: seedFrom(`${file}:${fill}:${changes}`), fill, changes });
          expect(set.issues, `${file}: no valid set (${fill})`).toEqual([]);
          valid.push({ label: `${file} valid ${fill}`, data: set.data });
          if (changes) valid.push({ label: `${file} sent ${fill} after ${changes} changes`, data: set.sent });
        }
      }
      let accepted = 0;
      let refused = 0;
      for (const { label, data } of valid) compare(version, label, data, true);
      // Mutations of a few of the valid sets: each costs two passes of survey-core's model.
      for (const base of valid.filter((_, i) => i % 3 === 0)) {
        for (const { label, data } of mutations(survey, base.data, rng)) {
          const partial = structuredClone(data);
          if (compare(version, `${file} ${label}`, data, false)) accepted++;
          else refused++;
          // A draft with this answer set is counted the same either way.
          const share = version.plan!.answeredShare(partial);
          if (share !== null)
            expect(share, `${label}: answered share`).toBe(answeredShareWithModel(new Model(json), partial));
        }
      }
      // The wiring: a refused set goes through survey-core, whose words the 422 carries.
      const refusedSet = { ...valid[0]!.data, no_such_question: 1 };
      expect(validateAnswers(version, refusedSet, "ru")).toEqual(withModel(json, refusedSet, "ru"));
      // Enough invalid sets for the comparison to mean something, and some mutations stay valid (hidden answers).
      expect(refused, file).toBeGreaterThan(10);
      expect(accepted, file).toBeGreaterThan(0);
    },
    300_000,
  );

  it("leaves the other questionnaires to survey-core", () => {
    for (const { file, json } of files.filter((f) => !expectedFastPath.includes(f.file))) {
      const version = versionOf(json);
      expect(version.plan, file).toBeNull();
      const set = generateAnswerSet(json, { seed: seedFrom(file), fill: "all" });
      expect(validateAnswers(version, set.data)).toEqual(withModel(json, set.data));
    }
  }, 300_000);
});

/** Questionnaires of the patterns that broke the server: every trigger type, shared valueNames, a start page, limits. */
const validationFixtures = readQuestionnaireDir(path.join(import.meta.dirname, "..", "fixtures", "validation"), false);
const shipped = new Set(["government-interview.json", "ngo-capacity.json"]);
/** Mutations whose values survey-core itself would hold as the browser does (no wrong types, which Sapat refuses alone). */
const browserLike = /^(missing required|changed|hidden answer) /;

describe("the server agrees with survey-core driven as the browser drives it", () => {
  it.each([...files.filter((f) => shipped.has(f.file)), ...validationFixtures].map((f) => ({ ...f, name: f.file })))(
    "$name",
    ({ file, json }) => {
      const version = versionOf(json as Answers);
      const rng = new Rng(seedFrom(`browser:${file}`));
      let compared = 0;
      let jumpedOver = 0;
      // The small fixtures get more seeds: few of their mutations are ones a browser could produce.
      const seeds = shipped.has(file) ? [0] : [0, 1];
      const fills: Fill[] = shipped.has(file) ? ["all", "random"] : ["all", "random", "required"];
      for (const fill of fills) {
        for (const seed of seeds) {
          const set = generateAnswerSet(json, { seed: seedFrom(`browser:${file}:${fill}:${seed}`), fill });
          const cases = [{ label: `valid ${fill}`, data: set.data }, ...mutations(version.survey, set.data, rng)];
          for (const { label, data } of cases) {
            if (!label.startsWith("valid") && !browserLike.test(label)) continue;
            const server = validateAnswers(version, structuredClone(data), "en");
            const browser = browserOutcome(json, data, "en");
            const serverRefused = [...new Set(server.issues.map((i) => i.question.split(/[.[]/)[0]!))].sort();
            expect(serverRefused, `${file} ${label}: refused`).toEqual(browser.refused);
            if (browser.refused.length === 0) {
              const { onPath, jumped } = split(server.cleaned, browser.unvisited);
              expect(onPath, `${file} ${label}: kept`).toEqual(browser.kept);
              // A page jumped over keeps what survey-core's data holds once every answer is in: the answers of
              // the questions still visible, as for a respondent who filled it and went back.
              const whole = split(withModel(json, data, "en").cleaned, browser.unvisited).jumped;
              expect(jumped, `${file} ${label}: kept on pages jumped over`).toEqual(whole);
              if (browser.unvisited.length > 0) jumpedOver++;
            }
            compared++;
          }
        }
      }
      expect(compared, file).toBeGreaterThan(3);
      if (file === "triggers.json")
        expect(jumpedOver, "skip and complete triggers jumped over a page").toBeGreaterThan(0);
    },
    300_000,
  );
});

/** Answers split by whether their question was on the browser's path or on a page it jumped over. */
function split(answers: Answers, unvisited: string[]): { onPath: Answers; jumped: Answers } {
  const onPath: Answers = {};
  const jumped: Answers = {};
  for (const [key, value] of Object.entries(answers)) (unvisited.includes(key) ? jumped : onPath)[key] = value;
  return { onPath, jumped };
}
