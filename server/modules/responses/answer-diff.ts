import { isDeepStrictEqual } from "node:util";

/** One changed answer cell. `null` stands for "no answer" (JSON has no undefined). */
export interface AnswerChange {
  /** `q`, `matrix.row.col`, `panel[0].q`: the same paths as validation issues and export columns. */
  path: string;
  before: unknown;
  after: unknown;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list of rows or panels (objects), as opposed to a list of values such as a checkbox answer. */
function isListOfObjects(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isPlainObject(v) || v === null);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function objectKeys(before: Json, after: Json): string[] {
  const keys = Object.keys(before);
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) keys.push(key);
  return keys;
}

function diffValue(path: string, before: unknown, after: unknown, changes: AnswerChange[]): void {
  if (isDeepStrictEqual(before, after) || (isAbsent(before) && isAbsent(after))) return;
  const found = changes.length;
  const objects = (isPlainObject(before) || isAbsent(before)) && (isPlainObject(after) || isAbsent(after));
  const lists = (isListOfObjects(before) || isAbsent(before)) && (isListOfObjects(after) || isAbsent(after));
  if (objects) {
    const b = (before ?? {}) as Json;
    const a = (after ?? {}) as Json;
    for (const key of objectKeys(b, a)) diffValue(`${path}.${key}`, b[key], a[key], changes);
  } else if (lists) {
    const b = (before ?? []) as unknown[];
    const a = (after ?? []) as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(`${path}[${i}]`, b[i], a[i], changes);
  }
  // A change no leaf shows (an empty panel list appearing, an object turning into text) is a change of the whole.
  if (changes.length === found) changes.push({ path, before: before ?? null, after: after ?? null });
}

/**
 * The answer cells that differ between two answer sets, in question order (the earlier set's keys first, then the
 * new ones). Objects (matrices, multiple text) and lists of objects (dynamic panels and matrices) are compared down
 * to their leaves; any other list (checkbox, ranking, tag box) is one value.
 */
export function diffAnswers(before: Json, after: Json): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const key of objectKeys(before, after)) diffValue(key, before[key], after[key], changes);
  return changes;
}
