import {
  ConditionRunner,
  ConditionsParser,
  EmailValidator,
  ItemValue,
  settings,
  type FunctionOperand,
  type Operand,
  type PanelModelBase,
  type Question,
  type SurveyModel,
  type SurveyValidator,
  type Variable,
} from "survey-core";
import { allowedKeys, checkValue, clearSurvey, type AnswerIssue } from "./answer-checks.ts";
import type { Answers } from "./answers.ts";

/**
 * A questionnaire version compiled once into what validating its answers needs: which keys are known, each
 * question's type, choices and bounds (Sapat's own checks, reused as they are), and what survey-core checks
 * (required, requiredIf, visibleIf and enableIf of questions, panels and pages, min/max/step, email inputs,
 * validators, the other item's text), with expressions run by survey-core's own ConditionRunner against the
 * answers. Building and clearing a survey-core model costs tens of milliseconds per answer set; this costs tens
 * of microseconds.
 *
 * The plan only ever says "accepted" (with the answers as they are stored) or "not accepted". Answers it does not
 * accept are validated again by survey-core, so that a 422 names what survey-core names, in its localized words:
 * on invalid answers survey-core's own behaviour depends on the order it visits questions in (it silently deletes a
 * value outside the choices while it validates, and later conditions see the deletion), which a plan cannot
 * reproduce faithfully. A plan that says "not accepted" to valid answers is only slower, never wrong; one that
 * accepts what survey-core refuses would be wrong, and the differential test guards against it.
 *
 * What the plan cannot express makes the whole version use survey-core (`compileValidationPlan` says why): dynamic
 * panels and matrices, triggers, calculated values, default values, choices that depend on answers or come from a
 * URL or another question, masks, custom functions, and anything else outside the supported list below.
 */

export type PlanVerdict = { accepted: true; cleaned: Answers } | { accepted: false; reason: string };

export interface ValidationPlan {
  /**
   * True when `check` and `answeredShare` run no regular expression on answers (the questionnaire's regex
   * validators, survey-core's email pattern, its no-digits text pattern: on a long answer a pattern can backtrack
   * for minutes) and the plan is small: then either costs at most a few milliseconds for answers within their
   * limits, and the event loop may run them instead of a survey worker (QuestionnaireCatalogue).
   */
  readonly safeOnEventLoop: boolean;
  /** The answers as validateAnswers would store them when it finds nothing wrong, or why the plan cannot say so. */
  check(data: Answers): PlanVerdict;
  /** visibleQuestionNames(); null when the answers hold something only survey-core can interpret. */
  visibleQuestionNames(data: Answers): Set<string> | null;
  /** answeredShare(); null when the answers hold something only survey-core can interpret. */
  answeredShare(data: Answers): number | null;
}

export type PlanCompilation = { plan: ValidationPlan; fallback: [] } | { plan: null; fallback: string[] };

type AnyQuestion = Question & Record<string, any>;

