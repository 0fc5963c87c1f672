import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/database.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound, unprocessable } from "../../errors.ts";
import { lintQuestionnaire, type LintedQuestionnaire } from "../../survey-model/lint-questionnaire.ts";
import { prepareValidationPlan } from "../../survey-model/validation-plan.ts";
import {
  findLatestVersionNumber,
  findQuestionnaire,
  findVersionByHash,
  insertQuestionnaireVersion,
} from "./questionnaires.repository.ts";

export const questionnaireIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class QuestionnaireFileError extends Error {}

function contentHash(json: unknown): string {
  return createHash("sha256").update(JSON.stringify(json)).digest("hex");
}

/**
 * Questionnaire versions are immutable, so each one is linted and turned into a survey-core Model once and
 * kept: building a Model costs far more than validating answers with one. Each kept Model gets its validation
 * plan (validation-plan.ts), compiled once, which validates most answer sets without touching the Model.
 *
 * The catalogue holds no database handle: every method reads through the one its caller passes, which inside a
 * transaction is the transaction's (a query on another handle would wait for the connection it holds).
 */
export class QuestionnaireCatalogue {
  private readonly models = new Map<string, LintedQuestionnaire>();

  /**
   * Stores a new version when the content is new; returns the version that holds this content. Reads, then
   * writes: the caller runs it in a transaction.
   */
  async register(
    db: Db,
    id: string,
    json: unknown,
    source: "file" | "upload",
  ): Promise<{ id: string; version: number; created: boolean }> {
    if (!questionnaireIdPattern.test(id)) {
      throw new AppError(400, "invalid_request", "Invalid questionnaire id", [
        { field: "id", message: "must be 1-64 lowercase letters, digits, - or _" },
      ]);
    }
    const linted = lintQuestionnaire(json);
    if (!linted.ok) {
      throw unprocessable("invalid_questionnaire", "The questionnaire cannot be used", linted.issues);
    }
    const hash = contentHash(json);
    const existing = await findVersionByHash(db, id, hash);
    if (existing) return { ...existing, created: false };
    const version = ((await findLatestVersionNumber(db, id)) ?? 0) + 1;
    const { questionnaire } = linted;
    await insertQuestionnaireVersion(db, {
      id,
      version,
      title: questionnaire.title,
      audience: questionnaire.audience,
      json: JSON.stringify(json),
      content_hash: hash,
      scoring_id: questionnaire.scoring?.id ?? null,
      scoring_version: questionnaire.scoring?.version ?? null,
      question_count: questionnaire.questionCount,
      source,
      created_at: new Date().toISOString(),
    });
    prepareValidationPlan(questionnaire.survey);
    // Kept before the caller commits: should it roll back, the next version stored under this number replaces it.
    this.models.set(`${id}@${version}`, questionnaire);
    return { id, version, created: true };
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
        loaded.push(await inTransaction(db, (trx) => this.register(trx, id, json, "file")));
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

  /** The linted model of a stored version, built on first use. */
  async model(db: Db, id: string, version: number): Promise<LintedQuestionnaire> {
    const key = `${id}@${version}`;
    const cached = this.models.get(key);
    if (cached) return cached;
    const row = await this.get(db, id, version);
    const linted = lintQuestionnaire(JSON.parse(row.json));
    // A stored version passed lint when it was stored; failing now means survey-core changed under it.
    if (!linted.ok)
      throw new Error(`Stored questionnaire ${key} no longer passes lint: ${JSON.stringify(linted.issues)}`);
    prepareValidationPlan(linted.questionnaire.survey);
    this.models.set(key, linted.questionnaire);
    return linted.questionnaire;
  }
}
