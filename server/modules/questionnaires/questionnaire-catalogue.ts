import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/database.ts";
import type { Role } from "../../value-lists.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, forbidden, notFound, unprocessable } from "../../errors.ts";
import type { Answers } from "../../survey-model/answers.ts";
import { lintQuestionnaire, type LintedQuestionnaire } from "../../survey-model/lint-questionnaire.ts";
import {
  isVersionMissing,
  summarize,
  type LintOutcome,
  type QuestionnaireSummary,
  type ShareOutcome,
  type VersionMissing,
  type VersionTask,
} from "../../survey-model/survey-worker.ts";
import { acceptedByPlan, type ValidationOutcome } from "../../survey-model/validate-answers.ts";
import { shareByPlan } from "../../survey-model/answered-share.ts";
import { SurveyWorkers } from "./survey-workers.ts";
import {
  findLatestVersionNumber,
  findQuestionnaire,
  findVersionByHash,
  insertQuestionnaireVersion,
} from "./questionnaires.repository.ts";
import { sanitizeQuestionnaire } from "./sanitize-questionnaire.ts";
import { inWords } from "../../i18n/details.ts";

export const questionnaireIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class QuestionnaireFileError extends Error {}

function contentHash(json: unknown): string {
  return createHash("sha256").update(JSON.stringify(json)).digest("hex");
}

/** What the answers of one version are checked against: its key and its JSON text, kept once read. */
interface VersionSource {
  key: string;
  json: string;
}

const validationTimedOut = (budgetMs: number) =>
  new AppError(
    503,
    "validation_timeout",
    `Checking these answers took longer than ${budgetMs} ms and was stopped; nothing was saved. Try again later.`,
  );

/** A questionnaire that passed `check`, ready to be stored. */
export interface CheckedQuestionnaire {
  id: string;
  source: "file" | "upload";
  text: string;
  hash: string;
  summary: QuestionnaireSummary;
  /** The model built on this thread (files), kept for the readers of answers; uploads were linted in a worker. */
  model: LintedQuestionnaire | null;
}

const lintTimedOut = (budgetMs: number) =>
  unprocessable("invalid_questionnaire", "The questionnaire cannot be used", [
    { field: "json", ...inWords("questionnaire.tooCostly", { ms: budgetMs }) },
  ]);

/**
 * Questionnaire versions are immutable. Uploads are linted, and answers validated, in the survey worker threads
 * (survey-workers.ts), each answer set with a survey-core model of its own; the catalogue keeps each version's
 * JSON text to hand them. For reading submitted answers (scoring, reports) it also keeps one linted model per
 * version on this thread, built on first use; once it is built, answers its validation plan settles safely are
 * settled here (onEventLoop).
 *
 * The catalogue holds no database handle: every method reads through the one its caller passes, which inside a
 * transaction is the transaction's (a query on another handle would wait for the connection it holds).
 */
export class QuestionnaireCatalogue {
  private readonly models = new Map<string, LintedQuestionnaire>();
  private readonly sources = new Map<string, VersionSource>();
  /** Models built by `check` for content just stored, by content hash, until the stored version is first read. */
  private readonly checkedModels = new Map<string, LintedQuestionnaire>();
  private readonly workers: SurveyWorkers;

  constructor(options: { validationTimeoutMs?: number; workers?: SurveyWorkers } = {}) {
    this.workers = options.workers ?? new SurveyWorkers(options.validationTimeoutMs ?? 2000);
  }

  /** Stops the worker threads (the app's onClose, and command-line tools, call it). */
  async close(): Promise<void> {
    await this.workers.close();
  }

  /** A version's answers as they would be stored, or the issues that refuse them (validateAnswers). */
  async validate(db: Db, id: string, version: number, data: Answers, locale?: string): Promise<ValidationOutcome> {
    const cleaned = this.onEventLoop(id, version, (model) => acceptedByPlan(model, data));
    if (cleaned !== null) return { issues: [], cleaned };
    const source = await this.source(db, id, version);
    return this.onVersion<ValidationOutcome>(source, { kind: "validate", data, ...(locale ? { locale } : {}) });
  }

