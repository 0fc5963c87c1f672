import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/database.ts";
import type { Role } from "../../db/schema.ts";
import { AppError, forbidden, notFound, unprocessable } from "../../errors.ts";
import { lintQuestionnaire, type LintedQuestionnaire } from "../../survey-model/lint-questionnaire.ts";
import { prepareValidationPlan } from "../../survey-model/validation-plan.ts";
import {
  findLatestVersionNumber,
  findQuestionnaire,
  findVersionByHash,
  insertQuestionnaireVersion,
} from "./questionnaires.repository.ts";
import { sanitizeQuestionnaire } from "./sanitize-questionnaire.ts";

export const questionnaireIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class QuestionnaireFileError extends Error {}

function contentHash(json: unknown): string {
  return createHash("sha256").update(JSON.stringify(json)).digest("hex");
}

/**
 * Questionnaire versions are immutable, so each one is linted and turned into a survey-core Model once and
 * kept: building a Model costs far more than validating answers with one. Each kept Model gets its validation
 * plan (validation-plan.ts), compiled once, which validates most answer sets without touching the Model.
 */
export class QuestionnaireCatalogue {
  private readonly models = new Map<string, LintedQuestionnaire>();

  constructor(private readonly db: Db) {}

  /**
   * Stores a new version when the content is new; returns the version that holds this content. Evaluator-written
   * HTML is sanitised first (sanitize-questionnaire.ts), so every consumer gets safe HTML. An upload names its
   * `publisher`: only admins and the id's author (who published its first version) may add versions to an id.
   */
  async register(
    id: string,
    rawJson: unknown,
    source: "file" | "upload",
    publisher?: { id: number; role: Role },
  ): Promise<{ id: string; version: number; created: boolean }> {
    if (!questionnaireIdPattern.test(id)) {
      throw new AppError(400, "invalid_request", "Invalid questionnaire id", [
        { field: "id", message: "must be 1-64 lowercase letters, digits, - or _" },
      ]);
    }
    const json = sanitizeQuestionnaire(rawJson);
    const linted = lintQuestionnaire(json);
    if (!linted.ok) {
      throw unprocessable("invalid_questionnaire", "The questionnaire cannot be used", linted.issues);
    }
    const hash = contentHash(json);
    return this.db.transaction().execute(async (trx) => {
      const existing = await findVersionByHash(trx, id, hash);
      if (existing) return { ...existing, created: false };
      // Content already stored publishes nothing: anyone may name it (200, the existing version).
      if (publisher && publisher.role !== "admin") {
        const first = await findQuestionnaire(trx, id, 1);
        if (first && first.created_by !== publisher.id) {
          throw forbidden(
            "not_questionnaire_author",
            first.created_by === null
              ? `Questionnaire ${id} ships with Sapat: only an admin may publish a new version of it`
              : `Questionnaire ${id} was first published by another user: only they or an admin may publish a new version`,
          );
        }
      }
      const version = ((await findLatestVersionNumber(trx, id)) ?? 0) + 1;
      const { questionnaire } = linted;
      await insertQuestionnaireVersion(trx, {
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
        created_by: publisher?.id ?? null,
      });
      prepareValidationPlan(questionnaire.survey);
      this.models.set(`${id}@${version}`, questionnaire);
      return { id, version, created: true };
    });
  }

  /** Loads every surveys/*.json; a file that cannot serve stops start-up with its name and the reasons. */
  async loadDirectory(dir: string): Promise<Array<{ id: string; version: number; created: boolean }>> {
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
        loaded.push(await this.register(id, json, "file"));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const reasons = error.details.map((d) => `  - ${d.field ?? d.question}: ${d.message}`).join("\n");
        throw new QuestionnaireFileError(`${file}: ${error.message}\n${reasons}`);
      }
    }
    return loaded;
  }

  // Each read takes an optional executor: inside a transaction the caller must pass it, since SQLite's single
  // connection is held by the transaction and a query on the outer handle would wait forever.

  async latestVersion(id: string, db: Db = this.db): Promise<number> {
    const version = await findLatestVersionNumber(db, id);
    if (version === null) throw notFound(`Questionnaire ${id}`);
    return version;
  }

  async get(id: string, version: number, db: Db = this.db) {
    const row = await findQuestionnaire(db, id, version);
    if (!row) throw notFound(`Questionnaire ${id} version ${version}`);
    return row;
  }

  /** The linted model of a stored version, built on first use. */
  async model(id: string, version: number, db: Db = this.db): Promise<LintedQuestionnaire> {
    const key = `${id}@${version}`;
    const cached = this.models.get(key);
    if (cached) return cached;
    const row = await this.get(id, version, db);
    const linted = lintQuestionnaire(JSON.parse(row.json));
    // A stored version passed lint when it was stored; failing now means survey-core changed under it.
    if (!linted.ok)
      throw new Error(`Stored questionnaire ${key} no longer passes lint: ${JSON.stringify(linted.issues)}`);
    prepareValidationPlan(linted.questionnaire.survey);
    this.models.set(key, linted.questionnaire);
    return linted.questionnaire;
  }
}
