import { Model, type ItemValue, type Question, type SurveyModel } from "survey-core";
import { lintQuestionnaire } from "../../server/survey-model/lint-questionnaire.ts";
import { setupSurveyCore } from "../../server/survey-model/setup-survey-core.ts";
import { validateAnswers, type AnswerIssue } from "../../server/survey-model/validate-answers.ts";

/**
 * Generates answer sets that a respondent could have produced in a browser, for any SurveyJS questionnaire:
 * the questions are answered page by page on a live survey-core model, so that visibleIf, enableIf,
 * requiredIf, choicesVisibleIf, triggers and calculated values react to earlier answers exactly as they do
 * in the browser; the result is what the model holds as `data` once invisible answers are cleared (what
 * SurveyJS keeps on completion). Each set is checked with survey-core's own validation and Sapat's
 * `validateAnswers`; a question that still fails gets other values, and is left empty when it is optional.
 *
 * Deterministic: the same questionnaire, seed and fill give the same answers (seeded PRNG, and the model's
 * `randomSeed` fixes the order of randomised choices).
 */

export type Fill = "all" | "required" | "random";

export interface GenerateOptions {
  seed: number;
  /** `all` (default) answers every visible question, `required` only what must be answered, `random` some. */
  fill?: Fill;
  /**
   * How many answers the respondent goes back and changes after a first pass (default 0). Changed answers
   * can hide questions answered before: their answers stay in what the browser sends (`sent`) and are gone
   * from what SurveyJS keeps on completion (`data`).
   */
  changes?: number;
}

export interface GeneratedAnswerSet {
  /** The answers SurveyJS keeps on completion (answers to invisible questions cleared): what is stored. */
  data: Record<string, unknown>;
  /**
   * What the browser posts: the model's data in `onCompleting`, before SurveyJS clears invisible answers.
   * Equal to `data` unless changed answers (or defaults) left answers to questions that are now invisible.
   */
  sent: Record<string, unknown>;
  /** What still fails after every retry (empty when the set is valid). */
  issues: AnswerIssue[];
  /** Optional questions that were left empty because no value the generator tried passed validation. */
  dropped: string[];
  /**
   * What each check refused on the way (before retries): `sapat` lists what `validateAnswers` refused,
   * `surveyCore` what the model's own `validate()` refused. Sapat refusing what survey-core accepts is worth
   * a look: it is either a stricter rule (a number typed as text) or a false positive.
   */
  refused: { sapat: AnswerIssue[]; surveyCore: AnswerIssue[] };
}

export interface AnswerCoverage {
  /** Visible top-level questions that hold an answer (not html, image, expression or read-only). */
  answerable: string[];
  /** Of those, the ones with a non-empty answer in the set. */
  answered: string[];
  /** Visible questions that are required. */
  required: string[];
  /** Required visible questions without an answer (should be empty). */
  unansweredRequired: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small, fast, seedable PRNG. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    if (max <= min) return min;
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}

/** A stable 32-bit seed from a text (FNV-1a), e.g. a file name. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash || 1;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

type AnyQuestion = Question & Record<string, any>;

const displayOnly = new Set(["html", "image"]);
/** Types whose value the model makes itself. */
const computed = new Set(["expression"]);
const containers = new Set(["paneldynamic", "matrixdynamic", "matrixdropdown", "matrix", "multipletext"]);

/** A 1x1 transparent PNG. */
const tinyPng =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const tinySvg =
  "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxIiBoZWlnaHQ9IjEiLz4=";
const tinyJpeg =
  "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AP//Z";
const tinyText = "data:text/plain;base64,U2FwYXQgdGVzdCBmaWxl";
const tinyPdf = "data:application/pdf;base64,JVBERi0xLjQKJSVFT0YK";

const words = [
  "community",
  "training",
  "outreach",
  "partners",
  "budget",
  "volunteers",
  "report",
  "network",
  "district",
  "shelter",
  "hotline",
  "advocacy",
  "schools",
  "families",
  "review",
  "quality",
  "support",
  "services",
];

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value as object).length === 0;
  return false;
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function isVisibleQuestion(q: AnyQuestion): boolean {
  return Boolean(q.isVisible && q.isParentVisible);
}

function validatorsOf(q: AnyQuestion, type: string): Array<Record<string, any>> {
  const validators: Array<Record<string, any>> = q.validators ?? [];
  return validators.filter((v) => v.getType?.() === type);
}

// ---------------------------------------------------------------------------------------------------------
// Regular expressions: a small sampler for the patterns questionnaires use (phones, codes, postcodes)

type RegexNode =
  | { kind: "alt"; options: RegexNode[][] }
  | { kind: "set"; chars: string[] }
  | { kind: "literal"; char: string }
  | { kind: "repeat"; node: RegexNode; min: number; max: number };

const digits = "0123456789".split("");
const lower = "abcdefghijklmnopqrstuvwxyz".split("");
const upper = lower.map((c) => c.toUpperCase());
const wordChars = [...lower, ...upper, ...digits, "_"];
const printable = [...wordChars, " ", "-", ".", ",", "+", "(", ")", "/", "@", "#"];

class UnsupportedRegex extends Error {}

