import { inWords } from "../i18n/details.ts";
import type { XlsformRow, XlsformSheets } from "./read-xlsform.ts";
import { XlsformError, type XlsformProblem } from "./xlsform-error.ts";
import {
  ExpressionError,
  translateExpression,
  type ExpressionScope,
  type ReferenceTarget,
} from "./xlsform-expression.ts";
import { localizedText, readLanguages, type Languages, type LocalizedText } from "./xlsform-languages.ts";
import { numericScoringSettings, parseRule, RuleError, scoringSettings } from "./xlsform-scoring.ts";

// An XLSForm (read by read-xlsform.ts) as a SurveyJS questionnaire. Pure: no I/O. Every construct it cannot
// express with the same meaning is a problem naming its place; all problems are collected, then thrown at once.

export interface Conversion {
  json: Record<string, unknown>;
  /** What was left out or approximated, each naming its row. */
  warnings: string[];
  /** The form_id of the settings sheet, if any. */
  formId: string | null;
  /** Question name -> the survey row it came from, to point lint problems at their place. */
  places: Map<string, { sheet: string; row: number }>;
}

type Json = Record<string, unknown>;

/** A problem in words: English, and what says it in the reader's language. */
type Words = ReturnType<typeof inWords>;

interface Choice {
  row: XlsformRow;
  name: string;
}

/** A question's name and what an expression elsewhere may do with it. */
interface Declared {
  kind: ReferenceTarget["kind"];
  /** The repeat it is inside (the innermost), or null. */
  repeat: string | null;
  row: XlsformRow;
}

const metadataTypes = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "start-geopoint",
  "background-audio",
  "hidden",
  "uri:deviceid",
]);

const yes = new Set(["yes", "true", "true()", "1", "y"]);
const no = new Set(["", "no", "false", "false()", "0", "n"]);

const textInputTypes: Record<string, string | null> = {
  text: null,
  integer: "number",
  decimal: "number",
  date: "date",
  time: "time",
  datetime: "datetime-local",
};

function normalizeType(raw: string): string[] {
  const words = raw.trim().split(/\s+/);
  // "begin group", "select one" and "select_one" are all written in the wild.
  if (words.length >= 2 && ["begin", "end", "select"].includes(words[0]!.toLowerCase())) {
    const joined = `${words[0]!.toLowerCase()}_${words[1]!.toLowerCase()}`;
    return [joined, ...words.slice(2)];
  }
  return [words[0]!.toLowerCase(), ...words.slice(1)];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>");
}

function mapText(text: LocalizedText, fn: (t: string) => string): LocalizedText {
  if (typeof text === "string") return fn(text);
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, fn(v)]));
}

function isNumeric(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text.trim());
}

class Converter {
  readonly problems: XlsformProblem[] = [];
  readonly warnings: string[] = [];
  readonly places = new Map<string, { sheet: string; row: number }>();
  private readonly declared = new Map<string, Declared>();
  private readonly lists = new Map<string, Choice[]>();
  private readonly calculated: Json[] = [];
  private readonly settings = new Map<string, string>();
  private languages: Languages = { defaultSuffix: null, codes: new Map() };
  private readonly dimensionsUsed: string[] = [];

  constructor(private readonly sheets: XlsformSheets) {}

  problem(row: XlsformRow | null, column: string | undefined, words: Words, sheet = "survey"): void {
    this.problems.push({
      sheet: row?.sheet ?? sheet,
      row: row?.row ?? 0,
      ...(column === undefined ? {} : { column: row?.cells.get(column)?.column ?? column }),
      ...words,
    });
  }

  cell(row: XlsformRow, column: string): string {
    return row.cells.get(column)?.value ?? "";
  }

  convert(): Conversion {
    this.readSettings();
    this.languages = readLanguages(
      [...this.sheets.survey, ...this.sheets.choices, ...this.sheets.dimensions],
      this.settings.get("default_language") ?? null,
      this.problems,
    );
    this.readChoices();
    this.declare();
    const pages = this.buildPages();
    const json: Json = {};
    const title = this.settings.get("form_title");
    const titles = this.sheets.settings[0]
      ? localizedText(this.sheets.settings[0], "form_title", this.languages)
      : undefined;
    if (titles) json.title = titles;
    else if (title) json.title = title;
    json.showQuestionNumbers = "off";
    json.pages = pages;
    if (this.calculated.length > 0) json.calculatedValues = this.calculated;
    const scoring = this.buildScoring();
    if (scoring) json.scoring = scoring;
    if (this.problems.length > 0) throw new XlsformError("The XLSForm cannot be converted", this.problems);
    return { json, warnings: this.warnings, formId: this.settings.get("form_id") ?? null, places: this.places };
  }