const displayOnlyTypes = new Set(["html", "image"]);
const choiceTypes = new Set(["radiogroup", "dropdown", "checkbox", "tagbox"]);
const supportedTypes = new Set([...displayOnlyTypes, ...choiceTypes, "text", "comment", "boolean", "rating"]);
/** Types answeredShare() does not count (it leaves out expressions too, which the plan does not support). */
const notAnswerable = displayOnlyTypes;
const supportedValidators = new Set([
  "numericvalidator",
  "textvalidator",
  "emailvalidator",
  "regexvalidator",
  "answercountvalidator",
  "expressionvalidator",
]);
/** survey-core functions that compute from their arguments alone (no survey, question or page state). */
const pureFunctions = new Set([
  "sum",
  "min",
  "max",
  "count",
  "avg",
  "round",
  "trunc",
  "iif",
  "getDate",
  "age",
  "dateDiff",
  "dateAdd",
  "currentDate",
  "today",
  "getYear",
  "currentYear",
  "diffDays",
  "year",
  "month",
  "day",
  "weekday",
  "substring",
]);
/** Names survey-core answers itself before looking at questions (SurveyValueGetterContext.getBuiltInVariableValue). */
const builtInVariables = new Set([
  "pageno",
  "pagecount",
  "correctedanswers",
  "correctanswers",
  "correctedanswercount",
  "incorrectedanswers",
  "incorrectanswers",
  "incorrectedanswercount",
  "questioncount",
  "locale",
]);
const operandTypes = new Set(["binary", "unary", "const", "variable", "function", "array"]);
/** Question properties whose presence means survey-core changes or derives values in ways the plan does not model. */
const unsupportedQuestionProperties = [
  "defaultValue",
  "defaultValueExpression",
  "setValueIf",
  "setValueExpression",
  "resetValueIf",
  "minValueExpression",
  "maxValueExpression",
  "choicesVisibleIf",
  "choicesEnableIf",
  "choicesFromQuestion",
  "valuePropertyName",
];
/** The same for switches, when they are on. */
const unsupportedQuestionSwitches = ["hideIfChoicesEmpty", "allowCustomChoices"];

// ---------------------------------------------------------------------------------------------------------------
// Expressions

const conditionCache = new Map<string, ConditionRunner>();
const expressionVerdicts = new Map<string, string | null>();

/** One ConditionRunner per expression text, shared by every plan: parsing is the costly part. */
function conditionRunner(expression: string): ConditionRunner {
  let runner = conditionCache.get(expression);
  if (!runner) {
    runner = new ConditionRunner(expression);
    conditionCache.set(expression, runner);
  }
  return runner;
}

/** Why survey-core could read this expression differently from the plan's context, or null when it cannot. */
function unsupportedExpression(expression: string): string | null {
  const known = expressionVerdicts.get(expression);
  if (known !== undefined) return known;
  const verdict = judgeExpression(expression);
  expressionVerdicts.set(expression, verdict);
  return verdict;
}

function judgeExpression(expression: string): string | null {
  const runner = conditionRunner(expression);
  if (!runner.canRun()) return `expression "${expression}" does not parse`;
  if (runner.isAsync) return `expression "${expression}" calls an async function`;
  const root = new ConditionsParser().parseExpression(expression) as Operand | null;
  if (!root) return `expression "${expression}" does not parse`;
  const operands: Operand[] = [];
  root.addOperandsToList(operands);
  for (const operand of operands) {
    const type = operand.getType();
    if (!operandTypes.has(type)) return `expression "${expression}" uses a ${type} operand`;
    if (type === "function") {
      const name = (operand as FunctionOperand).functionName;
      if (!pureFunctions.has(name)) return `expression "${expression}" calls ${name}()`;
    }
    if (type === "variable") {
      const name = (operand as Variable).variable;
      // Paths ({q.length}, {panel.x}, {q[0]}) and element properties ({$q.isVisible}) are resolved through
      // question objects in ways that only match plain answers for plain names.
      if (/[.[\]]/.test(name) || name.startsWith(settings.expressionElementPropertyPrefix))
        return `expression "${expression}" reads {${name}}`;
      if (name.endsWith(settings.expressionVariables.unwrapPostfix))
        return `expression "${expression}" reads {${name}}`;
      if (builtInVariables.has(name.toLowerCase())) return `expression "${expression}" reads the built-in {${name}}`;
    }
  }
  return null;
}

interface PlannedQuestion {
  question: AnyQuestion;
  /** The same question for Sapat's checks, read once (staticView). */
  view: AnyQuestion;
  name: string;
  type: string;
  display: boolean;
  /** The value survey-core's question holds for an absent key and for null (a checkbox holds [] for both). */
  whenAbsent: unknown;
  whenNull: unknown;
  /** !allowSpaceAsAnswer, read once: survey-core's property reads cost more than the check that needs them. */
  trim: boolean;
}