function parseRegex(source: string): RegexNode {
  let i = 0;
  const peek = () => source[i];
  const escapeSet = (c: string): string[] => {
    switch (c) {
      case "d":
        return digits;
      case "D":
        return [...lower, ...upper];
      case "w":
        return wordChars;
      case "W":
        return [" ", "-", "."];
      case "s":
        return [" "];
      case "S":
        return [...lower, ...digits];
      case "n":
        return ["\n"];
      case "t":
        return ["\t"];
      default:
        if (/[1-9bBkpPux]/.test(c)) throw new UnsupportedRegex(`\\${c}`);
        return [c];
    }
  };
  const parseClass = (): RegexNode => {
    i++; // [
    let negate = false;
    if (peek() === "^") {
      negate = true;
      i++;
    }
    const chars: string[] = [];
    let first = true;
    while (i < source.length && (peek() !== "]" || first)) {
      first = false;
      let c = source[i++] as string;
      let set: string[];
      if (c === "\\") set = escapeSet(source[i++] as string);
      else set = [c];
      if (set.length === 1 && peek() === "-" && source[i + 1] !== "]" && i + 1 < source.length) {
        i++;
        let end = source[i++] as string;
        if (end === "\\") end = source[i++] as string;
        c = set[0] as string;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      } else chars.push(...set);
    }
    i++; // ]
    if (negate) return { kind: "set", chars: printable.filter((c) => !chars.includes(c)) };
    return { kind: "set", chars };
  };
  const parseSequence = (): RegexNode[][] => {
    const options: RegexNode[][] = [[]];
    while (i < source.length) {
      const c = peek() as string;
      if (c === ")") break;
      if (c === "|") {
        i++;
        options.push([]);
        continue;
      }
      let node: RegexNode;
      if (c === "^" || c === "$") {
        i++;
        continue;
      } else if (c === "(") {
        i++;
        if (peek() === "?") {
          if (source[i + 1] === ":") i += 2;
          else throw new UnsupportedRegex("lookaround");
        }
        node = { kind: "alt", options: parseSequence() };
        if (peek() !== ")") throw new UnsupportedRegex("unbalanced");
        i++;
      } else if (c === "[") node = parseClass();
      else if (c === "\\") {
        i++;
        node = { kind: "set", chars: escapeSet(source[i++] as string) };
      } else if (c === ".") {
        i++;
        node = { kind: "set", chars: [...lower, ...digits] };
      } else {
        i++;
        node = { kind: "literal", char: c };
      }
      // quantifier
      const q = peek();
      let min = 1;
      let max = 1;
      if (q === "?") [min, max] = [0, 1];
      else if (q === "*") [min, max] = [0, 3];
      else if (q === "+") [min, max] = [1, 3];
      else if (q === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (m) {
          min = Number(m[1]);
          max = m[2] ? (m[3] ? Number(m[3]) : min + 2) : min;
          i += m[0].length - 1;
        }
      }
      if (q === "?" || q === "*" || q === "+" || (q === "{" && (min !== 1 || max !== 1 || source[i] === "}"))) {
        i++;
        if (peek() === "?" || peek() === "+") i++; // lazy / possessive
        node = { kind: "repeat", node, min, max };
      }
      options[options.length - 1]!.push(node);
    }
    return options;
  };
  const root = parseSequence();
  if (i < source.length) throw new UnsupportedRegex("trailing )");
  return { kind: "alt", options: root };
}

function sampleRegex(node: RegexNode, rng: Rng, plain: boolean): string {
  switch (node.kind) {
    case "literal":
      return node.char;
    case "set":
      if (node.chars.length === 0) throw new UnsupportedRegex("empty class");
      return plain ? (node.chars[0] as string) : rng.pick(node.chars);
    case "repeat": {
      const count = plain ? Math.max(node.min, Math.min(1, node.max)) : rng.int(node.min, node.max);
      let out = "";
      for (let k = 0; k < count; k++) out += sampleRegex(node.node, rng, plain);
      return out;
    }
    case "alt": {
      const option = plain ? node.options[0]! : rng.pick(node.options);
      return option.map((n) => sampleRegex(n, rng, plain)).join("");
    }
  }
}

/** Strings that match `pattern`, or none when the pattern is beyond the sampler. */
function regexCandidates(pattern: string, flags: string, rng: Rng): string[] {
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch {
    return [];
  }
  const out: string[] = [];
  const common = [
    "12345",
    "123456",
    "A1B 2C3",
    "+996555123456",
    "+1 555 123 4567",
    "555-123-4567",
    "abc",
    "ABC",
    "Sample",
    "info@example.org",
    "https://example.org",
    "2024-05-17",
    "K1A 0B1",
    "1",
    "0",
    "yes",
  ];
  try {
    const ast = parseRegex(pattern);
    out.push(sampleRegex(ast, rng, true));
    for (let k = 0; k < 6; k++) out.push(sampleRegex(ast, rng, false));
  } catch (error) {
    if (!(error instanceof UnsupportedRegex)) throw error;
  }
  out.push(...common);
  return [...new Set(out)].filter((s) => re.test(s));
}

// ---------------------------------------------------------------------------------------------------------
// The generator

class Generator {
  private readonly decided = new WeakMap<object, boolean>();
  private readonly attempts = new Map<string, number>();
  readonly skipped = new Set<string>();
  private counter = 0;

