import { toXlsformExpression, UntranslatableError, type BackScope } from "./surveyjs-expression.ts";
import { formatRule, scoringSettings } from "./xlsform-scoring.ts";

// A SurveyJS questionnaire written back as XLSForm sheets (plain rows; write-xlsform.ts makes the file). Pure.
// What XLSForm cannot say is left out of the form and listed in a `notes` sheet, so nothing is lost silently.

type Json = Record<string, any>;
export type Sheet = Array<Array<string | number>>;

export interface XlsformSheetsOut {
  survey: Sheet;
  choices: Sheet;
  settings: Sheet;
  sapat_dimensions: Sheet | null;
  notes: Sheet;
}

const languageNames: Record<string, string> = { en: "English", ru: "Russian", ky: "Kyrgyz" };

const inputTypes: Record<string, string> = {
  number: "decimal",
  date: "date",
  time: "time",
  "datetime-local": "datetime",
};

class Exporter {
  readonly survey: Json[] = [];
  readonly choices: Json[] = [];
  readonly notes: Sheet = [["element", "note"]];
  readonly languages = new Set<string>();
  private readonly multiple = new Set<string>();

  constructor(private readonly json: Json) {}

  note(element: string, message: string): void {
    this.notes.push([element, message]);
  }

  /** Writes a localizable text into `column` and `column::Language (code)` keys. */
  text(row: Json, column: string, value: unknown): void {
    if (value === undefined || value === null || value === "") return;
    if (typeof value === "string") {
      row[column] = value.replace(/\{(panel\.)?([A-Za-z_][A-Za-z0-9_.-]*)\}/g, "${$2}");
      return;
    }
    if (typeof value === "object") {
      for (const [code, text] of Object.entries(value as Record<string, string>)) {
        if (code === "default") this.text(row, column, text);
        else {
          this.languages.add(code);
          this.text(row, `${column}::${code}`, text);
        }
      }
    }
  }

  scope(current: string): BackScope {
    return {
      name: (variable) => {
        const name = variable.startsWith("panel.") ? variable.slice("panel.".length) : variable;
        return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : null;
      },
      current,
      isMultiple: (name) => this.multiple.has(name),
    };
  }

  expression(row: Json, column: string, expression: unknown, element: string, current: string): void {
    if (typeof expression !== "string" || expression === "") return;
    try {
      row[column] = toXlsformExpression(expression, this.scope(current));
    } catch (error) {
      if (!(error instanceof UntranslatableError)) throw error;
      this.note(element, `${column} "${expression}" not exported: ${error.message}`);
    }
  }

  collectMultiple(elements: Json[]): void {
    for (const e of elements ?? []) {
      if (e.type === "checkbox" || e.type === "tagbox" || e.type === "ranking") this.multiple.add(e.name);
      this.collectMultiple(e.elements ?? e.templateElements ?? []);
    }
  }

  run(): void {
    const pages: Json[] = this.json.pages ?? [{ elements: this.json.elements ?? this.json.questions ?? [] }];
    for (const page of pages) this.collectMultiple(page.elements ?? []);
    const pageGroups = pages.length > 1 || pages.some((p) => p.title || p.visibleIf);
    for (const page of pages) {
      if (pageGroups) {
        const row: Json = { type: "begin_group", name: page.name ?? "page", appearance: "field-list" };
        this.text(row, "label", page.title);
        this.expression(row, "relevant", page.visibleIf, `page ${String(page.name)}`, "");
        this.survey.push(row);
      }
      for (const element of page.elements ?? []) this.element(element, "");
      if (pageGroups) this.survey.push({ type: "end_group", name: page.name ?? "page" });
    }
    for (const calc of this.json.calculatedValues ?? []) {
      const row: Json = { type: "calculate", name: calc.name };
      this.expression(row, "calculation", calc.expression, calc.name, calc.name);
      this.survey.push(row);
    }
  }

