import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Db } from "../../db/database.ts";
import type { ResponseStatus } from "../../value-lists.ts";
import { badRequest, notFound } from "../../errors.ts";
import type { ScoringModel } from "../../scoring/scoring-model.ts";
import type { LintedQuestionnaire } from "../../survey-model/lint-questionnaire.ts";
import { codebookKeys, codebookRows, type CodebookSheet } from "../../reports/codebook.ts";
import {
  answerCells,
  csvRecord,
  dynamicMeasurer,
  dynamicSheetKeys,
  fixedColumnKeys,
  mergeColumnKeys,
  mergeCounts,
  mergedAnswerCells,
  planAnswerColumns,
  planDynamicSheets,
  xlsxCell,
  type AnswerColumn,
  type CellValue,
  type DynamicSheetPlan,
} from "../../reports/export-columns.ts";
import {
  scoreCells,
  scoreColumnKeys,
  scoresSheetKeys,
  scoresSheetRow,
  summarizeTrace,
  summaryFromValues,
  type ScoreSummary,
} from "../../reports/export-scores.ts";
import { headingsFor } from "../../reports/export-headings.ts";
import { questionnaireLanguages } from "../../reports/localized-text.ts";
import { uniqueSheetNames } from "../../reports/sheet-names.ts";
import { findEvaluation, questionnaireIdsByEvaluation } from "../evaluations/evaluations.repository.ts";
import { defaultQuestionnaireId } from "../evaluations/evaluations.service.ts";
import type { QuestionnaireCatalogue } from "../questionnaires/questionnaire-catalogue.ts";
import { computeResponseTraces } from "../scores/scores.service.ts";
import {
  answersPage,
  exportPage,
  exportVersions,
  unscoredResponseIds,
  type ExportFilter,
  type ExportRow,
} from "./reports.repository.ts";
import { inWords } from "../../i18n/details.ts";

export interface ExportOptions {
  questionnaireId?: string;
  labels: boolean;
  lang: string;
  /** `labels`: the heading row in words, in `lang` (export-headings.ts); `keys` (default): the column keys. */
  headers: "keys" | "labels";
  choiceColumns: boolean;
  status: "submitted" | "all";
}

interface VersionPlan {
  model: LintedQuestionnaire;
  columns: AnswerColumn[];
  byKey: Map<string, AnswerColumn>;
}

/** Everything an export needs before its first byte: validated, so that a bad request is a 4xx, not a cut file. */
export interface ExportContext {
  evaluationId: number;
  questionnaireId: string;
  filter: ExportFilter;
  scoring: ScoringModel | null;
  dimensionIds: string[];
  latest: LintedQuestionnaire;
  versions: Map<number, LintedQuestionnaire>;
  options: ExportOptions;
  dynamicCounts: Map<string, number>;
  /** Scores of submitted responses not stored yet (see unstoredSummaries), by response id. */
  unstored: Map<number, { verified: ScoreSummary; self: ScoreSummary }>;
}

/**
 * The questionnaire an export or report is about: the one named (400 unless the evaluation uses it), else the
 * evaluation's default (its scored questionnaire: defaultQuestionnaireId), as the workspace offers it.
 */
export async function resolveQuestionnaire(
  db: Db,
  evaluationId: number,
  requested: string | undefined,
): Promise<string> {
  if (!(await findEvaluation(db, evaluationId))) throw notFound("Evaluation");
  const ids = (await questionnaireIdsByEvaluation(db, [evaluationId])).get(evaluationId) ?? [];
  const id = requested ?? (await defaultQuestionnaireId(db, evaluationId)) ?? undefined;
  if (!id || !ids.includes(id)) {
    throw badRequest("Questionnaire not used by this evaluation", [
      {
        field: "questionnaireId",
        ...inWords("evaluation.questionnaireNotUsed", { value: requested ?? "", ids: ids.join(", ") }),
      },
    ]);
  }
  return id;
}

/**
 * The score summaries of submitted responses that have none stored yet (waiting in the score backlog, or a
 * model changed since), computed and not stored: an export is a read, and a read never writes.
 */
async function unstoredSummaries(db: Db, catalogue: QuestionnaireCatalogue, filter: Omit<ExportFilter, "statuses">) {
  const summaries: ExportContext["unstored"] = new Map();
  let after = 0;
  for (;;) {
    const ids = await unscoredResponseIds(db, filter, after);
    if (ids.length === 0) return summaries;
    const responses = await db.selectFrom("responses").selectAll().where("id", "in", ids).execute();
    for (const response of responses) {
      const traces = await computeResponseTraces(db, catalogue, response);
      if (traces) {
        summaries.set(response.id, { verified: summarizeTrace(traces.verified), self: summarizeTrace(traces.self) });
      }
    }
    after = ids[ids.length - 1] as number;
  }
}

