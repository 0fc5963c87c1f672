import safeRegex from "safe-regex2";
import { inWords, said, type Said } from "../i18n/details.ts";
import type { LintIssue } from "../scoring/scoring-model.ts";

/**
 * Limits on a questionnaire's structure, checked on its JSON before survey-core builds a model of it: building
 * expands every dynamic panel the JSON asks for (panelCount panels, each with its own nested dynamic panels), so
 * ten levels of two panels each, under a kilobyte, would make a thousand panels and block for minutes.
 */
export const structureLimits = {
  /**
   * Dynamic panels (or matrix detail panels) inside one another. survey-core's cost grows fast with depth: three
   * levels of three panels take it over a second to build, two levels of five half a second.
   */
  maxDynamicNesting: 2,
  /**
   * Panels and rows a model starts with along one path of nested dynamic panels (panelCount x panelCount x ...):
   * a hundred nested ones take survey-core seconds.
   */
  maxInitialItems: 25,
  /** Nesting of the JSON itself (objects and arrays): beyond this, it is not a questionnaire a person wrote. */
  maxJsonDepth: 64,
} as const;

/** Elements that hold no answer: survey-core invents their names harmlessly. */
const displayOnlyTypes = new Set(["html", "image"]);
const regexValidatorTypes = new Set(["regex", "regexvalidator"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonDepth(root: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[root, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== "object" || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > structureLimits.maxJsonDepth) return deepest;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function hasName(node: Record<string, unknown>): boolean {
  return typeof node.name === "string" && node.name.trim() !== "" ? true : typeof node.name === "number";
}

/** An element in words: by its name, else by its type ("a question of type "text""). */
function describe(node: Record<string, unknown>): Said {
  if (hasName(node)) return said("lint.named", { name: String(node.name) });
  const type = typeof node.type === "string" ? node.type : "element";
  return type === "panel" ? said("lint.aPanel") : said("lint.aQuestionOfType", { type });
}

/** The number of items survey-core builds for a dynamic question when it loads the JSON. */
function initialItems(node: Record<string, unknown>): number {
  const counts = [node.panelCount, node.minPanelCount, node.rowCount, node.minRowCount].map((v) => Number(v) || 0);
  // A dynamic matrix starts with 2 rows unless told otherwise.
  const fallback = node.type === "matrixdynamic" && node.rowCount === undefined ? 2 : 1;
  return Math.max(fallback, ...counts);
}

interface Scope {
  field: string;
  dynamicDepth: number;
  items: number;
}

/**
 * What survey-core would accept but Sapat cannot serve: an element or page without a name (survey-core invents
 * one, so answers would be keyed by a name that changes when the questionnaire is edited), a regular expression
 * validator that can backtrack catastrophically (an answer could then hold a worker for minutes), and dynamic
 * panels nested or multiplied beyond structureLimits. Each issue names where.
 */
export function lintStructure(json: Record<string, unknown>): LintIssue[] {
  if (jsonDepth(json) > structureLimits.maxJsonDepth) {
    return [{ field: "json", ...inWords("lint.tooDeep", { count: structureLimits.maxJsonDepth }) }];
  }
  const issues: LintIssue[] = [];
  const pages = Array.isArray(json.pages) ? json.pages : [];
  pages.forEach((page, i) => {
    const field = `pages[${i}]`;
    if (!isPlainObject(page)) return;
    if (!hasName(page)) issues.push({ field: `${field}.name`, ...inWords("lint.pageNeedsName") });
    visitElements(page.elements, { field: `${field}.elements`, dynamicDepth: 0, items: 1 }, issues);
  });
  for (const key of ["elements", "questions"]) {
    visitElements(json[key], { field: key, dynamicDepth: 0, items: 1 }, issues);
  }
  return issues;
}

function visitElements(elements: unknown, scope: Scope, issues: LintIssue[]): void {
  if (!Array.isArray(elements)) return;
  elements.forEach((element, i) => {
    if (!isPlainObject(element)) return;
    visitElement(element, { ...scope, field: `${scope.field}[${i}]` }, issues);
  });
}

function visitElement(node: Record<string, unknown>, scope: Scope, issues: LintIssue[]): void {
  const { field } = scope;
  const name = hasName(node) ? String(node.name) : null;
  const label = describe(node);
  if (name === null && !displayOnlyTypes.has(String(node.type))) {
    issues.push({ field: `${field}.name`, ...inWords("lint.elementNeedsName", { element: label }) });
  }
  lintValidators(node.validators, label, `${field}.validators`, issues);
  // Columns of dropdown and dynamic matrices, and items of a multiple text, key the answers as questions do (the
  // columns of a single-choice matrix are choices, with values).
  const named = String(node.type).startsWith("matrixd") ? ["columns"] : node.type === "multipletext" ? ["items"] : [];
  for (const key of named) {
    if (!Array.isArray(node[key])) continue;
    (node[key] as unknown[]).forEach((child, i) => {
      if (!isPlainObject(child)) return;
      const at = `${field}.${key}[${i}]`;
      if (!hasName(child)) {
        const words = key === "columns" ? "lint.columnNeedsName" : "lint.itemNeedsName";
        issues.push({ field: `${at}.name`, ...inWords(words, { element: label }) });
      }
      const childLabel = said("lint.named", { name: `${name ?? ""}.${String(child.name)}` });
      lintValidators(child.validators, childLabel, `${at}.validators`, issues);
    });
  }

  const isDynamic = node.type === "paneldynamic" || Array.isArray(node.detailElements);
  let inner = scope;
  if (isDynamic || node.type === "matrixdynamic") {
    const items = scope.items * initialItems(node);
    const dynamicDepth = scope.dynamicDepth + (isDynamic ? 1 : 0);
    if (dynamicDepth > structureLimits.maxDynamicNesting) {
      issues.push({
        field,
        ...inWords("lint.dynamicTooDeep", {
          element: label,
          depth: dynamicDepth,
          max: structureLimits.maxDynamicNesting,
        }),
      });
      return;
    }
    if (items > structureLimits.maxInitialItems) {
      issues.push({
        field,
        ...inWords("lint.tooManyItems", { element: label, count: items, max: structureLimits.maxInitialItems }),
      });
      return;
    }
    inner = { field, dynamicDepth, items };
  }
  visitElements(node.elements, { ...inner, field: `${field}.elements` }, issues);
  visitElements(node.templateElements, { ...inner, field: `${field}.templateElements` }, issues);
  visitElements(node.detailElements, { ...inner, field: `${field}.detailElements` }, issues);
}

function lintValidators(validators: unknown, label: Said, field: string, issues: LintIssue[]): void {
  if (!Array.isArray(validators)) return;
  validators.forEach((validator, i) => {
    if (!isPlainObject(validator) || !regexValidatorTypes.has(String(validator.type))) return;
    const pattern = validator.regex;
    if (typeof pattern !== "string" || pattern === "") return;
    const at = `${field}[${i}].regex`;
    try {
      new RegExp(pattern);
    } catch {
      return void issues.push({ field: at, ...inWords("lint.notRegex", { element: label, pattern }) });
    }
    if (!safeRegex(pattern)) {
      issues.push({
        field: at,
        ...inWords("lint.unsafeRegex", { element: label, pattern }),
      });
    }
  });
}