  element(e: Json, repeat: string): void {
    const name = String(e.name ?? "");
    const row: Json = { name };
    const current = repeat ? `panel.${name}` : name;
    this.text(row, "label", e.title);
    this.text(row, "hint", e.description);
    const listOf = (type: string, appearance?: string) => {
      row.type = `${type} ${name}`;
      if (appearance) row.appearance = appearance;
      this.writeChoices(name, e);
      if (e.showOtherItem) row.type += " or_other";
      if (e.showNoneItem) this.note(name, "the None choice is not exported");
      if (e.choicesByUrl || e.choicesFromQuestion)
        this.note(name, "choices from a URL or another question are not exported");
    };
    switch (e.type) {
      case "text": {
        const integer = (e.validators ?? []).some((v: Json) => v.type === "regex" && v.regex === "^-?[0-9]+$");
        if (e.inputType === "range") {
          row.type = "range";
          row.parameters = `start=${e.min ?? 0} end=${e.max ?? 100} step=${e.step ?? 1}`;
          break;
        }
        row.type = integer ? "integer" : (inputTypes[e.inputType] ?? "text");
        if (e.inputType && !inputTypes[e.inputType]) this.note(name, `input type "${e.inputType}" exported as text`);
        break;
      }
      case "comment":
        row.type = "text";
        row.appearance = "multiline";
        break;
      case "radiogroup":
        listOf("select_one", e.colCount === 0 ? "horizontal" : undefined);
        break;
      case "dropdown":
        listOf("select_one", "minimal");
        break;
      case "checkbox":
        listOf("select_multiple", e.colCount === 0 ? "horizontal" : undefined);
        break;
      case "tagbox":
        listOf("select_multiple", "minimal");
        break;
      case "ranking":
        listOf("rank");
        break;
      case "slider":
        row.type = "range";
        row.parameters = `start=${e.min ?? 0} end=${e.max ?? 100} step=${e.step ?? 1}`;
        break;
      case "rating":
        if (Array.isArray(e.rateValues) && e.rateValues.length > 0) listOf("select_one", "horizontal");
        else {
          row.type = "range";
          row.parameters = `start=${e.rateMin ?? 1} end=${e.rateMax ?? 5} step=${e.rateStep ?? 1}`;
        }
        break;
      case "boolean":
        if (e.valueTrue === "OK") row.type = "acknowledge";
        else {
          row.type = `select_one ${name}`;
          this.choices.push({ list_name: name, name: String(e.valueTrue ?? "true"), label: "Yes" });
          this.choices.push({ list_name: name, name: String(e.valueFalse ?? "false"), label: "No" });
          this.note(name, "a yes/no question is exported as select_one: answers become the text 'true' or 'false'");
        }
        break;
      case "html":
        row.type = "note";
        this.text(row, "label", stripHtml(e.html));
        break;
      case "expression":
        row.type = "calculate";
        this.expression(row, "calculation", e.expression, name, current);
        break;
      case "panel":
        row.type = "begin_group";
        this.common(row, e, current, name);
        this.survey.push(row);
        for (const child of e.elements ?? []) this.element(child, repeat);
        this.survey.push({ type: "end_group", name });
        return;
      case "paneldynamic":
        row.type = "begin_repeat";
        if (e.bindings?.panelCount) row.repeat_count = `\${${e.bindings.panelCount}}`;
        else if (e.allowAddPanel === false && typeof e.panelCount === "number") row.repeat_count = e.panelCount;
        this.common(row, e, current, name);
        this.survey.push(row);
        for (const child of e.templateElements ?? []) this.element(child, name);
        this.survey.push({ type: "end_repeat", name });
        return;
      default:
        this.note(name, `the question type "${String(e.type)}" has no XLSForm equivalent; not exported`);
        return;
    }
    this.common(row, e, current, name);
    this.survey.push(row);
  }

  /** The columns every question and group may carry. */
  common(row: Json, e: Json, current: string, name: string): void {
    if (e.isRequired) row.required = "yes";
    this.expression(row, "required", e.requiredIf, name, current);
    this.text(row, "required_message", e.requiredErrorText);
    this.expression(row, "relevant", e.visibleIf, name, current);
    if (e.readOnly) row.read_only = "yes";
    if (e.enableIf) this.note(name, `enableIf "${String(e.enableIf)}" not exported`);
    if (e.defaultValue !== undefined)
      row.default = Array.isArray(e.defaultValue) ? e.defaultValue.join(" ") : String(e.defaultValue);
    this.expression(row, "default", e.defaultValueExpression, name, current);
    const constraints: string[] = [];
    for (const v of e.validators ?? []) {
      if (v.type === "regex" && v.regex === "^-?[0-9]+$") continue;
      if (e.type === "paneldynamic" && e.bindings?.panelCount) continue;
      if (v.type !== "expression") {
        this.note(name, `the ${String(v.type)} validator is not exported`);
        continue;
      }
      // The import writes a constraint as `{q} empty or (...)`: XLSForm checks constraints on answers only.
      const own = `{${current}} empty or (`;
      const text = String(v.expression ?? "");
      const core = text.startsWith(own) && text.endsWith(")") ? text.slice(own.length, -1) : text;
      const target: Json = {};
      this.expression(target, "constraint", core, name, current);
      if (target.constraint) {
        constraints.push(target.constraint);
        this.text(row, "constraint_message", v.text);
      }
    }
    if (constraints.length === 1) row.constraint = constraints[0];
    else if (constraints.length > 1) row.constraint = constraints.map((c) => `(${c})`).join(" and ");
    if (e.score) {
      row.sapat_dimension = e.score.dimension;
      row.sapat_rule = formatRule(e.score);
      if (e.score.weight !== undefined) row.sapat_weight = e.score.weight;
      this.expression(row, "sapat_relevant", e.score.applicableIf, name, "");
    }
  }