  /** How far along a draft is, or the issues that make it unusable (answeredShare). */
  async answeredShare(db: Db, id: string, version: number, data: Answers): Promise<ShareOutcome> {
    const share = this.onEventLoop(id, version, (model) => shareByPlan(model, data));
    if (share !== null) return { share, issues: [] };
    const source = await this.source(db, id, version);
    return this.onVersion<ShareOutcome>(source, { kind: "answeredShare", data });
  }

  /**
   * Runs `task` on this thread with the version's plan, when its model is already here (scoring built it) and the
   * plan is safe there (ValidationPlan.safeOnEventLoop): most answer sets are then settled in a tenth of a millisecond,
   * without the hand-over to a worker and back, which cost several times more. Null when it cannot settle them (no
   * such plan, answers past their limits, or answers only survey-core can judge): the worker then does the whole
   * task, within its time budget.
   */
  private onEventLoop<T>(id: string, version: number, task: (model: LintedQuestionnaire) => T | null): T | null {
    const model = this.models.get(`${id}@${version}`);
    if (!model?.plan?.safeOnEventLoop) return null;
    return task(model);
  }

  /** Runs a task on a version in a worker, handing the version's JSON only to a worker that asks for it. */
  private async onVersion<T>(source: VersionSource, task: VersionTask): Promise<T> {
    const outcome = await this.workers.onVersion<T | VersionMissing>({ ...task, key: source.key }, validationTimedOut);
    if (!isVersionMissing(outcome)) return outcome;
    return this.workers.onVersion<T>({ ...task, ...source }, validationTimedOut);
  }

  private async source(db: Db, id: string, version: number): Promise<VersionSource> {
    const key = `${id}@${version}`;
    let source = this.sources.get(key);
    if (!source) {
      source = { key, json: (await this.get(db, id, version)).json };
      this.sources.set(key, source);
    }
    return source;
  }

  /**
   * Checks a questionnaire before it is stored: the id, then the JSON, sanitised (sanitize-questionnaire.ts: every
   * consumer gets safe HTML) and linted. Needs no database: an upload is linted in a worker, which may take up to the
   * budget, and that wait must not happen inside the transaction that stores it (it would hold the write lock).
   */
  async check(id: string, rawJson: unknown, source: "file" | "upload"): Promise<CheckedQuestionnaire> {
    if (!questionnaireIdPattern.test(id)) {
      throw new AppError(400, "invalid_request", "Invalid questionnaire id", [
        { field: "id", ...inWords("questionnaire.id") },
      ]);
    }
    const json = sanitizeQuestionnaire(rawJson);
    const text = JSON.stringify(json);
    // The files of surveys/ are the operator's, linted at start before anything is served: on this thread, without
    // waiting for a worker to start. Uploads come from requests: in a worker, within the budget.
    const local = source === "file" ? lintQuestionnaire(json) : null;
    const linted = local
      ? summarize(local)
      : await this.workers.run<LintOutcome>({ kind: "lint", json: text }, lintTimedOut);
    if (!linted.ok) {
      throw unprocessable("invalid_questionnaire", "The questionnaire cannot be used", linted.issues);
    }
    return {
      id,
      source,
      text,
      hash: contentHash(json),
      summary: linted.summary,
      model: local?.ok ? local.questionnaire : null,
    };
  }