/**
 * survey-core's SurveyValueGetterContext over plain answers, for the plain names the plan allows: a question's name
 * gives the value the question holds (found even when empty), any other name a key of the answers, both matched
 * without regard to case.
 */
class AnswersContext {
  constructor(
    private readonly questionsByName: Map<string, PlannedQuestion>,
    private readonly data: Answers,
  ) {}

  getValue(params: { path: Array<{ name: string }> }): { isFound: boolean; value?: unknown } {
    const name = params.path.map((p) => p.name).join(".");
    const planned = this.questionsByName.get(name.toLowerCase());
    if (planned) return { isFound: true, value: heldValue(planned, this.data) };
    // VariableGetterContext.getValueByItemCore
    const lower = name.toLowerCase();
    const a = lower[0];
    const A = name[0]?.toLocaleUpperCase();
    for (const key in this.data) {
      const first = key[0];
      if ((first === a || first === A) && key.toLowerCase() === lower) {
        const value = this.data[key];
        return value === undefined ? { isFound: false } : { isFound: true, value };
      }
    }
    return { isFound: false };
  }
}

function heldValue(planned: PlannedQuestion, data: Answers): unknown {
  if (planned.display) return undefined;
  const value = data[planned.name];
  if (value === undefined) return planned.whenAbsent;
  if (value === null) return planned.whenNull;
  return value;
}

type Runnable = ConditionRunner | null;

function run(runner: ConditionRunner, context: AnswersContext): boolean {
  return runner.runContext(context as unknown as Parameters<ConditionRunner["runContext"]>[0], {});
}

// ---------------------------------------------------------------------------------------------------------------
// The plan

interface PlannedContainer {
  parent: PlannedContainer | null;
  /** Static visibility, or the visibleIf that replaces it. */
  visible: boolean;
  visibleIf: Runnable;
  readOnly: boolean;
  enableIf: Runnable;
}

interface PlannedEntry extends PlannedQuestion {
  /** The question's own visibility and read-only state, under its panels and page. */
  self: PlannedContainer;
  required: boolean;
  requiredIf: Runnable;
  commentKey: string | null;
  /** The "Other" item's value when the question has one. */
  otherValue: unknown;
  /** Validators other than expression validators: pure functions of the value. */
  validators: SurveyValidator[];
  expressionValidators: ConditionRunner[];
  emailInput: boolean;
  /** The bounds as getCalculatedMinMax gives them (dates for date inputs), undefined when unset; read once. */
  minMax: { date: boolean; min: unknown; max: unknown } | null;
  step: number | null;
  minSelected: number;
  /** Values of the checkbox's "none" items (isNoneItem). */
  noneValues: unknown[];
}

interface Evaluated {
  entry: PlannedEntry;
  readOnly: boolean;
}

class CompiledPlan implements ValidationPlan {
  private readonly known: Set<string>;
  private readonly questionKeys: Map<string, PlannedEntry>;

  constructor(
    private readonly entries: PlannedEntry[],
    private readonly questionsByName: Map<string, PlannedQuestion>,
    known: Set<string>,
    readonly safeOnEventLoop: boolean,
  ) {
    this.known = known;
    this.questionKeys = new Map(entries.filter((e) => !e.display).map((e) => [e.name, e]));
  }

  check(data: Answers): PlanVerdict {
    for (const key of Object.keys(data)) {
      if (!this.known.has(key)) return { accepted: false, reason: `unknown key ${key}` };
    }
    const evaluated = this.evaluate(data);
    if (typeof evaluated === "string") return { accepted: false, reason: evaluated };
    const keep = new Set<string>();
    for (const { entry, readOnly } of evaluated.visible) {
      if (entry.display) continue;
      keep.add(entry.name);
      if (entry.commentKey) keep.add(entry.commentKey);
      if (readOnly) continue;
      const failure = coreFailure(entry, data, evaluated.context);
      if (failure) return { accepted: false, reason: `${entry.name}: ${failure}` };
    }
    const cleaned: Answers = {};
    for (const [key, value] of Object.entries(data)) if (keep.has(key)) cleaned[key] = value;
    return { accepted: true, cleaned };
  }