  constructor(
    readonly model: SurveyModel,
    readonly rng: Rng,
    readonly fill: Fill,
  ) {}

  attemptOf(name: string): number {
    return this.attempts.get(name) ?? 0;
  }

  bumpAttempt(name: string): number {
    const next = this.attemptOf(name) + 1;
    this.attempts.set(name, next);
    return next;
  }

  /** Whether to answer a question that is not required (decided once per question object). */
  wants(key: object, required: boolean): boolean {
    if (required || this.mustAnswer.has(key)) return true;
    if (this.fill === "all") return true;
    if (this.fill === "required") return false;
    const known = this.decided.get(key);
    if (known !== undefined) return known;
    const choice = this.rng.chance(0.6);
    this.decided.set(key, choice);
    return choice;
  }

  /** Answers every visible, empty, top-level question in page order; repeats while answers reveal more. */
  walk(): void {
    for (let pass = 0; pass < 6; pass++) {
      let changed = false;
      for (const page of this.model.pages) {
        if (!page.isVisible) continue;
        for (const question of page.questions as AnyQuestion[]) {
          if (!isVisibleQuestion(question) || this.skipped.has(question.name)) continue;
          if (this.answerTopLevel(question)) changed = true;
        }
      }
      if (!changed) break;
    }
  }

  /**
   * Re-answers one top-level question from scratch after a validation failure. An empty question that fails
   * (an expression validator runs on empty values too) must be answered; an answered optional one that keeps
   * failing is left empty.
   */
  retry(question: AnyQuestion): void {
    if (isEmptyValue(question.value) && !this.mustAnswer.has(question)) {
      this.mustAnswer.add(question);
      this.skipped.delete(question.name);
      this.answer(question, question.name, true);
      return;
    }
    const attempt = this.bumpAttempt(question.name);
    if (attempt > 4 && !question.isRequired && !this.mustAnswer.has(question)) {
      question.clearValue();
      this.skipped.add(question.name);
      return;
    }
    if (!containers.has(question.getType())) question.clearValue();
    this.answer(question, question.name, true);
  }

  private readonly mustAnswer = new WeakSet<object>();
  private readonly replaced = new WeakSet<object>();

  /** The respondent goes back and changes `count` answers (containers are answered anew inside). */
  changeAnswers(count: number): void {
    const answered = this.model
      .getAllQuestions(true, false, false)
      .filter((q) => !isEmptyValue(q.value) && !q.isReadOnly && !computed.has(q.getType())) as AnyQuestion[];
    for (const question of this.rng.shuffle(answered).slice(0, count)) {
      this.bumpAttempt(question.name);
      this.answer(question, question.name, true);
    }
  }

  private answerTopLevel(question: AnyQuestion): boolean {
    const before = JSON.stringify(question.value ?? null);
    this.answer(question, question.name, false);
    return JSON.stringify(question.value ?? null) !== before;
  }

  /**
   * Answers a question (top-level, in a dynamic panel or a matrix cell). Simple questions that already hold
   * a value (a default, a trigger's) keep it unless `force`; containers are always walked into.
   */
  answer(q: AnyQuestion, path: string, force: boolean, unique?: number): void {
    const type = q.getType();
    if (displayOnly.has(type) || computed.has(type)) return;
    if (q.isReadOnly) return;
    if (!isVisibleQuestion(q)) return;
    switch (type) {
      case "paneldynamic":
        return this.answerPanelDynamic(q, path, force);
      case "matrixdynamic":
        return this.answerMatrixDynamic(q, path, force);
      case "matrixdropdown":
        return this.answerMatrixRows(q, path, force);
      case "matrix":
        return this.answerMatrix(q, force);
      case "multipletext":
        return this.answerMultipleText(q, path, force);
    }
    // A default file or signature stays in "required" and "random" sets; "all" sets send their own.
    const ownPayload = this.fill === "all" && (type === "file" || type === "signaturepad") && !this.replaced.has(q);
    if (ownPayload) this.replaced.add(q);
    if (!force && !ownPayload && !isEmptyValue(q.value)) return;
    if (!this.wants(q, q.isRequired)) return;
    const attempt = this.attemptOf(path);
    for (let k = 0; k < 6; k++) {
      const value = this.valueFor(q, attempt + k, unique);
      if (value === undefined) break;
      q.value = value;
      this.settleOther(q);
      this.answerComment(q);
      if (this.accepts(q)) return;
    }
    // Nothing passed: keep the last value of a required question (the final check reports it), else none.
    if (!q.isRequired && !this.mustAnswer.has(q)) {
      q.clearValue();
      if (!q.parentQuestion) this.skipped.add(q.name);
    }
  }

  /** survey-core's own verdict on one question, without touching the UI. */
  private accepts(q: AnyQuestion): boolean {
    try {
      return q.validate(false) !== false;
    } catch {
      return true;
    }
  }

  /** Fills the comment area of a question that has one (not for the other item, handled with the choice). */
  private answerComment(q: AnyQuestion): void {
    const hasCommentArea = q.showCommentArea ?? q.hasComment;
    if (!hasCommentArea || !isEmptyValue(q.comment)) return;
    if (this.fill === "required" && !q.isCommentRequired) return;
    if (this.fill !== "all" && !this.rng.chance(0.5)) return;
    q.comment = `Comment on ${q.name}: ${this.sentence(3)}`;
  }