  readSettings(): void {
    const [first, ...rest] = this.sheets.settings;
    if (!first) return;
    for (const [key, cell] of first.cells) this.settings.set(key, cell.value);
    if (rest.length > 0) this.warnings.push(`settings: only row ${first.row} is read; rows after it are ignored`);
  }

  readChoices(): void {
    for (const row of this.sheets.choices) {
      const list = this.cell(row, "list_name");
      const name = this.cell(row, "name") || this.cell(row, "value");
      if (!list) {
        this.problem(row, "list_name", inWords("xlsform.choiceNeedsList"));
        continue;
      }
      if (!name) {
        this.problem(row, "name", inWords("xlsform.choiceNeedsName", { list }));
        continue;
      }
      const choices = this.lists.get(list) ?? [];
      if (choices.some((c) => c.name === name))
        this.problem(row, "name", inWords("xlsform.choiceTwice", { list, name }));
      choices.push({ row, name });
      this.lists.set(list, choices);
    }
  }

  /** First pass: every name, its kind and its repeat, so that expressions may name questions further down. */
  declare(): void {
    const repeats: string[] = [];
    for (const row of this.sheets.survey) {
      const typeText = this.cell(row, "type");
      if (!typeText) continue;
      const [type] = normalizeType(typeText);
      const name = this.cell(row, "name");
      if (type === "end_repeat") repeats.pop();
      if (type!.startsWith("end_") || !name) continue;
      if (this.declared.has(name)) {
        this.problem(row, "name", inWords("xlsform.nameTwice", { name, row: this.declared.get(name)!.row.row }));
        continue;
      }
      const kind = type === "select_one" ? "select_one" : type === "select_multiple" ? "select_multiple" : "value";
      this.declared.set(name, { kind, repeat: repeats.at(-1) ?? null, row });
      if (type === "begin_repeat") repeats.push(name);
    }
  }

  scope(repeat: string | null, current: string | null, choice?: Choice): ExpressionScope {
    const reference = (name: string): ReferenceTarget | null => {
      const found = this.declared.get(name);
      if (!found) return null;
      if (found.repeat === null) return { path: name, kind: found.kind };
      if (found.repeat === repeat) return { path: `panel.${name}`, kind: found.kind };
      throw new ExpressionError(
        `\${${name}} is inside the repeat "${found.repeat}" and cannot be read from here (SurveyJS has no nodeset expressions)`,
      );
    };
    return {
      reference,
      current: current ? reference(current) : null,
      ...(choice
        ? {
            choiceColumn: (column: string) =>
              column === "name" ? choice.name : (choice.row.cells.get(column)?.value ?? null),
          }
        : {}),
    };
  }

  expression(row: XlsformRow, column: string, scope: ExpressionScope): string | undefined {
    const text = this.cell(row, column);
    if (!text) return undefined;
    try {
      return translateExpression(text, scope);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.problem(row, column, inWords("xlsform.cannotTranslate", { text, reason: error.message }));
      return undefined;
    }
  }