  /**
   * Stores a checked questionnaire as a new version when the content is new; returns the version that holds this
   * content. An upload names its `publisher`: only admins and the id's author (who published its first version) may
   * add versions to an id. Reads, then writes: the caller runs it in a transaction.
   */
  async store(
    db: Db,
    checked: CheckedQuestionnaire,
    publisher?: { id: number; role: Role },
  ): Promise<{ id: string; version: number; created: boolean }> {
    const { id, source, text, hash } = checked;
    const existing = await findVersionByHash(db, id, hash);
    if (existing) return { ...existing, created: false };
    // Content already stored publishes nothing: anyone may name it (200, the existing version).
    if (publisher && publisher.role !== "admin") {
      const first = await findQuestionnaire(db, id, 1);
      if (first && first.created_by !== publisher.id) {
        throw forbidden(
          "not_questionnaire_author",
          first.created_by === null
            ? `Questionnaire ${id} ships with Sapat: only an admin may publish a new version of it`
            : `Questionnaire ${id} was first published by another user: only they or an admin may publish a new version`,
        );
      }
    }
    const version = ((await findLatestVersionNumber(db, id)) ?? 0) + 1;
    const questionnaire = checked.summary;
    await insertQuestionnaireVersion(db, {
      id,
      version,
      title: questionnaire.title,
      audience: questionnaire.audience,
      json: text,
      content_hash: hash,
      scoring_id: questionnaire.scoring?.id ?? null,
      scoring_version: questionnaire.scoring?.version ?? null,
      question_count: questionnaire.questionCount,
      source,
      created_at: new Date().toISOString(),
      created_by: publisher?.id ?? null,
    });
    // Not cached under its number before the caller commits: should the transaction roll back, another instance (or
    // a retry) may store other content under the same number. Versions are cached as read from the database; the
    // model built by the check is kept by its content, which no rollback can change.
    if (checked.model) this.checkedModels.set(hash, checked.model);
    return { id, version, created: true };
  }

  /** check, then store, on the handle given: for files and tools; a request checks before opening its transaction. */
  async register(
    db: Db,
    id: string,
    rawJson: unknown,
    source: "file" | "upload",
    publisher?: { id: number; role: Role },
  ): Promise<{ id: string; version: number; created: boolean }> {
    return this.store(db, await this.check(id, rawJson, source), publisher);
  }

  /**
   * Loads every surveys/*.json, each in a transaction of its own (a use case of the start, called with the
   * database handle); a file that cannot serve stops start-up with its name and the reasons.
   */
  async loadDirectory(db: Db, dir: string): Promise<Array<{ id: string; version: number; created: boolean }>> {
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".json"))
          .sort()
      : [];
    const loaded = [];
    for (const file of files) {
      const id = path.basename(file, ".json");
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      } catch (error) {
        throw new QuestionnaireFileError(`${file}: not valid JSON (${(error as Error).message})`);
      }
      try {
        const checked = await this.check(id, json, "file");
        loaded.push(await inTransaction(db, (trx) => this.store(trx, checked)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const reasons = error.details.map((d) => `  - ${d.field ?? d.question}: ${d.message}`).join("\n");
        throw new QuestionnaireFileError(`${file}: ${error.message}\n${reasons}`);
      }
    }
    return loaded;
  }

  async latestVersion(db: Db, id: string): Promise<number> {
    const version = await findLatestVersionNumber(db, id);
    if (version === null) throw notFound(`Questionnaire ${id}`);
    return version;
  }

  async get(db: Db, id: string, version: number) {
    const row = await findQuestionnaire(db, id, version);
    if (!row) throw notFound(`Questionnaire ${id} version ${version}`);
    return row;
  }

  /**
   * The linted model of a stored version, built on first use on this thread: for reading answers that passed
   * validation (scoring, reports), never for checking a request's answers.
   */
  async model(db: Db, id: string, version: number): Promise<LintedQuestionnaire> {
    const key = `${id}@${version}`;
    const cached = this.models.get(key);
    if (cached) return cached;
    const row = await this.get(db, id, version);
    const checked = this.checkedModels.get(row.content_hash);
    if (checked) {
      this.checkedModels.delete(row.content_hash);
      this.models.set(key, checked);
      return checked;
    }
    const linted = lintQuestionnaire(JSON.parse(row.json), { stored: true });
    // A stored version passed lint when it was stored; failing now means survey-core changed under it.
    if (!linted.ok)
      throw new Error(`Stored questionnaire ${key} no longer passes lint: ${JSON.stringify(linted.issues)}`);
    this.models.set(key, linted.questionnaire);
    return linted.questionnaire;
  }
}
