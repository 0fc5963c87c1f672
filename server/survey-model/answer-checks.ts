import { settings, type ItemValue, type Question, type SurveyModel } from "survey-core";

/**
 * Sapat's own checks of one answer: what survey-core lets through (see checkValue). Shared by the validation plan
 * and by validation through survey-core, so that both judge an answer alike.
 */

export interface AnswerIssue {
  /** The question's path: `q`, `panel[0].q`, `matrix.row.column`. Its first segment is a top-level name. */
  question: string;
  message: string;
}

export const displayOnlyTypes = new Set(["html", "image"]);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Loose structural equality, as SurveyJS compares choice values that round-trip through JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

export type AnyQuestion = Question & Record<string, any>;

function selectableValues(q: AnyQuestion): ItemValue[] {
  const choices: ItemValue[] = q.visibleChoices ?? [];
  return choices.filter((c) => c !== q.selectAllItem);
}

/**
 * Whether the other item's text is stored in the value itself instead of the `-Comment` key. survey-core
 * decides it (getStoreOthersAsComment): `storeOthersAsComment: false` on the question or on the survey, a
 * question that also shows a comment area (the `-Comment` key is the comment's then), or a checkbox with
 * `valuePropertyName`.
 */
function storesOtherInValue(q: AnyQuestion): boolean {
  if (!q.hasOther) return false;
  if (typeof q.getStoreOthersAsComment === "function") return q.getStoreOthersAsComment() === false;
  return q.storeOthersAsComment === false;
}

/** Text inputs whose value is a number: number and range inputs, and numeric or currency input masks. */
function storesNumber(q: Record<string, any>): boolean {
  if (q.inputType === "number" || q.inputType === "range") return true;
  const maskType = (q.maskType ?? q.editor?.maskType) as string | undefined;
  const maskSettings = (q.maskSettings ?? q.editor?.maskSettings) as { saveMaskedValue?: boolean } | undefined;
  return (maskType === "numeric" || maskType === "currency") && !maskSettings?.saveMaskedValue;
}

/**
 * The checks survey-core lets through: it accepts a string in a number question, deletes a value outside
 * the choices without an error (or silently moves it into the comment), and accepts any rating or boolean.
 */