/** Iterates the filtered responses page by page. */
async function* pages<T extends { id: number }>(read: (afterId: number) => Promise<T[]>): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    // Before the page is handed out: its reader may empty it.
    after = rows[rows.length - 1]!.id;
    yield rows;
  }
}

export async function prepareExport(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  evaluationId: number,
  options: ExportOptions,
): Promise<ExportContext> {
  const questionnaireId = await resolveQuestionnaire(db, evaluationId, options.questionnaireId);
  const statuses: ResponseStatus[] = options.status === "all" ? ["submitted", "draft"] : ["submitted"];
  const filter: ExportFilter = { evaluationId, questionnaireId, statuses };
  const latestVersion = await catalogue.latestVersion(db, questionnaireId);
  const latest = await catalogue.model(db, questionnaireId, latestVersion);
  const versions = new Map<number, LintedQuestionnaire>([[latestVersion, latest]]);
  for (const version of (await exportVersions(db, filter)).sort((a, b) => b - a)) {
    if (!versions.has(version)) versions.set(version, await catalogue.model(db, questionnaireId, version));
  }
  // Scores come from the newest version's model (see scoringModelFor).
  const scoring = latest.scoring;
  const unstored = scoring ? await unstoredSummaries(db, catalogue, filter) : new Map();

  // First pass: how many panels / rows of each dynamic question to flatten.
  const dynamicCounts = new Map<string, number>();
  const measurers = new Map([...versions].map(([v, m]) => [v, dynamicMeasurer(m.survey)]));
  if ([...measurers.values()].some((m) => m.hasDynamic)) {
    for await (const rows of pages((after) => answersPage(db, filter, after))) {
      for (const row of rows) measurers.get(row.questionnaire_version)?.measure(JSON.parse(row.data));
    }
    for (const m of measurers.values()) mergeCounts(dynamicCounts, m.counts);
  }
  return {
    evaluationId,
    questionnaireId,
    filter,
    scoring,
    dimensionIds: scoring?.dimensions.map((d) => d.id) ?? [],
    latest,
    versions,
    options,
    dynamicCounts,
    unstored,
  };
}

function planVersions(context: ExportContext, flattenDynamic: boolean, reserved: ReadonlySet<string>) {
  const plans = new Map<number, VersionPlan>();
  for (const [version, model] of context.versions) {
    const columns = planAnswerColumns(model.survey, model.scoring ?? context.scoring, {
      dynamicCounts: context.dynamicCounts,
      choiceColumns: context.options.choiceColumns,
      labelsIn: context.options.labels ? context.options.lang : null,
      flattenDynamic,
      reserved,
    });
    plans.set(version, { model, columns, byKey: new Map(columns.map((c) => [c.key, c])) });
  }
  return plans;
}

/** A sheet's heading row: its keys, or their words when the export asks for headings in words. */
function headingRow(
  context: ExportContext,
  keys: readonly string[],
  answers: ReadonlyMap<string, AnswerColumn> = new Map(),
): string[] {
  if (context.options.headers !== "labels") return [...keys];
  return headingsFor(keys, { lang: context.options.lang, scoring: context.scoring, answers });
}

/** Every answer column by key, the newest version's first (older versions may have columns it lacks). */
function answerColumnsByKey(plans: ReadonlyMap<number, { columns: readonly AnswerColumn[] }>) {
  const out = new Map<string, AnswerColumn>();
  for (const plan of plans.values()) for (const c of plan.columns) if (!out.has(c.key)) out.set(c.key, c);
  return out;
}

function fixedCells(row: ExportRow): CellValue[] {
  return [
    row.id,
    row.organization,
    row.region,
    row.kind,
    row.mode,
    row.status,
    row.submitted_at,
    row.questionnaire_version,
  ];
}

function parseSummary(text: string | null | undefined): ScoreSummary | null {
  return text ? summaryFromValues(JSON.parse(text) as unknown[]) : null;
}

/** A row's summary of one basis: the stored one, else the one computed for the export. */
function summaryOf(
  context: ExportContext,
  row: { id: number; verified_summary?: string | null; self_summary?: string | null },
  basis: "verified" | "self",
): ScoreSummary | null {
  return parseSummary(row[`${basis}_summary`]) ?? context.unstored.get(row.id)?.[basis] ?? null;
}