  private sentence(count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.rng.pick(words));
    const text = out.join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** A value for a simple question, varied by `attempt`; undefined when the generator has nothing to give. */
  private valueFor(q: AnyQuestion, attempt: number, unique?: number): unknown {
    const type = q.getType();
    switch (type) {
      case "text":
        return this.textValue(q, attempt, unique);
      case "comment":
        return this.commentValue(q, attempt, unique);
      case "radiogroup":
      case "dropdown":
      case "buttongroup":
        return this.singleChoice(q, attempt, unique);
      case "imagepicker":
        return q.multiSelect ? this.multipleChoice(q, attempt) : this.singleChoice(q, attempt, unique);
      case "checkbox":
      case "tagbox":
        return this.multipleChoice(q, attempt);
      case "ranking":
        return this.rankingValue(q);
      case "rating": {
        const values: ItemValue[] = (q.visibleRateValues ?? []).filter((v: ItemValue) => v.isEnabled !== false);
        if (values.length === 0) return undefined;
        return (unique !== undefined ? values[unique % values.length]! : this.rng.pick(values)).value;
      }
      case "boolean": {
        const yes = q.valueTrue ?? true;
        const no = q.valueFalse ?? false;
        return (attempt + this.rng.int(0, 1)) % 2 === 0 ? yes : no;
      }
      case "file":
        return this.fileValue(q);
      case "signaturepad":
        return q.dataFormat === "svg" ? tinySvg : q.dataFormat === "jpeg" ? tinyJpeg : tinyPng;
      case "slider":
        return this.sliderValue(q);
      default:
        return undefined;
    }
  }

  private numericBounds(q: AnyQuestion): {
    min: number | undefined;
    max: number | undefined;
    step: number | undefined;
  } {
    let min = num(q.renderedMin ?? q.min);
    let max = num(q.renderedMax ?? q.max);
    for (const v of validatorsOf(q, "numericvalidator")) {
      const lo = num(v.minValue);
      const hi = num(v.maxValue);
      if (lo !== undefined) min = min === undefined ? lo : Math.max(min, lo);
      if (hi !== undefined) max = max === undefined ? hi : Math.min(max, hi);
    }
    const step = num(q.step);
    return { min, max, step: step && step > 0 ? step : undefined };
  }

  private numberValue(q: AnyQuestion, attempt: number, unique?: number): number {
    const { min, max, step } = this.numericBounds(q);
    const lo = min ?? (max !== undefined ? Math.min(0, max) : 0);
    const hi = max ?? lo + 100;
    const from = step ? lo : Math.ceil(lo);
    const stepSize = step ?? 1;
    const slots = Math.max(0, Math.floor((hi - from) / stepSize + 1e-9));
    let k: number;
    if (unique !== undefined) k = unique % (slots + 1);
    else if (attempt === 0) k = this.rng.int(0, Math.min(slots, 50));
    else if (attempt % 3 === 1) k = 0;
    else if (attempt % 3 === 2) k = slots;
    else k = this.rng.int(0, slots);
    const value = from + k * stepSize;
    // Avoid binary noise such as 0.30000000000000004 from fractional steps.
    return Number(value.toFixed(10));
  }

  private dateValue(q: AnyQuestion, attempt: number): Date {
    const base = Date.UTC(2024, 0, 1) + this.rng.int(0, 700) * 86_400_000 + this.rng.int(0, 23) * 3_600_000;
    let time = attempt % 2 === 1 ? Date.UTC(2020, 5, 15, 9) : base;
    const min = q.renderedMin ?? q.min;
    const max = q.renderedMax ?? q.max;
    const lo = typeof min === "string" && min ? Date.parse(min) : NaN;
    const hi = typeof max === "string" && max ? Date.parse(max) : NaN;
    if (Number.isFinite(lo) && time < lo) time = lo + 86_400_000;
    if (Number.isFinite(hi) && time > hi) time = Math.max(Number.isFinite(lo) ? lo : -Infinity, hi - 86_400_000);
    return new Date(time);
  }