export function checkValue(q: AnyQuestion, value: unknown, path: string, issues: AnswerIssue[]): void {
  if (isEmpty(value)) return;
  const fail = (message: string): void => void issues.push({ question: path, message });
  const type = q.getType();
  switch (type) {
    case "text": {
      if (storesNumber(q)) {
        if (typeof value !== "number" || !Number.isFinite(value)) return fail("must be a number");
        const min = Number(q.min);
        const max = Number(q.max);
        if (q.min !== undefined && q.min !== "" && Number.isFinite(min) && value < min)
          return fail(`must be at least ${min}`);
        if (q.max !== undefined && q.max !== "" && Number.isFinite(max) && value > max)
          return fail(`must be at most ${max}`);
      } else if (typeof value !== "string") return fail("must be text");
      return checkLength(q, value, fail);
    }
    case "comment":
      if (typeof value !== "string") return fail("must be text");
      return checkLength(q, value, fail);
    case "radiogroup":
    case "dropdown":
    case "buttongroup":
      return checkChoice(q, value, fail);
    case "imagepicker":
      if (q.multiSelect) return checkChoices(q, value, fail);
      return checkChoice(q, value, fail);
    case "checkbox":
    case "tagbox":
      return checkChoices(q, value, fail);
    case "ranking": {
      if (!Array.isArray(value)) return fail("must be a list of choices");
      const allowed = selectableValues(q);
      if (value.some((v) => !allowed.some((c) => sameValue(c.value, v))))
        return fail("contains a value that is not one of the choices");
      if (new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail("ranks a choice twice");
      return;
    }
    case "rating": {
      const allowed: ItemValue[] = q.visibleRateValues ?? [];
      if (!allowed.some((c) => sameValue(c.value, value)))
        fail(`must be one of ${allowed.map((c) => String(c.value)).join(", ")}`);
      return;
    }
    case "boolean": {
      const yes = q.valueTrue ?? true;
      const no = q.valueFalse ?? false;
      if (!sameValue(value, yes) && !sameValue(value, no)) fail(`must be ${String(yes)} or ${String(no)}`);
      return;
    }
    case "matrix":
      return checkMatrix(q, value, path, issues);
    case "matrixdropdown":
      return checkMatrixDropdown(q, value, path, issues);
    case "matrixdynamic":
      return checkMatrixDynamic(q, value, path, issues);
    case "paneldynamic":
      return checkPanelDynamic(q, value, path, issues);
    case "multipletext":
      return checkMultipleText(q, value, path, issues);
    case "slider": {
      const values = Array.isArray(value) ? value : [value];
      if (!values.every((v) => typeof v === "number" && Number.isFinite(v))) return fail("must be a number");
      return;
    }
    default:
      // expression (computed), file, signaturepad and custom types carry values of their own making.
      return;
  }
}

/** The browser's input stops at maxLength (the question's, else the survey's maxTextLength); survey-core does not check it. */
function checkLength(q: AnyQuestion, value: unknown, fail: (m: string) => void): void {
  if (typeof value !== "string") return;
  const max: number = typeof q.getMaxLength === "function" ? q.getMaxLength() : Number(q.maxLength);
  if (max > 0 && value.length > max) fail(`must be at most ${max} characters`);
}

function checkChoice(q: AnyQuestion, value: unknown, fail: (m: string) => void): void {
  if (q.choicesByUrl?.url) return; // choices come from a web service the server cannot see
  if (Array.isArray(value) || isPlainObject(value)) return fail("must be a single choice");
  if (selectableValues(q).some((c) => sameValue(c.value, value))) return;
  if (storesOtherInValue(q) && typeof value === "string") return;
  fail(`"${String(value)}" is not one of the choices`);
}

function checkChoices(q: AnyQuestion, stored: unknown, fail: (m: string) => void): void {
  if (!Array.isArray(stored)) return fail("must be a list of choices");
  // With valuePropertyName a checkbox stores [{ <name>: value }, ...] instead of [value, ...].
  const property: string | undefined = q.getValuePropertyName?.() || undefined;
  if (property && !stored.every((v) => isPlainObject(v) && property in v))
    return fail(`must be a list of objects with "${property}"`);
  const value = property ? stored.map((v: Record<string, unknown>) => v[property]) : stored;
  if (q.choicesByUrl?.url) return;
  const allowed = selectableValues(q);
  let freeText = 0;
  for (const v of value) {
    if (allowed.some((c) => sameValue(c.value, v))) continue;
    if (storesOtherInValue(q) && typeof v === "string" && freeText++ === 0) continue;
    return fail(`"${String(v)}" is not one of the choices`);
  }
  if (new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return fail("selects a choice twice");
  const max = Number(q.maxSelectedChoices);
  if (max > 0 && value.length > max) fail(`select at most ${max}`);
}

function checkMatrix(q: AnyQuestion, value: unknown, path: string, issues: AnswerIssue[]): void {
  if (!isPlainObject(value)) return void issues.push({ question: path, message: "must be an object of rows" });
  const rows: ItemValue[] = q.visibleRows?.map((r: { item: ItemValue }) => r.item) ?? q.rows ?? [];
  const columns: ItemValue[] = q.visibleColumns ?? q.columns ?? [];
  for (const [row, cell] of Object.entries(value)) {
    if (!rows.some((r) => String(r.value) === row)) {
      issues.push({ question: `${path}.${row}`, message: "unknown row" });
      continue;
    }
    const cells = Array.isArray(cell) ? cell : [cell];
    if (!cells.every((v) => columns.some((c) => sameValue(c.value, v)))) {
      issues.push({ question: `${path}.${row}`, message: `"${String(cell)}" is not one of the columns` });
    }
  }
}

function checkRowCells(
  row: { getQuestionByColumnName(name: string): Question | null },
  cells: unknown,
  path: string,
  issues: AnswerIssue[],
): void {
  if (!isPlainObject(cells)) return void issues.push({ question: path, message: "must be an object of columns" });
  for (const [column, cell] of Object.entries(cells)) {
    const base = column.endsWith(settings.commentSuffix) ? column.slice(0, -settings.commentSuffix.length) : column;
    const cellQuestion = row.getQuestionByColumnName(base) as AnyQuestion | null;
    if (!cellQuestion) {
      issues.push({ question: `${path}.${column}`, message: "unknown column" });
      continue;
    }
    if (base !== column) {
      if (typeof cell !== "string") issues.push({ question: `${path}.${column}`, message: "must be text" });
      continue;
    }
    if (cellQuestion.isVisible) checkValue(cellQuestion, cell, `${path}.${column}`, issues);
  }
}

function checkMatrixDropdown(q: AnyQuestion, value: unknown, path: string, issues: AnswerIssue[]): void {
  if (!isPlainObject(value)) return void issues.push({ question: path, message: "must be an object of rows" });
  const rows: Array<{ rowName: unknown; getQuestionByColumnName(n: string): Question | null }> = q.visibleRows ?? [];
  for (const [rowName, cells] of Object.entries(value)) {
    const row = rows.find((r) => String(r.rowName) === rowName);
    if (!row) issues.push({ question: `${path}.${rowName}`, message: "unknown row" });
    else checkRowCells(row, cells, `${path}.${rowName}`, issues);
  }
}

function checkMatrixDynamic(q: AnyQuestion, value: unknown, path: string, issues: AnswerIssue[]): void {
  if (!Array.isArray(value)) return void issues.push({ question: path, message: "must be a list of rows" });
  // The browser offers no "add" beyond maxRowCount and no "remove" below minRowCount.
  if (value.length > q.maxRowCount)
    return void issues.push({ question: path, message: `must have at most ${q.maxRowCount} rows` });
  if (value.length > 0 && value.length < q.minRowCount)
    return void issues.push({ question: path, message: `must have at least ${q.minRowCount} rows` });
  const rows: Array<{ getQuestionByColumnName(n: string): Question | null }> = q.visibleRows ?? [];
  value.forEach((cells, i) => {
    const row = rows[i];
    if (!row) issues.push({ question: `${path}[${i}]`, message: "unexpected row" });
    else checkRowCells(row, cells, `${path}[${i}]`, issues);
  });
}

/**
 * Dynamic panels that share this one's valueName: one value whose panels hold the questions of all of them (names
 * on one page, details on the next), so a key is known when any of them has it.
 */
export function panelsSharingValue(q: AnyQuestion): AnyQuestion[] {
  const sharing = (q.survey?.getQuestionsByValueName?.(q.getValueName()) ?? []) as AnyQuestion[];
  const panels = sharing.filter((s) => s.getType() === "paneldynamic" && s.parentQuestion === q.parentQuestion);
  return panels.includes(q) ? panels : [q];
}

function checkPanelDynamic(q: AnyQuestion, value: unknown, path: string, issues: AnswerIssue[]): void {
  if (!Array.isArray(value)) return void issues.push({ question: path, message: "must be a list of panels" });
  const sharing = panelsSharingValue(q);
  // The browser offers no "add" beyond maxPanelCount and no "remove" below minPanelCount.
  const max = Math.min(...sharing.map((s) => Number(s.maxPanelCount)));
  const min = Math.max(...sharing.map((s) => Number(s.minPanelCount) || 0));
  if (value.length > max) return void issues.push({ question: path, message: `must have at most ${max} panels` });
  if (value.length > 0 && value.length < min)
    return void issues.push({ question: path, message: `must have at least ${min} panels` });
  const panels: Array<{ questions: AnyQuestion[] }> = q.panels ?? [];
  value.forEach((item, i) => {
    const panelPath = `${path}[${i}]`;
    const panel = panels[i];
    if (!isPlainObject(item)) return void issues.push({ question: panelPath, message: "must be an object of answers" });
    if (!panel) return void issues.push({ question: panelPath, message: "unexpected panel" });
    const known = allowedKeys(panel.questions);
    const knownToSharing = new Set(
      sharing.flatMap((s) => [...allowedKeys((s.panels as Array<{ questions: Question[] }>)[i]?.questions ?? [])]),
    );
    for (const [key, answer] of Object.entries(item)) {
      if (!known.has(key) && knownToSharing.has(key)) continue; // the other panel's question, checked there
      if (!known.has(key)) {
        issues.push({ question: `${panelPath}.${key}`, message: "unknown question" });
        continue;
      }
      const nested = panel.questions.find((n) => n.getValueName() === key);
      if (nested && nested.isVisible && nested.isParentVisible)
        checkValue(nested, answer, `${panelPath}.${key}`, issues);
    }
  });
}

function checkMultipleText(q: AnyQuestion, value: unknown, path: string, issues: AnswerIssue[]): void {
  if (!isPlainObject(value)) return void issues.push({ question: path, message: "must be an object of items" });
  const items: Array<Record<string, any> & { name: string }> = q.items ?? [];
  for (const [name, answer] of Object.entries(value)) {
    const item = items.find((it) => it.name === name);
    if (!item) issues.push({ question: `${path}.${name}`, message: "unknown item" });
    else if (isEmpty(answer)) continue;
    else if (storesNumber(item) ? typeof answer !== "number" || !Number.isFinite(answer) : typeof answer !== "string") {
      issues.push({ question: `${path}.${name}`, message: storesNumber(item) ? "must be a number" : "must be text" });
    }
  }
}

/** Keys an answer set may hold for these questions: value names and their `-Comment` companions. */
export function allowedKeys(questions: Question[]): Set<string> {
  const keys = new Set<string>();
  for (const question of questions) {
    if (displayOnlyTypes.has(question.getType())) continue;
    const q = question as AnyQuestion;
    keys.add(q.getValueName());
    if (q.hasComment || q.hasOther || q.showCommentArea) keys.add(q.getValueName() + settings.commentSuffix);
    // A matrix with column totals puts them in the results under `<name>-total`: the browser sends them.
    if (q.hasTotal) keys.add(q.getValueName() + settings.matrix.totalsSuffix);
  }
  return keys;
}

/**
 * Clears a reused model before and after each use. survey.clear() keeps as many dynamic panels as the last
 * answers had (in the panels, and in the `panelCount` property that survey-core falls back on when a value is
 * empty), so the next answer set would be checked against those empty panels, their required questions failing:
 * the count the questionnaire declares is put back.
 */
export function clearSurvey(survey: SurveyModel): void {
  survey.clear(true, true);
  for (const q of survey.getAllQuestions(false, false, false)) {
    if (q.getType() !== "paneldynamic") continue;
    // survey-core keeps the JSON each element was loaded from.
    const declared = Number((q as unknown as { jsonObj?: { panelCount?: unknown } }).jsonObj?.panelCount) || 0;
    q.setPropertyValue("panelCount", declared);
    (q as AnyQuestion).panelCount = declared;
  }
}
