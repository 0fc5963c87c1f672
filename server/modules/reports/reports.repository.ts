import type { Db } from "../../db/database.ts";
import { jsonValues, type JsonPathStep } from "../../db/dialect.ts";
import type { ResponseStatus } from "../../value-lists.ts";

// Exports read responses page by page (keyset on the id), so that memory stays flat whatever their number and
// the single SQLite connection is free for other requests between pages.

export interface ExportFilter {
  evaluationId: number;
  questionnaireId: string;
  statuses: readonly ResponseStatus[];
}

/** Rows per page: large enough to make the query cost negligible, small enough to keep memory flat. */
export const exportPageSize = 200;

/** The questionnaire versions the filtered responses answered. */
export async function exportVersions(db: Db, filter: ExportFilter): Promise<number[]> {
  const rows = await db
    .selectFrom("responses")
    .select("questionnaire_version")
    .distinct()
    .where("evaluation_id", "=", filter.evaluationId)
    .where("questionnaire_id", "=", filter.questionnaireId)
    .where("status", "in", [...filter.statuses])
    .execute();
  return rows.map((r) => r.questionnaire_version);
}

/** Submitted responses without a stored score, after `afterId` (their scores are computed before an export). */
export async function unscoredResponseIds(
  db: Db,
  filter: Omit<ExportFilter, "statuses">,
  afterId: number,
  limit = exportPageSize,
): Promise<number[]> {
  const rows = await db
    .selectFrom("responses as r")
    .leftJoin("response_scores as s", (join) => join.onRef("s.response_id", "=", "r.id").on("s.basis", "=", "verified"))
    .select("r.id")
    .where("r.evaluation_id", "=", filter.evaluationId)
    .where("r.questionnaire_id", "=", filter.questionnaireId)
    .where("r.status", "=", "submitted")
    .where("s.response_id", "is", null)
    .where("r.id", ">", afterId)
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A page of answers only (the first pass, which measures dynamic panels and matrices). */
export function answersPage(db: Db, filter: ExportFilter, afterId: number, limit = exportPageSize) {
  return db
    .selectFrom("responses")
    .select(["id", "questionnaire_version", "data"])
    .where("evaluation_id", "=", filter.evaluationId)
    .where("questionnaire_id", "=", filter.questionnaireId)
    .where("status", "in", [...filter.statuses])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export interface ExportRowOptions {
  data: boolean;
  /** The scoring model's dimension count, to read both bases' score summaries; false: no scores. */
  scores: number | false;
}

/**
 * The export rows, in id order: the response, its organisation, its answers and both bases' score summaries; with
 * `page`, only the `limit` responses after `afterId`. The responses are chosen first (a subquery with the page's
 * limit) and joined after: PostgreSQL planned the joins of a page over every response after it (merge joins that
 * read the scores from the first one, so 100k responses took 500 pages of up to 200k index entries each).
 */
export function exportRowsQuery(
  db: Db,
  filter: ExportFilter,
  options: ExportRowOptions,
  page?: { afterId: number; limit: number },
) {
  let responses = db
    .selectFrom("responses")
    .select(["id", "organization_id", "mode", "status", "submitted_at", "questionnaire_version"])
    .$if(options.data, (query) => query.select("data"))
    .where("evaluation_id", "=", filter.evaluationId)
    .where("questionnaire_id", "=", filter.questionnaireId)
    .where("status", "in", [...filter.statuses])
    .orderBy("id");
  if (page) responses = responses.where("id", ">", page.afterId).limit(page.limit);
  let query = db
    .selectFrom(responses.as("r"))
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .select([
      "r.id",
      "r.mode",
      "r.status",
      "r.submitted_at",
      "r.questionnaire_version",
      "o.name as organization",
      "o.region",
      "o.kind",
    ])
    .orderBy("r.id");
  if (options.data) query = query.select("r.data");
  if (options.scores !== false) {
    const dimensions = options.scores;
    query = query
      .leftJoin("response_scores as v", (join) =>
        join.onRef("v.response_id", "=", "r.id").on("v.basis", "=", "verified"),
      )
      .leftJoin("response_scores as s", (join) => join.onRef("s.response_id", "=", "r.id").on("s.basis", "=", "self"))
      .select([
        scoreSummary(db, "v", dimensions).as("verified_summary"),
        scoreSummary(db, "s", dimensions).as("self_summary"),
      ]);
  }
  return query;
}

/** A page of export rows after `afterId`. */
export function exportPage(
  db: Db,
  filter: ExportFilter,
  afterId: number,
  options: ExportRowOptions,
  limit = exportPageSize,
) {
  return exportRowsQuery(db, filter, options, { afterId, limit }).execute() as Promise<ExportRow[]>;
}

/** The trace paths an export reads, in the order of `summaryFromValues` (server/reports/export-scores.ts). */
export function summaryPaths(dimensions: number): JsonPathStep[][] {
  return [
    ["basis"],
    ...["status", "level", "band", "coverage", "weakest", "criticalGaps"].map((key) => ["overall", key]),
    ...Array.from({ length: dimensions }, (_, i) => [
      ["dimensions", i, "id"],
      ["dimensions", i, "status"],
      ["dimensions", i, "level"],
    ]).flat(),
  ];
}

/**
 * The parts of a stored trace an export needs, as one JSON array read by the database (parsing the trace once and
 * keeping numbers as written, so full precision): 100k rows then mean reading small arrays instead of moving and
 * parsing 200k traces of ~9 kB each in JavaScript, which took most of an export's time and memory.
 */
function scoreSummary(db: Db, alias: "v" | "s", dimensions: number) {
  return jsonValues(db, `${alias}.trace`, summaryPaths(dimensions));
}

export interface ExportRow {
  id: number;
  mode: string;
  status: string;
  submitted_at: string | null;
  questionnaire_version: number;
  organization: string;
  region: string;
  kind: string;
  data?: string;
  /** Each basis' score summary as a JSON array of `summaryPaths` values (null: no stored score). */
  verified_summary?: string | null;
  self_summary?: string | null;
}

/** Invitations of one questionnaire in an evaluation, with what the method section counts. */
export function invitationsOf(db: Db, evaluationId: number, questionnaireId: string) {
  return db
    .selectFrom("invitations")
    .select(["organization_id", "status", "expires_at"])
    .where("evaluation_id", "=", evaluationId)
    .where("questionnaire_id", "=", questionnaireId)
    .execute();
}

/** Every response of one questionnaire in an evaluation with its organisation (the aggregate report's cohort). */
export function reportResponses(db: Db, evaluationId: number, questionnaireId: string) {
  return db
    .selectFrom("responses as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .select([
      "r.id",
      "r.organization_id",
      "r.questionnaire_version",
      "r.status",
      "r.mode",
      "r.data",
      "r.submitted_at",
      "o.name",
      "o.region",
      "o.kind",
      "o.org_type",
    ])
    .where("r.evaluation_id", "=", evaluationId)
    .where("r.questionnaire_id", "=", questionnaireId)
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .execute();
}

export function updateReportText(
  db: Db,
  evaluationId: number,
  text: { conclusions: string | null; recommendations: string | null },
) {
  return db
    .updateTable("evaluations")
    .set({ conclusions: text.conclusions, recommendations: text.recommendations })
    .where("id", "=", evaluationId)
    .execute();
}

export function findReportText(db: Db, evaluationId: number) {
  return db
    .selectFrom("evaluations")
    .select(["conclusions", "recommendations"])
    .where("id", "=", evaluationId)
    .executeTakeFirst();
}