  private textValue(q: AnyQuestion, attempt: number, unique?: number): unknown {
    const inputType = String(q.inputType || "text").toLowerCase();
    const n = ++this.counter;
    const maskType = q.maskType && q.maskType !== "none" ? String(q.maskType) : "";
    if (inputType === "number" || inputType === "range" || maskType === "numeric" || maskType === "currency") {
      return this.numberValue(q, attempt, unique);
    }
    if (maskType === "pattern") {
      const pattern = String(q.maskSettings?.pattern ?? "");
      const save = Boolean(q.maskSettings?.saveMaskedValue);
      let out = "";
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (c === "\\") {
          if (save) out += pattern[i + 1] ?? "";
          i++;
        } else if (c === "9") out += String(this.rng.int(0, 9));
        else if (c === "a") out += this.rng.pick(lower);
        else if (c === "#") out += this.rng.pick([...lower, ...digits]);
        else if (save) out += c;
      }
      return out;
    }
    const date = () => this.dateValue(q, attempt);
    const d = (x: Date) => `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
    switch (inputType) {
      case "date":
        return d(date());
      case "datetime-local":
      case "datetime": {
        const x = date();
        return `${d(x)}T${pad(x.getUTCHours())}:${pad(this.rng.int(0, 59))}`;
      }
      case "month": {
        const x = date();
        return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}`;
      }
      case "week": {
        const x = date();
        return `${x.getUTCFullYear()}-W${pad(this.rng.int(1, 52))}`;
      }
      case "time":
        return `${pad(this.rng.int(8, 18))}:${pad(this.rng.int(0, 59))}`;
      case "email":
        return `respondent${n}@example.org`;
      case "url":
        return `https://example.org/page-${n}`;
      case "tel":
        return `+996555${String(100000 + this.rng.int(0, 899999))}`;
      case "color":
        return `#${this.rng.int(0, 0xffffff).toString(16).padStart(6, "0")}`;
      case "password":
        return `Secret-${n}-${this.rng.pick(words)}`;
    }
    return this.freeText(q, attempt, unique, 1 + this.rng.int(0, 3));
  }

  private commentValue(q: AnyQuestion, attempt: number, unique?: number): unknown {
    return this.freeText(q, attempt, unique, 5 + this.rng.int(0, 8));
  }

  /** Free text that satisfies the length, email, numeric and regex validators the question carries. */
  private freeText(q: AnyQuestion, attempt: number, unique: number | undefined, wordCount: number): string | undefined {
    const regexes = validatorsOf(q, "regexvalidator").filter((v) => v.regex);
    const emails = validatorsOf(q, "emailvalidator");
    const numerics = validatorsOf(q, "numericvalidator");
    const texts = validatorsOf(q, "textvalidator");
    let minLength = 0;
    let maxLength = Number(q.getMaxLength?.() ?? 0) || 0;
    let allowDigits = true;
    for (const v of texts) {
      if (num(v.minLength)) minLength = Math.max(minLength, Number(v.minLength));
      if (num(v.maxLength)) maxLength = maxLength ? Math.min(maxLength, Number(v.maxLength)) : Number(v.maxLength);
      if (v.allowDigits === false) allowDigits = false;
    }
    const fit = (text: string): string => {
      let out = text;
      while (out.length < minLength) out += ` ${this.rng.pick(words)}`;
      if (maxLength > 0 && out.length > maxLength) out = out.slice(0, maxLength).trimEnd() || out.slice(0, maxLength);
      return out;
    };
    if (regexes.length > 0) {
      const candidates = regexCandidates(
        String(regexes[0]!.regex),
        regexes[0]!.caseInsensitive ? "i" : "",
        this.rng,
      ).filter((c) =>
        regexes.every((r) => {
          try {
            return new RegExp(String(r.regex), r.caseInsensitive ? "i" : "").test(c);
          } catch {
            return true;
          }
        }),
      );
      if (candidates.length === 0) return undefined;
      return candidates[attempt % candidates.length];
    }
    if (emails.length > 0) return `respondent${++this.counter}@example.org`;
    if (numerics.length > 0) return String(this.numberValue(q, attempt, unique));
    let text = this.sentence(wordCount);
    if (unique !== undefined) text += allowDigits ? ` ${unique + 1}` : ` ${lower[unique % 26]}`;
    if (attempt > 0 && allowDigits) text += ` ${attempt}`;
    return fit(text);
  }

  /** The visible, enabled, ordinary choices (no other, none, select-all or special items). */
  private regularChoices(q: AnyQuestion): ItemValue[] {
    const special = new Set<unknown>(
      [q.otherItem, q.noneItem, q.selectAllItem, q.refuseItem, q.dontKnowItem].filter(Boolean),
    );
    const choices: ItemValue[] = q.visibleChoices ?? [];
    return choices.filter((c) => !special.has(c) && c.isEnabled !== false && !c.showCommentArea && !c.isExclusive);
  }

  private specialChoices(q: AnyQuestion): ItemValue[] {
    const visible: ItemValue[] = q.visibleChoices ?? [];
    return [q.noneItem, q.refuseItem, q.dontKnowItem].filter(
      (item) => item && visible.includes(item) && item.isEnabled !== false,
    );
  }

  private otherAvailable(q: AnyQuestion): boolean {
    const visible: ItemValue[] = q.visibleChoices ?? [];
    return Boolean(q.hasOther && q.otherItem && visible.includes(q.otherItem) && q.otherItem.isEnabled !== false);
  }

  private otherText(): string {
    return `Other: ${this.sentence(2)}`;
  }

  private singleChoice(q: AnyQuestion, attempt: number, unique?: number): unknown {
    const regular = this.regularChoices(q);
    const useOther =
      this.otherAvailable(q) &&
      (regular.length === 0 || (this.fill === "all" && attempt === 0 && this.rng.chance(0.2)));
    if (useOther) {
      this.pendingOther = true;
      return q.otherItem.value;
    }
    if (regular.length > 0) {
      if (unique !== undefined) return regular[unique % regular.length]!.value;
      if (attempt === 0) return this.rng.pick(regular).value;
      return regular[attempt % regular.length]!.value;
    }
    const special = this.specialChoices(q);
    return special.length > 0 ? special[0]!.value : undefined;
  }

  private multipleChoice(q: AnyQuestion, attempt: number): unknown {
    const regular = this.regularChoices(q);
    const minSelected = Math.max(
      1,
      num(q.minSelectedChoices) ?? 0,
      ...validatorsOf(q, "answercountvalidator").map((v) => num(v.minCount) ?? 0),
    );
    let maxSelected = num(q.maxSelectedChoices) || regular.length;
    for (const v of validatorsOf(q, "answercountvalidator"))
      if (num(v.maxCount)) maxSelected = Math.min(maxSelected, Number(v.maxCount));
    const special = this.specialChoices(q);
    const other = this.otherAvailable(q);
    const exclusive =
      special.length > 0 && (attempt % 4 === 3 || (this.fill === "random" && attempt === 0 && this.rng.chance(0.15)));
    if (regular.length === 0 || exclusive) {
      if (special.length > 0) return [special[0]!.value];
      if (other) {
        this.pendingOther = true;
        return [q.otherItem.value];
      }
      return undefined;
    }
    const hi = Math.max(minSelected, Math.min(maxSelected, regular.length, minSelected + 3));
    const count = Math.min(regular.length, this.fill === "required" ? minSelected : this.rng.int(minSelected, hi));
    const picked = this.rng.shuffle(regular).slice(0, count);
    // Keep the question's own order, as a respondent's clicks are stored in click order but any order is valid.
    const values = regular.filter((c) => picked.includes(c)).map((c) => c.value);
    if (other && this.fill === "all" && attempt === 0 && values.length < maxSelected && this.rng.chance(0.3)) {
      this.pendingOther = true;
      values.push(q.otherItem.value);
    }
    const property = q.valuePropertyName;
    return property ? values.map((v) => ({ [property]: v })) : values;
  }

  private rankingValue(q: AnyQuestion): unknown {
    const choices: ItemValue[] = (q.visibleChoices ?? []).filter((c: ItemValue) => c.isEnabled !== false);
    if (choices.length === 0) return undefined;
    let ranked = this.rng.shuffle(choices);
    if (q.selectToRankEnabled) {
      const lo = Math.max(1, num(q.minSelectedChoices) ?? 1);
      const hi = Math.max(lo, Math.min(num(q.maxSelectedChoices) || choices.length, choices.length));
      ranked = ranked.slice(0, this.rng.int(lo, hi));
    }
    return ranked.map((c) => c.value);
  }

  private fileValue(q: AnyQuestion): unknown {
    const accepted = String(q.acceptedTypes ?? "").toLowerCase();
    let file = { name: "evidence.png", type: "image/png", content: tinyPng };
    if (accepted && !/image|png|\*/.test(accepted)) {
      if (accepted.includes("pdf")) file = { name: "evidence.pdf", type: "application/pdf", content: tinyPdf };
      else file = { name: "evidence.txt", type: "text/plain", content: tinyText };
    }
    const files = [file];
    if (q.allowMultiple && this.fill === "all")
      files.push({ name: "notes.txt", type: "text/plain", content: tinyText });
    return files;
  }

  private sliderValue(q: AnyQuestion): unknown {
    const min = num(q.min) ?? 0;
    const max = num(q.max) ?? 100;
    const step = num(q.step) || 1;
    const slots = Math.max(0, Math.floor((max - min) / step));
    const at = (k: number) => Number((min + k * step).toFixed(10));
    if (q.sliderType === "range") {
      const a = this.rng.int(0, slots);
      const b = this.rng.int(a, slots);
      return [at(a), at(b)];
    }
    return at(this.rng.int(0, slots));
  }

  private pendingOther = false;

  /** The other item was chosen: give it its text, as a respondent must. */
  private settleOther(q: AnyQuestion): void {
    if (!this.pendingOther) return;
    this.pendingOther = false;
    if (q.isOtherSelected) q.otherValue = this.otherText();
  }

  // Containers -------------------------------------------------------------------------------------------

  private answerMatrix(q: AnyQuestion, force: boolean): void {
    const rows: Array<{ name: unknown; isVisible?: boolean; isReadOnly?: boolean }> = (q.visibleRows ?? []).filter(
      (r: AnyQuestion) => r.isVisible !== false && !r.isReadOnly,
    );
    const columns: ItemValue[] = (q.visibleColumns ?? []).filter(
      (c: ItemValue) => c.isEnabled !== false && c.isVisible !== false,
    );
    if (rows.length === 0 || columns.length === 0) return;
    const current: Record<string, unknown> = force || !q.value ? {} : { ...q.value };
    const allRows = q.eachRowRequired ?? q.isAllRowRequired;
    const multi = Boolean(q.isMultiSelect);
    const unique = Boolean(q.eachRowUnique ?? q.isUniqueRows);
    let wanted: typeof rows;
    if (allRows) wanted = rows;
    else if (this.fill === "all") wanted = rows;
    else if (this.fill === "random") wanted = rows.filter((r) => this.wants(r, false));
    else wanted = [];
    if (q.isRequired && wanted.length === 0 && Object.keys(current).length === 0) wanted = [rows[0]!];
    const order = unique ? this.rng.shuffle(columns) : columns;
    wanted.forEach((row, i) => {
      const key = String(row.name);
      if (current[key] !== undefined) return;
      if (unique) {
        if (i >= order.length) return;
        current[key] = multi ? [order[i]!.value] : order[i]!.value;
      } else if (multi) {
        const regular = columns.filter((c) => !c.isExclusive);
        current[key] = (
          regular.length
            ? this.rng.shuffle(regular).slice(0, this.rng.int(1, Math.min(2, regular.length)))
            : [columns[0]!]
        ).map((c) => c.value);
      } else current[key] = this.rng.pick(columns).value;
    });
    if (Object.keys(current).length > 0 && JSON.stringify(current) !== JSON.stringify(q.value ?? {})) q.value = current;
  }

  private answerMatrixDynamic(q: AnyQuestion, path: string, force: boolean): void {
    const current = q.rowCount ?? 0;
    const minRows = Math.max(num(q.minRowCount) ?? 0, q.isRequired ? 1 : 0);
    const maxRows = num(q.maxRowCount) ?? 1000;
    if (!this.rowsSized.has(q)) {
      this.rowsSized.add(q);
      let target: number;
      if (this.fill === "all") target = Math.max(minRows, current, this.rng.int(1, 2));
      else if (this.fill === "random") target = Math.max(minRows, current, this.rng.int(0, 2));
      else target = Math.max(minRows, current);
      target = Math.min(target, maxRows);
      if (target < current && q.allowRemoveRows === false) target = current;
      if (target > current && q.allowAddRows === false) target = current;
      if (target !== current) q.rowCount = target;
    }
    this.answerMatrixRows(q, path, force);
  }

  private readonly rowsSized = new WeakSet<object>();
  private readonly panelsSized = new WeakSet<object>();

  private answerMatrixRows(q: AnyQuestion, path: string, force: boolean): void {
    const rows: AnyQuestion[] = (q.visibleRows ?? []).filter((r: AnyQuestion) => r.isVisible !== false);
    const dynamic = q.getType() === "matrixdynamic";
    let answeredAny = !isEmptyValue(q.value);
    rows.forEach((row, index) => {
      if (row.isRowEnabled && !row.isRowEnabled()) return;
      const rowPath = dynamic ? `${path}[${index}]` : `${path}.${String(row.rowName)}`;
      for (let pass = 0; pass < 3; pass++) {
        for (const cell of row.cells as AnyQuestion[]) {
          const column = cell.column as AnyQuestion;
          const question = cell.question as AnyQuestion;
          if (!question || column?.isColumnVisible === false || column?.isVisible === false) continue;
          if (!isVisibleQuestion(question)) continue;
          if (!force && !isEmptyValue(question.value)) continue;
          const uniqueIndex = column?.isUnique || (q.keyName && column?.name === q.keyName) ? index : undefined;
          this.answer(question, `${rowPath}.${String(column?.name ?? question.name)}`, force, uniqueIndex);
          if (!isEmptyValue(question.value)) answeredAny = true;
        }
      }
    });
    // A required matrix with nothing required inside needs one answer somewhere.
    if (q.isRequired && !answeredAny) {
      for (const row of rows) {
        const cell = (row.cells as AnyQuestion[]).find(
          (c) => c.question && isVisibleQuestion(c.question) && !computed.has(c.question.getType()),
        );
        if (!cell) continue;
        const value = this.valueFor(cell.question, 0);
        if (value !== undefined) {
          cell.question.value = value;
          this.settleOther(cell.question);
          break;
        }
      }
    }
  }

  private answerPanelDynamic(q: AnyQuestion, path: string, force: boolean): void {
    if (!this.panelsSized.has(q)) {
      this.panelsSized.add(q);
      const current = q.panelCount ?? 0;
      const minPanels = Math.max(num(q.minPanelCount) ?? 0, q.isRequired ? 1 : 0);
      const maxPanels = num(q.maxPanelCount) ?? 100;
      let target: number;
      if (this.fill === "all") target = Math.max(minPanels, current, this.rng.int(1, 2));
      else if (this.fill === "random") target = Math.max(minPanels, current, this.rng.int(0, 2));
      else target = Math.max(minPanels, current);
      target = Math.min(target, maxPanels);
      if (target < current && q.allowRemovePanel === false) target = current;
      if (target > current && q.allowAddPanel === false) target = current;
      if (target !== current) q.panelCount = target;
    }
    const panels: AnyQuestion[] = q.panels ?? [];
    panels.forEach((panel, index) => {
      if (panel.isVisible === false) return;
      for (let pass = 0; pass < 4; pass++) {
        let changed = false;
        for (const nested of panel.questions as AnyQuestion[]) {
          if (!isVisibleQuestion(nested)) continue;
          const before = JSON.stringify(nested.value ?? null);
          this.answer(nested, `${path}[${index}].${nested.name}`, force);
          if (JSON.stringify(nested.value ?? null) !== before) changed = true;
        }
        if (!changed) break;
      }
    });
  }

  private answerMultipleText(q: AnyQuestion, path: string, force: boolean): void {
    const items: AnyQuestion[] = q.items ?? [];
    let answeredAny = !isEmptyValue(q.value);
    items.forEach((item, index) => {
      const editor = item.editor as AnyQuestion;
      const current = (q.value ?? {})[item.name];
      if (!force && !isEmptyValue(current)) return;
      const required = Boolean(item.isRequired) || (q.isRequired && !answeredAny && index === items.length - 1);
      if (!this.wants(item, required)) return;
      const attempt = this.attemptOf(`${path}.${item.name}`);
      for (let k = 0; k < 4; k++) {
        const value = this.textValue(editor ?? item, attempt + k);
        if (value === undefined) break;
        item.value = value;
        answeredAny = true;
        if (!editor || this.accepts(editor)) break;
      }
    });
  }
}