/** Cells of one row: from its own version's plan, aligned on the merged keys when versions differ. */
function rowAnswerCells(keys: string[] | null, plan: VersionPlan | undefined, answers: unknown): CellValue[] {
  if (!plan) return keys ? keys.map(() => null) : [];
  return keys ? mergedAnswerCells(keys, plan.byKey, answers) : answerCells(plan.columns, answers);
}

function mergedKeys(plans: Map<number, VersionPlan>): string[] | null {
  if (plans.size === 1) return null;
  return mergeColumnKeys([...plans.values()].map((p) => p.columns));
}

export function exportFileName(context: ExportContext, extension: string): string {
  return `evaluation-${context.evaluationId}-${context.questionnaireId}.${extension}`;
}

// ---- CSV ----

/**
 * The CSV export as a stream of text: header, then one row per response, read page by page as the client reads.
 * One chunk per row: a page as one chunk would be a string of ~150 kB, which V8 puts in its large-object space,
 * freed only by a full collection.
 */
export function csvExport(db: Db, context: ExportContext, options: { bom: boolean; onError?: (e: Error) => void }) {
  const scoreKeys = context.scoring ? scoreColumnKeys(context.dimensionIds) : [];
  const reserved = new Set<string>([...fixedColumnKeys, ...scoreKeys]);
  const plans = planVersions(context, true, reserved);
  const keys = mergedKeys(plans);
  const header = [
    ...fixedColumnKeys,
    ...(keys ?? plans.get([...plans.keys()][0]!)!.columns.map((c) => c.key)),
    ...scoreKeys,
  ];
  const scored = context.scoring !== null;

  async function* chunks(): AsyncGenerator<string> {
    yield (options.bom ? "\ufeff" : "") + csvRecord(headingRow(context, header, answerColumnsByKey(plans)));
    for await (const rows of pages((after) =>
      exportPage(db, context.filter, after, { scores: scored ? context.dimensionIds.length : false, data: true }),
    )) {
      // Each row let go of as it goes out: a page held whole until its last row had reached the client lived
      // through young-generation collections and was promoted as garbage (PostgreSQL's rows arrive as strings of
      // their own: the heap grew by ~110 MB over 100k rows, and the peak RSS passed 300 MB).
      for (let row = rows.shift(); row !== undefined; row = rows.shift()) {
        yield csvRecord([
          ...fixedCells(row),
          ...rowAnswerCells(keys, plans.get(row.questionnaire_version), JSON.parse(row.data!)),
          ...(scored
            ? scoreCells(context.dimensionIds, summaryOf(context, row, "verified"), summaryOf(context, row, "self"))
            : []),
        ]);
      }
    }
  }

  // Bytes, not objects: the stream buffers 16 kB ahead of the client.
  const stream = Readable.from(chunks(), { objectMode: false });
  if (options.onError) stream.on("error", options.onError);
  return stream;
}

// ---- XLSX ----

/** Bytes held between a stream and the streams it pipes into (exceljs writes without waiting for them). */
function pendingBytes(stream: unknown, depth = 0): number {
  const s = stream as {
    _readableState?: { length?: number; pipes?: unknown };
    _writableState?: { length?: number };
  } | null;
  if (!s || depth > 4) return 0;
  let total = (s._readableState?.length ?? 0) + (s._writableState?.length ?? 0);
  const pipes = s._readableState?.pipes;
  for (const next of Array.isArray(pipes) ? pipes : pipes ? [pipes] : []) total += pendingBytes(next, depth + 1);
  return total;
}

const maxPendingBytes = 1 << 20;

/**
 * exceljs's streaming writer pushes each committed row into the zip without waiting for compression or the
 * client: wait for both between pages, or a fast producer fills memory with the whole file.
 */