  /** A label or hint in every language, with `${name}` turned into SurveyJS's `{name}` text piping. */
  text(row: XlsformRow, column: string, repeat: string | null): LocalizedText | undefined {
    const scope = this.scope(repeat, null);
    return localizedText(row, column, this.languages, (text, header) =>
      text.replace(/\$\{\s*([^}\s]*)\s*\}/g, (whole, name: string) => {
        try {
          const target = scope.reference(name);
          if (target) return `{${target.path}}`;
          this.problem(row, header, inWords("xlsform.referenceUnknown", { reference: `\${${name}}` }));
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          this.problem(row, header, inWords("xlsform.notTranslated", { reason: error.message }));
        }
        return whole;
      }),
    );
  }

  buildPages(): Json[] {
    type Frame = {
      kind: "group" | "repeat" | "root";
      row: XlsformRow | null;
      node: Json;
      elements: Json[];
      page: boolean;
    };
    const root: Frame = { kind: "root", row: null, node: {}, elements: [], page: false };
    const stack: Frame[] = [root];
    // Top-level items in order: field-list groups become pages of their own, the rest share pages between them.
    const top: Array<{ page: Json } | { element: Json }> = [];
    const repeatOf = () => [...stack].reverse().find((f) => f.kind === "repeat")?.node.name as string | undefined;

    for (const row of this.sheets.survey) {
      const typeText = this.cell(row, "type");
      if (!typeText) {
        if (row.cells.size > 0 && this.cell(row, "name")) this.problem(row, "type", inWords("xlsform.nameWithoutType"));
        continue;
      }
      const [type, ...args] = normalizeType(typeText);
      const frame = stack.at(-1)!;
      const repeat = repeatOf() ?? null;
      if (type === "end_group" || type === "end_repeat") {
        const kind = type === "end_group" ? "group" : "repeat";
        if (frame.kind !== kind) {
          this.problem(
            row,
            "type",
            frame.kind === "root"
              ? inWords("xlsform.endWithoutBegin", { type, kind })
              : inWords("xlsform.endCloses", {
                  type,
                  kind: frame.kind,
                  name: String(frame.node.name),
                  row: frame.row!.row,
                }),
          );
          continue;
        }
        stack.pop();
        if (frame.page) top.push({ page: frame.node });
        else if (stack.length === 1) top.push({ element: frame.node });
        else stack.at(-1)!.elements.push(frame.node);
        continue;
      }
      const name = this.cell(row, "name");
      if (!name && !metadataTypes.has(type!)) {
        this.problem(row, "name", inWords("xlsform.rowNeedsName", { type: type! }));
        continue;
      }
      if (name && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
        this.problem(row, "name", inWords("xlsform.invalidName", { name }));
        continue;
      }
      if (type === "begin_group" || type === "begin_repeat") {
        const node = this.container(row, type, name, repeat);
        const fieldList = this.cell(row, "appearance").split(/\s+/).includes("field-list");
        const page = type === "begin_group" && fieldList && stack.length === 1;
        node.elements = [];
        const elements = node.elements as Json[];
        if (type === "begin_repeat") {
          delete node.elements;
          node.templateElements = elements;
        }
        stack.push({ kind: type === "begin_group" ? "group" : "repeat", row, node, elements, page });
        continue;
      }
      const element = this.question(row, type!, args, name, repeat);
      if (!element) continue;
      if (stack.length === 1) top.push({ element });
      else frame.elements.push(element);
    }
    for (const open of stack.slice(1).reverse()) {
      this.problem(open.row, "type", inWords("xlsform.neverClosed", { kind: open.kind, name: String(open.node.name) }));
    }

    const pages: Json[] = [];
    let loose: Json[] = [];
    const flush = () => {
      if (loose.length > 0) pages.push({ name: `page${pages.length + 1}`, elements: loose });
      loose = [];
    };
    for (const item of top) {
      if ("page" in item) {
        flush();
        pages.push(item.page);
      } else loose.push(item.element);
    }
    flush();
    if (pages.length === 0 && this.problems.length === 0) this.problem(null, undefined, inWords("xlsform.noQuestions"));
    return pages;
  }

  container(row: XlsformRow, type: string, name: string, repeat: string | null): Json {
    this.places.set(name, { sheet: row.sheet, row: row.row });
    const node: Json = { type: type === "begin_group" ? "panel" : "paneldynamic", name };
    const title = this.text(row, "label", repeat);
    if (title) node.title = title;
    const description = this.text(row, "hint", repeat);
    if (description) node.description = description;
    const visibleIf = this.expression(row, "relevant", this.scope(repeat, null));
    if (visibleIf) node.visibleIf = visibleIf;
    for (const column of ["required", "constraint", "calculation", "default", "choice_filter"]) {
      if (this.cell(row, column)) this.problem(row, column, inWords("xlsform.noMeaning", { column, type }));
    }
    if (type === "begin_repeat") {
      const count = this.cell(row, "repeat_count");
      if (count && /^\d+$/.test(count)) {
        const n = Number(count);
        Object.assign(node, {
          panelCount: n,
          minPanelCount: n,
          maxPanelCount: n,
          allowAddPanel: false,
          allowRemovePanel: false,
        });
      } else if (count) {
        const target = /^\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}$/.exec(count);
        const declared = target ? this.declared.get(target[1]!) : undefined;
        if (!target)
          this.problem(row, "repeat_count", inWords("xlsform.repeatCountForm", { reference: "${question}" }));
        else if (!declared)
          this.problem(row, "repeat_count", inWords("xlsform.referenceUnknown", { reference: `\${${target[1]}}` }));
        else if (declared.repeat !== null)
          this.problem(row, "repeat_count", inWords("xlsform.referenceInRepeat", { reference: `\${${target[1]}}` }));
        else {
          // survey-core keeps the panel count equal to the bound question's value while answering; the validator
          // holds submitted answers to the same count.
          const q = target[1]!;
          Object.assign(node, {
            bindings: { panelCount: q },
            allowAddPanel: false,
            allowRemovePanel: false,
            validators: [
              {
                type: "expression",
                expression: `iif({${name}} empty, 0, {${name}.length}) = iif({${q}} empty, 0, {${q}})`,
                text: `The number of entries must equal the answer to ${q}`,
              },
            ],
          });
        }
      }
    }
    const appearance = this.cell(row, "appearance");
    for (const word of appearance.split(/\s+/).filter(Boolean)) {
      if (word !== "field-list")
        this.warnings.push(
          `survey row ${row.row}: appearance "${word}" of ${name} has no SurveyJS equivalent; ignored`,
        );
    }
    return node;
  }

  question(row: XlsformRow, type: string, args: string[], name: string, repeat: string | null): Json | null {
    if (metadataTypes.has(type)) {
      this.warnings.push(
        `survey row ${row.row}: ${type}${name ? ` (${name})` : ""} is device metadata Sapat records itself; left out`,
      );
      return null;
    }
    this.places.set(name, { sheet: row.sheet, row: row.row });
    const scope = this.scope(repeat, name);
    const appearance = this.cell(row, "appearance").split(/\s+/).filter(Boolean);
    const used = new Set<string>();
    const node: Json = { name };

    if (type === "calculate") {
      const expression = this.expression(row, "calculation", scope);
      if (!this.cell(row, "calculation"))
        this.problem(row, "calculation", inWords("xlsform.calculateNeedsCalculation"));
      if (repeat) this.problem(row, "type", inWords("xlsform.calculateInRepeat"));
      if (expression) this.calculated.push({ name, expression, includeIntoResult: true });
      return null;
    }
    if (this.cell(row, "calculation")) {
      this.problem(row, "calculation", inWords("xlsform.calculationOnRow", { type }));
    }

    if (type in textInputTypes) {
      const multiline = type === "text" && appearance.includes("multiline");
      node.type = multiline ? "comment" : "text";
      if (multiline) used.add("multiline");
      const inputType = textInputTypes[type];
      if (inputType) node.inputType = inputType;
      if (type === "integer") {
        node.validators = [{ type: "regex", regex: "^-?[0-9]+$", text: "Enter a whole number" }];
      }
    } else if (type === "select_one" || type === "select_multiple" || type === "rank") {
      const listName = args[0];
      const list = listName ? this.lists.get(listName) : undefined;
      if (!listName || !list) {
        this.problem(
          row,
          "type",
          listName ? inWords("xlsform.listNotInChoices", { list: listName }) : inWords("xlsform.needsList", { type }),
        );
        return null;
      }
      const extra = args.slice(1);
      if (type === "select_one") {
        node.type = appearance.includes("minimal") || appearance.includes("autocomplete") ? "dropdown" : "radiogroup";
      } else if (type === "select_multiple") {
        node.type = appearance.includes("minimal") || appearance.includes("autocomplete") ? "tagbox" : "checkbox";
      } else node.type = "ranking";
      for (const word of ["minimal", "autocomplete"]) if (appearance.includes(word)) used.add(word);
      if (
        appearance.some((a) => a === "horizontal" || a === "horizontal-compact" || a === "likert" || a === "columns")
      ) {
        node.colCount = 0;
        for (const word of ["horizontal", "horizontal-compact", "likert", "columns"]) used.add(word);
      }
      if (extra[0] === "or_other") {
        if (type === "rank") this.problem(row, "type", inWords("xlsform.orOtherRank"));
        node.showOtherItem = true;
      } else if (extra.length > 0) {
        this.problem(row, "type", inWords("xlsform.afterListName", { text: extra.join(" ") }));
      }
      node.choices = this.choices(row, list, repeat);
    } else if (type === "range") {
      const parameters = new Map(
        this.cell(row, "parameters")
          .split(/[\s;]+/)
          .filter(Boolean)
          .map((p) => p.split("=") as [string, string]),
      );
      const read = (key: string, fallback: number) => {
        const value = parameters.get(key);
        if (value === undefined) return fallback;
        if (!isNumeric(value)) this.problem(row, "parameters", inWords("xlsform.parameterNotNumber", { key, value }));
        return Number(value);
      };
      const start = read("start", 1);
      const end = read("end", 10);
      const step = read("step", 1);
      if (step <= 0 || start === end) this.problem(row, "parameters", inWords("xlsform.rangeShape"));
      // A text input of type range, not survey-core's slider: only the former checks min and max on validate().
      Object.assign(node, {
        type: "text",
        inputType: "range",
        min: Math.min(start, end),
        max: Math.max(start, end),
        step,
      });
    } else if (type === "note") {
      node.type = "html";
      const html = this.text(row, "label", repeat);
      node.html = html ? mapText(html, escapeHtml) : "";
      return node;
    } else if (type === "acknowledge") {
      Object.assign(node, { type: "boolean", renderAs: "checkbox", valueTrue: "OK" });
    } else {
      this.problem(row, "type", inWords("xlsform.typeNotConvertible", { type }));
      return null;
    }

    const title = this.text(row, "label", repeat);
    if (title) node.title = title;
    const description = this.text(row, "hint", repeat);
    if (description) node.description = description;
    this.applyRequired(row, node, scope, type);
    const visibleIf = this.expression(row, "relevant", scope);
    if (visibleIf) node.visibleIf = visibleIf;
    this.applyConstraint(row, node, scope);
    this.applyDefault(row, node, type, scope);
    const readOnly = this.cell(row, "read_only").toLowerCase();
    if (yes.has(readOnly)) node.readOnly = true;
    else if (!no.has(readOnly)) {
      const enableIf = this.expression(row, "read_only", scope);
      if (enableIf) node.enableIf = `!(${enableIf})`;
    }
    for (const word of appearance) {
      if (!used.has(word))
        this.warnings.push(
          `survey row ${row.row}: appearance "${word}" of ${name} has no SurveyJS equivalent; ignored`,
        );
    }
    this.applyScore(row, node);
    return node;
  }

  choices(row: XlsformRow, list: Choice[], repeat: string | null): Json[] {
    const filter = this.cell(row, "choice_filter");
    return list.map((choice) => {
      const out: Json = { value: choice.name };
      const text = this.text(choice.row, "label", repeat);
      if (text) out.text = text;
      const level = this.cell(choice.row, "sapat_level");
      if (level) {
        if (!isNumeric(level))
          this.problem(
            choice.row,
            "sapat_level",
            inWords("xlsform.notNumber", { column: "sapat_level", value: level }),
            "choices",
          );
        else out.level = Number(level);
      }
      if (filter) {
        // A choice_filter names the choices sheet's columns: each choice gets the filter with its own values in.
        const visibleIf = this.expression(row, "choice_filter", this.scope(repeat, null, choice));
        if (visibleIf) out.visibleIf = visibleIf;
      }
      return out;
    });
  }

  applyRequired(row: XlsformRow, node: Json, scope: ExpressionScope, type: string): void {
    const required = this.cell(row, "required");
    const message = localizedText(row, "required_message", this.languages);
    let isRequired = false;
    if (yes.has(required.toLowerCase())) isRequired = true;
    else if (!no.has(required.toLowerCase())) {
      const requiredIf = this.expression(row, "required", scope);
      if (requiredIf) node.requiredIf = requiredIf;
    }
    if (isRequired) node.isRequired = true;
    if (message) node.requiredErrorText = message;
    if (type === "acknowledge" && (isRequired || node.requiredIf)) {
      // An unticked box is a false answer to survey-core, which "required" accepts; XLSForm wants it ticked.
      const condition = node.requiredIf ? `!(${String(node.requiredIf)}) or ` : "";
      this.addValidator(node, {
        type: "expression",
        expression: `${condition}{${String(scope.current?.path)}} = 'OK'`,
        text: message ?? "Please tick this box",
      });
    }
  }

  addValidator(node: Json, validator: Json): void {
    node.validators = [...((node.validators as Json[] | undefined) ?? []), validator];
  }

  applyConstraint(row: XlsformRow, node: Json, scope: ExpressionScope): void {
    const constraint = this.expression(row, "constraint", scope);
    if (!constraint) return;
    const message = localizedText(row, "constraint_message", this.languages);
    // XLSForm checks a constraint only when the question is answered; survey-core runs it on empty answers too.
    this.addValidator(node, {
      type: "expression",
      expression: `{${scope.current!.path}} empty or (${constraint})`,
      text: message ?? "This answer is not allowed",
    });
  }

  applyDefault(row: XlsformRow, node: Json, type: string, scope: ExpressionScope): void {
    const value = this.cell(row, "default");
    if (!value) return;
    if (value.includes("${") || value.includes("(")) {
      const expression = this.expression(row, "default", scope);
      if (expression) node.defaultValueExpression = expression;
      return;
    }
    if (type === "integer" || type === "decimal" || type === "range") {
      if (!isNumeric(value)) this.problem(row, "default", inWords("xlsform.notNumber", { column: "default", value }));
      node.defaultValue = Number(value);
    } else if (type === "select_multiple" || type === "rank") node.defaultValue = value.split(/\s+/);
    else if (type === "acknowledge") node.defaultValue = value === "OK" ? "OK" : undefined;
    else node.defaultValue = value;
  }

  applyScore(row: XlsformRow, node: Json): void {
    const dimension = this.cell(row, "sapat_dimension");
    const rule = this.cell(row, "sapat_rule");
    const weight = this.cell(row, "sapat_weight");
    if (!dimension && !rule && !weight) return;
    if (!dimension) this.problem(row, "sapat_dimension", inWords("xlsform.scoredNeedsDimension"));
    if (!rule) this.problem(row, "sapat_rule", inWords("xlsform.scoredNeedsRule"));
    if (!dimension || !rule) return;
    let score: Json;
    try {
      score = parseRule(rule);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      this.problem(row, "sapat_rule", error.words);
      return;
    }
    score = { dimension, ...score };
    if (weight) {
      if (!isNumeric(weight))
        this.problem(row, "sapat_weight", inWords("xlsform.notNumber", { column: "sapat_weight", value: weight }));
      score.weight = Number(weight);
    }
    const applicable = this.expression(row, "sapat_relevant", this.scope(null, null));
    if (applicable) score.applicableIf = applicable;
    if (!this.dimensionsUsed.includes(dimension)) this.dimensionsUsed.push(dimension);
    node.score = score;
  }

  buildScoring(): Json | null {
    const defined = this.sheets.dimensions;
    if (this.dimensionsUsed.length === 0 && defined.length === 0) return null;
    const scoring: Json = {};
    for (const [column, key] of Object.entries(scoringSettings)) {
      const value = this.settings.get(column);
      if (value === undefined) continue;
      if (numericScoringSettings.has(key)) {
        if (!isNumeric(value))
          this.problem(this.sheets.settings[0]!, column, inWords("xlsform.notNumber", { column, value }), "settings");
        scoring[key] = Number(value);
      } else scoring[key] = value;
    }
    scoring.id ??= this.settings.get("form_id") ?? "xlsform";
    scoring.version ??= this.settings.get("version") ?? "1";
    const dimensions: Json[] = [];
    for (const row of defined) {
      const id = this.cell(row, "name");
      if (!id) {
        this.problem(row, "name", inWords("xlsform.dimensionNeedsName"));
        continue;
      }
      const dimension: Json = { id, title: this.text(row, "label", null) ?? id };
      const weight = this.cell(row, "weight");
      if (weight) {
        if (!isNumeric(weight))
          this.problem(row, "weight", inWords("xlsform.notNumber", { column: "weight", value: weight }));
        dimension.weight = Number(weight);
      }
      const applicableIf = this.expression(row, "relevant", this.scope(null, null));
      if (applicableIf) dimension.applicableIf = applicableIf;
      dimensions.push(dimension);
    }
    const known = new Set(dimensions.map((d) => d.id));
    for (const id of this.dimensionsUsed) {
      if (known.has(id)) continue;
      if (defined.length > 0) {
        const row = this.sheets.survey.find((r) => this.cell(r, "sapat_dimension") === id) ?? null;
        this.problem(row, "sapat_dimension", inWords("xlsform.dimensionNotInSheet", { id }));
      } else dimensions.push({ id, title: id });
    }
    scoring.dimensions = dimensions;
    return scoring;
  }
}

/** Converts the sheets of an XLSForm; throws XlsformError with every problem found. */
export function convertXlsform(sheets: XlsformSheets): Conversion {
  return new Converter(sheets).convert();
}
