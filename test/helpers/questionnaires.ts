import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { OpenedDatabase } from "../../server/db/database.ts";
import { dropTestDatabase, openTestDatabase } from "./test-database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
export const surveysDir = path.join(repoRoot, "surveys");
/** The project's own test questionnaires: every question type, condition, trigger and language we support. */
export const fixturesDir = path.join(repoRoot, "test", "fixtures", "questionnaires");
/** The files of fixturesDir, so that a test iterating them fails when one goes missing instead of shrinking. */
export const fixtureFiles = [
  "all-types.json",
  "event-triggers.json",
  "household-members.json",
  "knowledge-quiz.json",
  "partner-profile.json",
  "priorities-ranking.json",
  "services-matrices.json",
  "training-feedback-de-fr.json",
];
/**
 * An optional folder of other SurveyJS questionnaires (SAPAT_EXTRA_CORPUS=/path/to/dir npm test): the corpus
 * round trip runs over them as well. Unset, nothing runs and nothing is skipped.
 */
export const extraCorpusDir = process.env.SAPAT_EXTRA_CORPUS ? path.resolve(process.env.SAPAT_EXTRA_CORPUS) : null;

export interface QuestionnaireFile {
  file: string;
  id: string;
  /** Loaded at start-up from surveys/, so not uploaded again. */
  preloaded: boolean;
  json: Record<string, unknown>;
}

/** Questionnaire ids as the catalogue accepts them: lowercase, [a-z0-9_-], at most 64 characters. */
function idFromFile(file: string): string {
  return path
    .basename(file, ".json")
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .slice(0, 64);
}

/**
 * The *.json questionnaires of a folder, by file name; `preloaded` for surveys/, whose ids are the file names.
 * A missing folder throws: a test over it must fail, not shrink.
 */
export function readQuestionnaireDir(dir: string, preloaded: boolean): QuestionnaireFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({
      file,
      id: preloaded ? path.basename(file, ".json") : idFromFile(file),
      preloaded,
      json: JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>,
    }));
}

/**
 * The questionnaire with a name for each page that has none (`page1`, ... as survey-core names them): uploads
 * refuse unnamed pages (docs/api.md), and some public questionnaires leave them out.
 */
export function withPageNames(json: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(json.pages)) return json;
  const pages = (json.pages as Array<Record<string, unknown>>).map((page, i) =>
    typeof page.name === "string" && page.name !== "" ? page : { ...page, name: `page${i + 1}` },
  );
  return { ...json, pages };
}

/** Every questionnaire we ship (surveys/) and every one of our test questionnaires (test/fixtures/questionnaires/). */
export function allQuestionnaires(): QuestionnaireFile[] {
  return [...readQuestionnaireDir(surveysDir, true), ...readQuestionnaireDir(fixturesDir, false)];
}

export function readSurvey(id: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(surveysDir, `${id}.json`), "utf8"));
}

/** A one-question questionnaire with a scoring model; `score` and `question` override the scored item. */
export function scoredQuestionnaire(
  score: Record<string, unknown> = { dimension: "A", rule: "choice" },
  question: Record<string, unknown> = { type: "radiogroup", name: "q1", choices: [1, 2, 3, 4] },
): Record<string, unknown> {
  return {
    title: "Scored test",
    scoring: { id: "scored-test", version: "1", dimensions: [{ id: "A", title: "Dimension A" }] },
    pages: [{ name: "p1", elements: [{ ...question, score }] }],
  };
}

/**
 * Counts what `questionCount` should count, from the raw JSON: questions anywhere in pages and static panels,
 * but neither the templates of dynamic panels nor matrix cells, nor display-only elements.
 */
export function countQuestions(json: Record<string, unknown>): number {
  const count = (elements: unknown): number => {
    if (!Array.isArray(elements)) return 0;
    return elements.reduce((n: number, element: Record<string, unknown>) => {
      if (element.type === "panel") return n + count(element.elements);
      if (element.type === "html" || element.type === "image") return n;
      return n + 1;
    }, 0);
  };
  const pages = (json.pages as Array<Record<string, unknown>> | undefined) ?? [{ elements: json.elements }];
  return pages.reduce((n, page) => n + count(page.elements), 0);
}

export interface ScratchCatalogue {
  catalogue: QuestionnaireCatalogue;
  database: OpenedDatabase;
  dir: string;
  write(file: string, content: unknown): void;
  close(): Promise<void>;
}

/** A catalogue over a fresh database, with an empty surveys folder of its own. */
export async function scratchCatalogue(): Promise<ScratchCatalogue> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-catalogue-"));
  const dir = path.join(root, "surveys");
  fs.mkdirSync(dir);
  const database = await openTestDatabase({ dataDir: root, databaseFile: path.join(root, "sapat.db") });
  await migrateToLatest(database.db);
  const catalogue = new QuestionnaireCatalogue();
  return {
    catalogue,
    database,
    dir,
    write(file, content) {
      fs.writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    },
    async close() {
      await catalogue.close();
      await database.db.destroy();
      await dropTestDatabase(root);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