export async function waitForWorksheet(worksheet: ExcelJS.Worksheet, out: PassThrough): Promise<void> {
  const head = (worksheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
  while (!out.destroyed && pendingBytes(head) > maxPendingBytes) await new Promise((r) => setImmediate(r));
  while (!out.destroyed && out.writableNeedDrain) {
    await Promise.race([once(out, "drain"), once(out, "close")]);
  }
  if (out.destroyed) throw new Error("export aborted: the client went away");
}

function addRow(worksheet: ExcelJS.Worksheet, cells: readonly CellValue[]): void {
  worksheet.addRow(cells.map(xlsxCell)).commit();
}

function newSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, header: readonly CellValue[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  addRow(sheet, header);
  return sheet;
}

/**
 * The XLSX export: sheets `responses` (fixed and answer columns; dynamic questions excepted), `scores` (one row
 * per response and basis), one per dynamic panel or dynamic matrix (long format, keyed by response_id), and
 * `codebook`. Sheets are written one after the other, each from its own pass over the rows, because the zip
 * holds a later sheet in memory until the earlier one is complete.
 */
export function xlsxExport(db: Db, context: ExportContext, options: { onError?: (e: Error) => void } = {}) {
  const out = new PassThrough();
  const reserved = new Set<string>(fixedColumnKeys);
  const plans = planVersions(context, false, reserved);
  const keys = mergedKeys(plans);
  const latestPlan = plans.get([...plans.keys()][0]!)!;
  const answerKeys = keys ?? latestPlan.columns.map((c) => c.key);
  const planOptions = {
    dynamicCounts: context.dynamicCounts,
    choiceColumns: context.options.choiceColumns,
    labelsIn: context.options.labels ? context.options.lang : null,
  };
  const dynamicPlans = new Map(
    [...context.versions].map(([v, m]) => [v, planDynamicSheets(m.survey, m.scoring ?? context.scoring, planOptions)]),
  );
  const latestDynamic = dynamicPlans.get([...context.versions.keys()][0]!) ?? [];
  const dynamicNames = uniqueSheetNames(
    latestDynamic.map((d) => d.name),
    ["responses", "scores", "codebook"],
  );

  async function write(): Promise<void> {
    // exceljs (with its zip and XML dependencies) is loaded on the first XLSX export rather than at start: a
    // server that never writes one does not keep it resident.
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const responses = newSheet(
      workbook,
      "responses",
      headingRow(context, [...fixedColumnKeys, ...answerKeys], answerColumnsByKey(plans)),
    );
    for await (const rows of pages((after) => exportPage(db, context.filter, after, { scores: false, data: true }))) {
      for (const row of rows) {
        const answers = JSON.parse(row.data!);
        addRow(responses, [...fixedCells(row), ...rowAnswerCells(keys, plans.get(row.questionnaire_version), answers)]);
      }
      await waitForWorksheet(responses, out);
    }
    responses.commit();

    const scores = newSheet(workbook, "scores", headingRow(context, scoresSheetKeys(context.dimensionIds)));
    if (context.scoring) {
      for await (const rows of pages((after) =>
        exportPage(db, context.filter, after, { scores: context.dimensionIds.length, data: false }),
      )) {
        for (const row of rows) {
          for (const basis of ["verified", "self"] as const) {
            const summary = summaryOf(context, row, basis);
            if (summary) {
              addRow(
                scores,
                scoresSheetRow(context.dimensionIds, { id: row.id, organization: row.organization }, summary),
              );
            }
          }
        }
        await waitForWorksheet(scores, out);
      }
    }
    scores.commit();

    for (const [i, plan] of latestDynamic.entries()) {
      const sheet = newSheet(
        workbook,
        dynamicNames[i]!,
        headingRow(
          context,
          [...dynamicSheetKeys, ...plan.columns.map((c) => c.key)],
          new Map(plan.columns.map((c) => [c.key, c])),
        ),
      );
      for await (const rows of pages((after) => answersPage(db, context.filter, after))) {
        for (const row of rows) {
          const own = dynamicPlans.get(row.questionnaire_version)?.find((p) => p.name === plan.name);
          const elements = (JSON.parse(row.data) as Record<string, unknown>)[plan.name];
          if (!own || !Array.isArray(elements)) continue;
          const byKey = new Map(own.columns.map((c) => [c.key, c]));
          elements.forEach((element, index) => {
            addRow(sheet, [
              row.id,
              index,
              ...mergedAnswerCells(
                plan.columns.map((c) => c.key),
                byKey,
                element,
              ),
            ]);
          });
        }
        await waitForWorksheet(sheet, out);
      }
      sheet.commit();
    }

    const languages = questionnaireLanguages(context.latest.survey.getUsedLocales(), context.latest.survey.locale);
    const codebook = newSheet(workbook, "codebook", codebookKeys(languages));
    const sheets: CodebookSheet[] = [
      { sheet: "responses", fixed: fixedColumnKeys, columns: latestPlan.columns },
      ...latestDynamic.map((plan: DynamicSheetPlan, i) => ({
        sheet: dynamicNames[i]!,
        question: { name: plan.name, type: plan.type, texts: plan.texts },
        fixed: ["index"],
        columns: plan.columns,
      })),
    ];
    for (const row of codebookRows(sheets, context.scoring, languages, context.options.lang)) addRow(codebook, row);
    codebook.commit();
    await workbook.commit();
  }

  write().catch((error: Error) => {
    options.onError?.(error);
    out.destroy(error);
  });
  return out as Writable & Readable;
}