  visibleQuestionNames(data: Answers): Set<string> | null {
    if (!this.allKnown(data)) return null;
    const evaluated = this.evaluate(data);
    return typeof evaluated === "string" ? null : new Set(evaluated.visible.map((v) => v.entry.name));
  }

  answeredShare(data: Answers): number | null {
    if (!this.allKnown(data)) return null;
    const evaluated = this.evaluate(data);
    if (typeof evaluated === "string") return null;
    const answerable = evaluated.visible.filter((v) => !notAnswerable.has(v.entry.type));
    if (answerable.length === 0) return 0;
    return answerable.filter((v) => !isEmpty(v.entry, heldValue(v.entry, data))).length / answerable.length;
  }

  private allKnown(data: Answers): boolean {
    for (const key of Object.keys(data)) if (!this.known.has(key)) return false;
    return true;
  }

  /**
   * The visible questions in survey-core's order (getAllQuestions(true)), each with its read-only state, or why the
   * answers cannot be judged here. Every answer, to a visible question or not, must pass Sapat's checks first: only
   * then does survey-core hold each answer as it was sent, so that expressions see what the plan gives them.
   */
  private evaluate(data: Answers): { visible: Evaluated[]; context: AnswersContext } | string {
    for (const [key, entry] of this.questionKeys) {
      const value = data[key];
      if (value !== undefined && value !== null) {
        const issues: AnswerIssue[] = [];
        checkValue(entry.view, value, key, issues);
        if (issues.length > 0) return `${key}: ${issues[0]!.message}`;
      }
      if (entry.commentKey) {
        const comment = data[entry.commentKey];
        if (comment !== undefined && comment !== null && typeof comment !== "string")
          return `${entry.commentKey}: not text`;
      }
    }
    const context = new AnswersContext(this.questionsByName, data);
    const states = new Map<PlannedContainer, { visible: boolean; readOnly: boolean }>();
    const stateOf = (c: PlannedContainer): { visible: boolean; readOnly: boolean } => {
      let state = states.get(c);
      if (!state) {
        const parent = c.parent ? stateOf(c.parent) : { visible: true, readOnly: false };
        const own = c.visibleIf ? run(c.visibleIf, context) : c.visible;
        const readOnly = c.enableIf ? !run(c.enableIf, context) : c.readOnly;
        state = { visible: parent.visible && own, readOnly: parent.readOnly || readOnly };
        states.set(c, state);
      }
      return state;
    };
    const visible: Evaluated[] = [];
    for (const entry of this.entries) {
      const state = stateOf(entry.self);
      if (state.visible) visible.push({ entry, readOnly: state.readOnly });
    }
    return { visible, context };
  }
}

/** Why survey-core's validate() would put an error on this visible, editable question, or null. */
function coreFailure(entry: PlannedEntry, data: Answers, context: AnswersContext): string | null {
  const q = entry.question;
  const value = heldValue(entry, data);
  const empty = isEmpty(entry, value);
  const required = entry.requiredIf ? run(entry.requiredIf, context) : entry.required;
  if (required && empty) return "required";
  if (entry.otherValue !== undefined && isOtherSelected(entry, value)) {
    // getCommentValue(otherItem): the text kept under the -Comment key.
    if (!data[entry.commentKey!]) return "the other item has no text";
  }
  if (entry.minMax && !empty) {
    // getCalculatedMinMax(value), with isDateInputType read once.
    const { date, min, max } = entry.minMax;
    const v = date && !q.isValueEmpty(value) ? q.createDate(value) : value;
    if (min !== undefined && (v as number) < (min as number)) return "below min";
    if (max !== undefined && (v as number) > (max as number)) return "above max";
  }
  if (entry.step !== null && !empty && typeof value === "number" && stepIncorrect(value, entry.step)) return "off step";
  if (entry.emailInput && new EmailValidator().validate(value)) return "not an email";
  if (entry.minSelected > 0) {
    // QuestionCheckboxModel.checkMinSelectedChoicesUnreached: one "none" item alone is enough.
    const length = Array.isArray(value) ? value.length : 0;
    const noneOnly = length === 1 && entry.noneValues.includes((value as unknown[])[0]);
    if (!noneOnly && length < entry.minSelected) return "too few choices";
  }
  for (const validator of entry.validators) {
    if (validator.validate(value, undefined, {})) return `${validator.getType()} fails`;
  }
  for (const runner of entry.expressionValidators) {
    if (!run(runner, context)) return "expression validator fails";
  }
  return null;
}

