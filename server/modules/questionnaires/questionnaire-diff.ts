// What changed between two versions of a questionnaire, read from their JSON. Pure.

type Json = Record<string, unknown>;

export interface ChoiceChanges {
  question: string;
  added: string[];
  removed: string[];
  /** Choices whose text, level or condition changed. */
  changed: string[];
}

export interface QuestionnaireDiff {
  added: string[];
  removed: string[];
  /** Questions (and panels) present in both whose definition changed, with the properties that did. */
  changed: Array<{ name: string; properties: string[] }>;
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

function choiceMap(element: Json): Map<string, string> {
  const choices = (element.choices ?? element.rateValues ?? []) as unknown[];
  return new Map(
    choices.map((c) =>
      typeof c === "object" && c !== null
        ? [String((c as Json).value), JSON.stringify(c)]
        : [String(c), JSON.stringify(c)],
    ),
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
  for (const name of after.keys()) if (!before.has(name)) diff.added.push(name);
  for (const name of before.keys()) if (!after.has(name)) diff.removed.push(name);
  const skip = new Set([...containerKeys, "choices", "rateValues"]);
  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) continue;
    const properties = changedKeys(old, now, skip);
    if (properties.length > 0) diff.changed.push({ name, properties });
    const a = choiceMap(old);
    const b = choiceMap(now);
    const choices: ChoiceChanges = {
      question: name,
      added: [...b.keys()].filter((v) => !a.has(v)),
      removed: [...a.keys()].filter((v) => !b.has(v)),
      changed: [...a.keys()].filter((v) => b.has(v) && a.get(v) !== b.get(v)),
    };
    if (choices.added.length + choices.removed.length + choices.changed.length > 0) diff.choices.push(choices);
  }
  diff.survey = changedKeys(from, to, containerKeys);
  return diff;
}