/**
 * What SurveyJS keeps of `sent` on completion: `doComplete()` clears the answers of invisible questions
 * (clearUnusedValues), after `onCompleting`, where Sapat's respondent page posts the data. Done on a model
 * of its own, so that the live model keeps what the browser keeps while the respondent is still answering.
 */
export function completedData(json: Record<string, unknown>, sent: Record<string, unknown>): Record<string, unknown> {
  const model = buildModel(json, 1);
  model.data = structuredClone(sent);
  for (let pass = 0; pass < 5; pass++) {
    const before = JSON.stringify(model.data);
    (model as unknown as { clearUnusedValues(): void }).clearUnusedValues();
    if (JSON.stringify(model.data) === before) break;
  }
  return structuredClone(model.data) as Record<string, unknown>;
}

/** survey-core's verdict on the whole model: the questions (top-level names) it reports errors for. */
function modelIssues(model: SurveyModel): AnswerIssue[] {
  model.validate(true, false);
  const issues: AnswerIssue[] = [];
  for (const q of model.getAllQuestions(true, false, true) as AnyQuestion[]) {
    if (!q.errors?.length) continue;
    let top: AnyQuestion = q;
    while (top.parentQuestion) top = top.parentQuestion;
    issues.push({ question: top.name, message: q.errors.map((e: { getText(): string }) => e.getText()).join(" ") });
  }
  return issues;
}