/** Question.isEmpty() for the value the question holds. */
function isEmpty(entry: PlannedQuestion, value: unknown): boolean {
  const q = entry.question;
  return q.isValueEmpty(value, entry.trim);
}

function isOtherSelected(entry: PlannedEntry, value: unknown): boolean {
  return Array.isArray(value) ? value.includes(entry.otherValue) : value === entry.otherValue;
}

/** QuestionTextModel.isStepNumberIncorrect, for a number value and a numeric step. */
function stepIncorrect(value: number, stepValue: number): boolean {
  let val = value;
  let step = stepValue;
  let pw = 1;
  while ((Math.round(step * pw) / pw !== step || Math.round(val * pw) / pw !== val) && pw < 1000000) pw *= 10;
  val = Math.round(val * pw);
  step = Math.round(step * pw);
  return step > 0 && val % step !== 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Compilation

/**
 * The largest plan the event loop may run (safeOnEventLoop): questions, and characters of expressions in all. At these
 * limits a check takes about 3 ms, for a questionnaire ten times larger than any in use; the default one (54
 * questions, 184 characters of expressions) takes 0.07 ms.
 */
const eventLoopLimits = { entries: 500, expressionLength: 5_000 };

/** Validators that test no regular expression on the answer (TextValidator tests /\d+$/ unless digits are allowed). */
function runsNoPattern(validator: SurveyValidator): boolean {
  const type = validator.getType();
  if (type === "textvalidator") return (validator as SurveyValidator & { allowDigits?: boolean }).allowDigits !== false;
  return type === "numericvalidator" || type === "answercountvalidator";
}

/** Reads a questionnaire version's model into a plan, or lists what the plan cannot express. */
export function compileValidationPlan(survey: SurveyModel): PlanCompilation {
  const fallback: string[] = [];
  let expressionLength = 0;
  const expressionOf = (owner: string, expression: unknown): Runnable => {
    if (typeof expression !== "string" || expression.trim() === "") return null;
    expressionLength += expression.length;
    const reason = unsupportedExpression(expression);
    if (reason) {
      fallback.push(`${owner}: ${reason}`);
      return null;
    }
    return conditionRunner(expression);
  };

  const s = survey as SurveyModel & Record<string, any>;
  if (s.triggers?.length) fallback.push("triggers");
  if (s.calculatedValues?.length) fallback.push("calculated values");
  if (s.questionsOnPageMode && s.questionsOnPageMode !== "standard")
    fallback.push(`questionsOnPageMode ${s.questionsOnPageMode}`);
  if (s.showInvisibleElements) fallback.push("showInvisibleElements");
  if (s.isDisplayMode) fallback.push("display mode");
  if (!["onComplete", "none"].includes(s.clearInvisibleValues))
    fallback.push(`clearInvisibleValues ${s.clearInvisibleValues}`);
  if (s.validationEnabled === false) fallback.push("validation disabled");

  clearSurvey(survey);
  const all = survey.getAllQuestions(false, false, false) as AnyQuestion[];
  // What each question holds for an absent key and for null (survey-core turns both into [] for a checkbox).
  const whenAbsent = new Map(all.map((q) => [q, plainCopy(q.value)]));
  survey.data = Object.fromEntries(
    all.filter((q) => !displayOnlyTypes.has(q.getType())).map((q) => [q.getValueName(), null]),
  );
  const whenNull = new Map(all.map((q) => [q, plainCopy(q.value)]));
  clearSurvey(survey);

  const entries: PlannedEntry[] = [];
  const containers = new Map<object, PlannedContainer>();
  const containerOf = (
    element: PanelModelBase & Record<string, any>,
    parent: PlannedContainer | null,
    owner: string,
  ) => {
    let container = containers.get(element);
    if (!container) {
      if (element.isRequired || element.requiredIf) fallback.push(`${owner}: a required panel`);
      container = {
        parent,
        visible: element.visible !== false,
        visibleIf: expressionOf(owner, element.visibleIf),
        readOnly: Boolean(element.readOnly),
        enableIf: expressionOf(owner, element.enableIf),
      };
      containers.set(element, container);
    }
    return container;
  };

  const visit = (elements: any[], parent: PlannedContainer): void => {
    for (const element of elements) {
      if (element.isPanel) {
        if (element.getType() !== "panel") fallback.push(`${element.name}: a ${element.getType()}`);
        visit(element.elements, containerOf(element, parent, `panel ${element.name}`));
        continue;
      }
      const q = element as AnyQuestion;
      const type = q.getType();
      const name = q.name;
      if (!supportedTypes.has(type)) {
        fallback.push(`${name}: a ${type} question`);
        continue;
      }
      if (q.getValueName() !== name) fallback.push(`${name}: valueName`);
      for (const property of unsupportedQuestionProperties) {
        if (!isUnset(q[property])) fallback.push(`${name}: ${property}`);
      }
      for (const property of unsupportedQuestionSwitches)
        if (q[property] === true) fallback.push(`${name}: ${property}`);
      if (q.choicesByUrl?.url) fallback.push(`${name}: choicesByUrl`);
      if (q.maskType && q.maskType !== "none") fallback.push(`${name}: an input mask`);
      if (q.showCommentArea) fallback.push(`${name}: a comment area`);
      if (q.customWidget) fallback.push(`${name}: a custom widget`);
      const items: any[] = [...(q.choices ?? []), ...(type === "rating" ? (q.rateValues ?? []) : [])];
      for (const item of items) {
        if (item.visibleIf || item.enableIf) fallback.push(`${name}: a choice with visibleIf or enableIf`);
        if (item.showCommentArea) fallback.push(`${name}: a choice with a comment area`);
        if (typeof item.value === "object" && item.value !== null)
          fallback.push(`${name}: a choice whose value is an object`);
      }
      if (q.showOtherItem && q.getStoreOthersAsComment?.() === false)
        fallback.push(`${name}: other text stored in the value`);
      const validators: SurveyValidator[] = [];
      const expressionValidators: ConditionRunner[] = [];
      for (const validator of (q.validators ?? []) as SurveyValidator[]) {
        const vType = validator.getType();
        if (!supportedValidators.has(vType)) fallback.push(`${name}: a ${vType}`);
        else if (vType === "expressionvalidator") {
          const runner = expressionOf(
            `${name} validator`,
            (validator as SurveyValidator & { expression?: string }).expression,
          );
          // An expression validator without an expression passes (ExpressionValidator.validateOnCallback).
          if (runner) expressionValidators.push(runner);
        } else validators.push(validator);
      }
      const self: PlannedContainer = {
        parent,
        visible: q.visible !== false,
        visibleIf: expressionOf(name, q.visibleIf),
        readOnly: Boolean(q.readOnly),
        enableIf: expressionOf(name, q.enableIf),
      };
      const isText = type === "text";
      const rendered = isText ? { min: q.renderedMin, max: q.renderedMax } : null;
      const step = isText && q.inputType === "number" && q.step !== undefined && q.step !== "" ? Number(q.step) : NaN;
      entries.push({
        question: q,
        view: staticView(q),
        name,
        type,
        display: displayOnlyTypes.has(type),
        whenAbsent: whenAbsent.get(q),
        whenNull: whenNull.get(q),
        trim: !q.allowSpaceAsAnswer,
        self,
        required: Boolean(q.isRequired),
        requiredIf: expressionOf(name, q.requiredIf),
        commentKey: q.showOtherItem ? name + settings.commentSuffix : null,
        otherValue: q.showOtherItem ? q.otherItem.value : undefined,
        validators,
        expressionValidators,
        emailInput: isText && q.inputType === "email" && !validators.some((v) => v.getType() === "emailvalidator"),
        minMax:
          rendered && (!isUnset(rendered.min) || !isUnset(rendered.max))
            ? {
                date: Boolean(q.isDateInputType),
                min: q.isValueEmpty(rendered.min) ? undefined : q.getCalculatedMinMax(rendered.min),
                max: q.isValueEmpty(rendered.max) ? undefined : q.getCalculatedMinMax(rendered.max),
              }
            : null,
        step: Number.isFinite(step) ? step : null,
        minSelected: type === "checkbox" || type === "tagbox" ? Number(q.minSelectedChoices) || 0 : 0,
        noneValues: choiceTypes.has(type)
          ? (q.visibleChoices as Array<{ value: unknown }>).filter((i) => q.isNoneItem?.(i)).map((i) => i.value)
          : [],
      });
    }
  };

  for (const page of survey.pages as Array<PanelModelBase & Record<string, any>>) {
    visit(page.elements, containerOf(page, null, `page ${page.name}`));
  }
  if (fallback.length > 0) return { plan: null, fallback: [...new Set(fallback)] };

  // Expressions resolve a name through survey.getQuestionByValueName(name, true): the first question that has it.
  const questionsByName = new Map<string, PlannedQuestion>();
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    if (!questionsByName.has(key) && survey.getQuestionByValueName(entry.name, true) === entry.question)
      questionsByName.set(key, entry);
  }
  for (const entry of entries) {
    if (!questionsByName.has(entry.name.toLowerCase())) {
      return { plan: null, fallback: [`${entry.name}: found under another question by getQuestionByValueName`] };
    }
  }
  const known = allowedKeys(all);
  const safeOnEventLoop =
    entries.length <= eventLoopLimits.entries &&
    expressionLength <= eventLoopLimits.expressionLength &&
    entries.every((entry) => !entry.emailInput && entry.validators.every(runsNoPattern));
  return { plan: new CompiledPlan(entries, questionsByName, known, safeOnEventLoop), fallback: [] };
}

