import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type OpenedDatabase } from "../../server/db/database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";

export const surveysDir = path.resolve(import.meta.dirname, "..", "..", "surveys");

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
  const database = openDatabase(path.join(root, "sapat.db"));
  await migrateToLatest(database.db);
  return {
    catalogue: new QuestionnaireCatalogue(database.db),
    database,
    dir,
    write(file, content) {
      fs.writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    },
    async close() {
      await database.db.destroy();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