function topLevelName(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

function buildModel(json: Record<string, unknown>, seed: number): SurveyModel {
  setupSurveyCore();
  const model = new Model(structuredClone(json));
  model.randomSeed = (seed % 2_000_000_000) + 1;
  return model;
}

/** Generates an answer set and reports what (if anything) still fails. */
export function generateAnswerSet(json: Record<string, unknown>, options: GenerateOptions): GeneratedAnswerSet {
  const fill = options.fill ?? "all";
  const model = buildModel(json, options.seed);
  // Upload rules (names, regex safety, nesting) are not the generator's business: a stored version's rules.
  const linted = lintQuestionnaire(json, { stored: true });
  if (!linted.ok) throw new Error(`the questionnaire does not pass lint: ${JSON.stringify(linted.issues)}`);
  const generator = new Generator(model, new Rng(options.seed), fill);
  let issues: AnswerIssue[] = [];
  let data: Record<string, unknown> = {};
  let sent: Record<string, unknown> = {};
  const refused: GeneratedAnswerSet["refused"] = { sapat: [], surveyCore: [] };
  if (options.changes) {
    generator.walk();
    generator.changeAnswers(options.changes);
  }
  for (let round = 0; round < 8; round++) {
    generator.walk();
    sent = structuredClone(model.data) as Record<string, unknown>;
    data = completedData(json, sent);
    const sapat = validateAnswers(linted.questionnaire, data).issues;
    const surveyCore = modelIssues(model);
    refused.sapat.push(...sapat);
    refused.surveyCore.push(...surveyCore);
    issues = [...sapat, ...surveyCore];
    if (issues.length === 0) break;
    const names = new Set(issues.map((issue) => topLevelName(issue.question)));
    for (const name of names) {
      const question = model.getQuestionByName(name) as AnyQuestion | null;
      if (question) generator.retry(question);
      else {
        // A key no question owns (written by a trigger or a default): a browser would send it too, so it stays
        // and the issue is reported.
      }
    }
  }
  return { data, sent, issues, dropped: [...generator.skipped].sort(), refused };
}

/**
 * A valid answer set for the questionnaire: what a browser running survey-core would send after the
 * respondent answered (every / only required / some) visible questions. Throws when the generator cannot
 * produce one that survey-core and Sapat's checks accept.
 */
export function generateAnswers(json: Record<string, unknown>, options: GenerateOptions): Record<string, unknown> {
  const set = generateAnswerSet(json, options);
  if (set.issues.length > 0) {
    throw new Error(
      `could not generate a valid answer set (fill ${options.fill ?? "all"}): ${JSON.stringify(set.issues, null, 2)}`,
    );
  }
  return set.data;
}

/** Which visible top-level questions an answer set answers, against which are answerable and required. */
export function answeredQuestions(json: Record<string, unknown>, data: Record<string, unknown>): AnswerCoverage {
  const model = buildModel(json, 1);
  model.data = structuredClone(data);
  const coverage: AnswerCoverage = { answerable: [], answered: [], required: [], unansweredRequired: [] };
  for (const q of model.getAllQuestions(true, false, false) as AnyQuestion[]) {
    const type = q.getType();
    if (displayOnly.has(type) || computed.has(type) || q.isReadOnly) continue;
    coverage.answerable.push(q.name);
    const answered = !isEmptyValue(q.value);
    if (answered) coverage.answered.push(q.name);
    if (q.isRequired) {
      coverage.required.push(q.name);
      if (!answered) coverage.unansweredRequired.push(q.name);
    }
  }
  return coverage;
}