const plainItems = new WeakMap<ItemValue, { value: unknown }>();

/** A choice as Sapat's checks read it (its value, and its identity: `c !== q.selectAllItem`). */
function plainItem(item: ItemValue): { value: unknown } {
  let plain = plainItems.get(item);
  if (!plain) {
    plain = Object.freeze({ value: item.value });
    plainItems.set(item, plain);
  }
  return plain;
}

/**
 * The question as Sapat's checks read it, each property and argument-less method read once, and choices as plain
 * values: under the plan's conditions (static choices, bounds and types) none of them changes, and survey-core's
 * getters are costly.
 */
function staticView(question: AnyQuestion): AnyQuestion {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(question, {
    get(target, property) {
      if (cache.has(property)) return cache.get(property);
      let value: unknown = Reflect.get(target, property, target);
      if (value instanceof ItemValue) value = plainItem(value);
      else if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof ItemValue))
        value = value.map(plainItem);
      else if (typeof value === "function") {
        const method = value as (...args: unknown[]) => unknown;
        let computed = false;
        let result: unknown;
        value = (...args: unknown[]) => {
          if (args.length > 0) return method.apply(target, args);
          if (!computed) {
            result = method.apply(target);
            computed = true;
          }
          return result;
        };
      }
      cache.set(property, value);
      return value;
    },
  });
}

/** A question's value without survey-core's array wrappers (which cannot be cloned). */
function plainCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}
