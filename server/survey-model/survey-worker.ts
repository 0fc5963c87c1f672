import { workerData } from "node:worker_threads";
import type { AnswerIssue } from "./answer-checks.ts";
import type { Answers } from "./answers.ts";
import { answeredShare } from "./answered-share.ts";
import { lintQuestionnaire, type LintedQuestionnaire, type LintIssue } from "./lint-questionnaire.ts";
import { markStarted, type TaskStamps } from "./task-stamps.ts";
import { validateAnswers, type ValidationOutcome } from "./validate-answers.ts";

/**
 * The work a survey worker thread does (server/modules/questionnaires/survey-workers.ts runs it): everything that
 * hands survey-core a questionnaire or answers from outside, so that a costly one holds a worker, which can be
 * stopped, and never the server's event loop.
 */

/**
 * A questionnaire version: its key (`id@version`) and, only when the worker asked for it, its JSON text, which the
 * worker compiles on first use. Cloning a large questionnaire's text into the worker for every answer set cost the
 * event loop more than the rest of the hand-over (113 kB for ngo-capacity: ~0.8 ms a task), so it is sent once per
 * worker.
 */
export interface VersionRef {
  key: string;
  json?: string;
}

/** What a worker answers to a task on a version it has not compiled and whose JSON the task did not carry. */
export const versionMissing = { missing: "version" } as const;
export type VersionMissing = typeof versionMissing;

export function isVersionMissing(outcome: unknown): outcome is VersionMissing {
  return typeof outcome === "object" && outcome !== null && (outcome as VersionMissing).missing === "version";
}

/** The work on one version's answers, before the version is named. */
export type VersionTask =
  { kind: "validate"; data: Answers; locale?: string } | { kind: "answeredShare"; data: Answers };

/** Answer sets of concurrent requests, checked one after the other in one task (version-task-batches.ts). */
export interface BatchTask {
  kind: "batch";
  tasks: (VersionTask & VersionRef)[];
}

export type SurveyTask = { kind: "lint"; json: string } | BatchTask;

export interface QuestionnaireSummary {
  title: string;
  audience: string | null;
  questionCount: number;
  scoring: { id: string; version: string } | null;
  warnings: string[];
}

export type LintOutcome = { ok: true; summary: QuestionnaireSummary } | { ok: false; issues: LintIssue[] };
export type ShareOutcome = { share: number; issues: AnswerIssue[] };

/** Compiled versions, most recently used last; a worker keeps a few, the catalogue keeps the JSON. */
const versions = new Map<string, LintedQuestionnaire>();
const keptVersions = 16;

function compiledVersion(ref: VersionRef): LintedQuestionnaire | null {
  let version = versions.get(ref.key);
  if (version) versions.delete(ref.key);
  else if (ref.json === undefined) return null;
  else {
    const linted = lintQuestionnaire(JSON.parse(ref.json), { stored: true });
    // A stored version passed lint when it was stored; failing now means survey-core changed under it.
    if (!linted.ok) throw new Error(`Stored questionnaire ${ref.key} no longer passes lint`);
    version = linted.questionnaire;
  }
  versions.set(ref.key, version);
  if (versions.size > keptVersions) versions.delete(versions.keys().next().value!);
  return version;
}

/** survey-core throwing on answers means it cannot load them: the answers' fault, said as such. */
function unloadable(error: unknown): AnswerIssue[] {
  return [{ question: "data", message: `survey-core cannot load these answers (${(error as Error).message})` }];
}

/** A lint result as it crosses threads: the summary instead of the model. */
export function summarize(linted: ReturnType<typeof lintQuestionnaire>): LintOutcome {
  if (!linted.ok) return linted;
  const { title, audience, questionCount, scoring, warnings } = linted.questionnaire;
  return {
    ok: true,
    summary: {
      title,
      audience,
      questionCount,
      scoring: scoring ? { id: scoring.id, version: scoring.version } : null,
      warnings,
    },
  };
}

function onVersion(task: VersionTask, version: LintedQuestionnaire): ValidationOutcome | ShareOutcome {
  try {
    return task.kind === "validate"
      ? validateAnswers(version, task.data, task.locale)
      : answeredShare(version, task.data);
  } catch (error) {
    return task.kind === "validate"
      ? { issues: unloadable(error), cleaned: {} }
      : { share: 0, issues: unloadable(error) };
  }
}

type VersionOutcome = ValidationOutcome | ShareOutcome | VersionMissing;

function perform(task: SurveyTask, start: () => void): LintOutcome | VersionOutcome[] {
  switch (task.kind) {
    case "lint":
      start();
      return summarize(lintQuestionnaire(JSON.parse(task.json)));
    case "batch": {
      // Every version compiled before the budget starts: compiling a stored version is not the requests' doing.
      const compiled = task.tasks.map((versionTask) => compiledVersion(versionTask));
      start();
      return task.tasks.map((versionTask, i) => {
        const version = compiled[i];
        return version ? onVersion(versionTask, version) : versionMissing;
      });
    }
  }
}

/** What the pool gives every worker (piscina's `workerData`). */
export interface SurveyWorkerData {
  stamps: TaskStamps;
}

/**
 * Piscina's entry. Stamps the task's slot when the request's own work starts, which its time budget runs from:
 * compiling a stored version the worker has not seen yet (a new or replaced worker) is not the request's doing.
 */
export default function runSurveyTask(task: SurveyTask & { slot: number }) {
  const { slot, ...work } = task;
  const { stamps } = workerData as SurveyWorkerData;
  return perform(work as SurveyTask, () => markStarted(stamps, slot));
}