  writeChoices(list: string, e: Json): void {
    const items: unknown[] = e.choices ?? e.rateValues ?? [];
    for (const item of items) {
      const choice = typeof item === "object" && item !== null ? (item as Json) : { value: item };
      const row: Json = { list_name: list, name: String(choice.value) };
      this.text(row, "label", choice.text ?? String(choice.value));
      if (choice.level !== undefined) row.sapat_level = choice.level;
      if (choice.visibleIf)
        this.note(list, `choice "${String(choice.value)}" shows only if ${String(choice.visibleIf)}: not exported`);
      this.choices.push(row);
    }
  }
}

function stripHtml(html: unknown): unknown {
  const strip = (s: string) =>
    s
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  if (typeof html === "string") return strip(html);
  if (html && typeof html === "object")
    return Object.fromEntries(Object.entries(html).map(([k, v]) => [k, strip(String(v))]));
  return html;
}

/** Rows of objects as a sheet: the header is every key met, in the order `first` gives, then as met. */
function toSheet(rows: Json[], first: string[]): Sheet {
  const keys = [...first.filter((k) => rows.some((r) => r[k] !== undefined))];
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return [keys, ...rows.map((r) => keys.map((k) => (r[k] === undefined ? "" : (r[k] as string | number))))];
}

function languageHeader(key: string): string {
  const [base, code] = key.split("::");
  return code ? `${base}::${languageNames[code] ?? code} (${code})` : key;
}

/** A questionnaire as XLSForm sheets; `formId` and `version` fill the settings sheet. */
export function surveyToXlsform(json: Json, formId: string, version: number): XlsformSheetsOut {
  const exporter = new Exporter(json);
  exporter.run();
  const rename = (sheet: Sheet): Sheet => [sheet[0]!.map((h) => languageHeader(String(h))), ...sheet.slice(1)];
  const survey = rename(
    toSheet(exporter.survey, [
      "type",
      "name",
      "label",
      "hint",
      "required",
      "required_message",
      "relevant",
      "constraint",
      "constraint_message",
    ]),
  );
  const choices = rename(toSheet(exporter.choices, ["list_name", "name", "label"]));
  const settings: Json = { form_id: formId, version: String(version) };
  exporter.text(settings, "form_title", json.title);
  const scoring = json.scoring as Json | undefined;
  let dimensions: Sheet | null = null;
  if (scoring) {
    for (const [column, key] of Object.entries(scoringSettings)) {
      if (scoring[key] !== undefined) settings[column] = scoring[key];
    }
    const rows = ((scoring.dimensions ?? []) as Json[]).map((d) => {
      const row: Json = { name: d.id };
      exporter.text(row, "label", d.title);
      if (d.weight !== undefined) row.weight = d.weight;
      if (d.applicableIf) {
        try {
          row.relevant = toXlsformExpression(String(d.applicableIf), exporter.scope(""));
        } catch (error) {
          if (!(error instanceof UntranslatableError)) throw error;
          exporter.note(
            `dimension ${String(d.id)}`,
            `applicableIf "${String(d.applicableIf)}" not exported: ${error.message}`,
          );
        }
      }
      return row;
    });
    dimensions = rename(toSheet(rows, ["name", "label", "weight", "relevant"]));
  }
  const settingsSheet = rename(toSheet([settings], ["form_title", "form_id", "version"]));
  return { survey, choices, settings: settingsSheet, sapat_dimensions: dimensions, notes: exporter.notes };
}
