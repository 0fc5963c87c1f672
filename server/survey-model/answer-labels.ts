import type { ItemValue, Model, Question } from "survey-core";

// Answers in words: the question a path names and the labels of the values stored, in the model's locale (the
// questionnaire's own translations, falling back to its default language as survey-core does). Paths are those of
// validation issues, revision diffs and export columns: `q`, `matrix.row`, `matrix.row.col`, `panel[0].q`,
// `dynamicMatrix[1].col`, `multipleText.item`. Shared by the workspace (revision diffs, the organisation profile)
// and anything else that must show an answer to a person; the caller builds the Model and sets its locale.

/** What the labels say around the questionnaire's words: the n-th row of a dynamic panel or matrix. */
export interface AnswerLabelWords {
  row(n: number): string;
}

const separator = " › ";

interface Part {
  /** The question whose values the path's answer takes (a column, a panel's inner question...). */
  question: Question | null;
  /** Extra choice lists to read labels from when the question has none (a matrix column without its own). */
  fallbackChoices: ItemValue[];
  /** The path in words. */
  words: string[];
}

const step = /^(?:\.([^.[]+)|\[(\d+)\])/;

/** Splits `panel[0].q.x` into ["panel", 0, "q", "x"]. */
function splitPath(path: string): Array<string | number> {
  const name = /^[^.[]+/.exec(path)?.[0] ?? path;
  const parts: Array<string | number> = [name];
  let rest = path.slice(name.length);
  while (rest) {
    const match = step.exec(rest);
    if (!match) {
      parts.push(rest);
      break;
    }
    parts.push(match[1] !== undefined ? match[1] : Number(match[2]));
    rest = rest.slice(match[0].length);
  }
  return parts;
}

const textOf = (items: ItemValue[] | undefined, value: unknown): string | undefined =>
  // Stored values come back from JSON: a choice value 1 may be stored as "1" by an import, hence the loose match.
  items?.find((item) => item.value === value || String(item.value) === String(value))?.text;

function resolve(model: Model, path: string, words: AnswerLabelWords): Part {
  const [name, ...rest] = splitPath(path);
  const question = model.getQuestionByName(String(name)) as Question | null;
  if (!question) return { question: null, fallbackChoices: [], words: [path] };
  const part: Part = { question, fallbackChoices: [], words: [question.title || question.name] };
  let current: any = question;
  for (const key of rest) {
    const type: string = current?.getType?.() ?? "";
    if (typeof key === "number") {
      part.words.push(words.row(key + 1));
      continue;
    }
    if (type === "matrix") {
      // A single-choice matrix: the key is a row, the answer a column.
      part.words.push(textOf(current.rows, key) ?? key);
      part.fallbackChoices = current.columns;
      part.question = null;
      current = null;
    } else if (type === "matrixdropdown" && textOf(current.rows, key) !== undefined) {
      part.words.push(textOf(current.rows, key)!);
    } else if (type === "matrixdropdown" || type === "matrixdynamic") {
      const column = current.getColumnByName?.(key);
      part.words.push(column?.title ?? key);
      part.fallbackChoices = current.choices ?? [];
      part.question = column?.templateQuestion ?? null;
      current = null;
    } else if (type === "multipletext") {
      const item = current.items?.find((i: { name: string }) => i.name === key);
      part.words.push(item?.title ?? key);
      part.question = null;
      current = null;
    } else if (type === "paneldynamic") {
      const inner = current.template?.getQuestionByName(key) as Question | null;
      part.words.push(inner ? inner.title || inner.name : key);
      part.question = inner;
      part.fallbackChoices = [];
      current = inner;
    } else {
      part.words.push(key);
      current = null;
    }
  }
  return part;
}

/** The question (and row, column, item...) a path names, in words: "Where do you work › Bishkek office". */
export function describeAnswerPath(model: Model, path: string, words: AnswerLabelWords): string {
  return resolve(model, path, words).words.join(separator);
}

/** One stored value in words: choice labels, the questionnaire's yes/no, else the value itself. */
function describeOne(part: Part, value: unknown): string {
  const question = part.question as any;
  if (question?.getType?.() === "boolean") {
    // Counts and exports key answers by their text: "true" is the answer true.
    const said = String(value);
    if (value === true || said === "true" || said === String(question.valueTrue ?? true)) return question.labelTrue;
    if (value === false || said === "false" || said === String(question.valueFalse ?? false))
      return question.labelFalse;
  }
  const label = textOf(question?.choices, value) ?? textOf(part.fallbackChoices, value);
  if (label !== undefined) return label;
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
}

/** The value stored at a path, in words; a list of choices becomes their labels joined by commas; none is "—". */
export function describeAnswerValue(model: Model, path: string, value: unknown, words: AnswerLabelWords): string {
  if (value === undefined || value === null || value === "") return "—";
  const part = resolve(model, path, words);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value.map((v) => describeOne(part, v)).join(", ");
  return describeOne(part, value);
}
