// What changed between two versions of a questionnaire, read from their JSON. Pure.

type Json = Record<string, unknown>;

/** A questionnaire's own text as written: one string, or one per language. */
export type LocalizedText = string | Record<string, string>;

export interface NamedElement {
  name: string;
  title: LocalizedText;
}

export interface DiffChoice {
  value: string;
  text: LocalizedText;
}

export interface ChoiceChanges {
  question: string;
  title: LocalizedText;
  added: DiffChoice[];
  removed: DiffChoice[];
  /** Choices whose text, level or condition changed (their text as the newer version has it). */
  changed: DiffChoice[];
}

export interface QuestionnaireDiff {
  added: NamedElement[];
  removed: NamedElement[];
  /** Questions (and panels) present in both whose definition changed, with the properties that did. */
  changed: Array<NamedElement & { properties: string[] }>;
  choices: ChoiceChanges[];
  /** Survey-level properties that changed (title, scoring, calculated values...). */
  survey: string[];
}

const containerKeys = new Set(["elements", "templateElements", "pages", "questions"]);

/** Every named element, panels and pages' contents included, in order. */
function elementsOf(json: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as Json[]) {
      if (typeof node !== "object" || node === null) continue;
      if (typeof node.name === "string" && typeof node.type === "string" && !out.has(node.name))
        out.set(node.name, node);
      for (const key of containerKeys) walk(node[key]);
    }
  };
  for (const key of containerKeys) walk(json[key]);
  return out;
}

/** A text property as the page can show it: strings kept, anything else (a malformed entry) left out. */
function textOf(value: unknown, fallback: string): LocalizedText {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string");
    if (entries.length > 0) return Object.fromEntries(entries);
  }
  return fallback;
}

const titleOf = (element: Json): LocalizedText => textOf(element.title, String(element.name));

function choiceMap(element: Json): Map<string, { json: string; text: LocalizedText }> {
  const choices = (element.choices ?? element.rateValues ?? []) as unknown[];
  return new Map(
    choices.map((c) => {
      const value = typeof c === "object" && c !== null ? String((c as Json).value) : String(c);
      const text = typeof c === "object" && c !== null ? textOf((c as Json).text, value) : value;
      return [value, { json: JSON.stringify(c), text }];
    }),
  );
}

function changedKeys(a: Json, b: Json, skip: Set<string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !skip.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

export function diffQuestionnaires(from: Json, to: Json): QuestionnaireDiff {
  const before = elementsOf(from);
  const after = elementsOf(to);
  const diff: QuestionnaireDiff = { added: [], removed: [], changed: [], choices: [], survey: [] };
  for (const [name, element] of after) if (!before.has(name)) diff.added.push({ name, title: titleOf(element) });
  for (const [name, element] of before) if (!after.has(name)) diff.removed.push({ name, title: titleOf(element) });
  const skip = new Set([...containerKeys, "choices", "rateValues"]);
  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) continue;
    const properties = changedKeys(old, now, skip);
    const title = titleOf(now);
    if (properties.length > 0) diff.changed.push({ name, title, properties });
    const a = choiceMap(old);
    const b = choiceMap(now);
    const pick = (map: typeof a, values: string[]) => values.map((value) => ({ value, text: map.get(value)!.text }));
    const choices: ChoiceChanges = {
      question: name,
      title,
      added: pick(
        b,
        [...b.keys()].filter((v) => !a.has(v)),
      ),
      removed: pick(
        a,
        [...a.keys()].filter((v) => !b.has(v)),
      ),
      changed: pick(
        b,
        [...a.keys()].filter((v) => b.has(v) && a.get(v)!.json !== b.get(v)!.json),
      ),
    };
    if (choices.added.length + choices.removed.length + choices.changed.length > 0) diff.choices.push(choices);
  }
  diff.survey = changedKeys(from, to, containerKeys);
  return diff;
}
