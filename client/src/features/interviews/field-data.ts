import type { QuestionnaireDetail } from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import { getQuestionnaire, listEvaluations, listOrganizations, listQuestionnaires, type Api } from "./api.ts";
import type { FieldStore } from "./store.ts";

export interface FieldDataProgress {
  step: "lists" | "questionnaires" | "done";
  done: number;
  total: number;
}

export interface FieldDataSummary {
  evaluations: number;
  organizations: number;
  questionnaires: number;
}

/**
 * Copies what starting an interview needs onto the device: every evaluation, every organisation, and the current
 * version of each questionnaire the evaluations use (plus the versions local interviews are pinned to). Versions
 * already on the device are not fetched again: a version never changes.
 */
export async function refreshFieldData(
  store: FieldStore,
  api: Api,
  onProgress: (progress: FieldDataProgress) => void = () => undefined,
): Promise<FieldDataSummary> {
  onProgress({ step: "lists", done: 0, total: 3 });
  const [evaluations, organizations, summaries] = await Promise.all([
    listEvaluations(api),
    listOrganizations(api),
    listQuestionnaires(api),
  ]);
  const used = new Set(evaluations.flatMap((e) => e.questionnaireIds));
  const wanted = new Map<string, { id: string; version: number }>();
  for (const s of summaries) if (used.has(s.id)) wanted.set(`${s.id}@${s.version}`, s);
  for (const interview of await store.listInterviews()) {
    const key = `${interview.questionnaireId}@${interview.questionnaireVersion}`;
    wanted.set(key, { id: interview.questionnaireId, version: interview.questionnaireVersion });
  }
  const cached = new Set((await store.cachedQuestionnaireKeys()).map(([id, version]) => `${id}@${version}`));
  const missing = [...wanted.entries()].filter(([key]) => !cached.has(key)).map(([, ref]) => ref);

  const questionnaires: QuestionnaireDetail[] = [];
  onProgress({ step: "questionnaires", done: 0, total: missing.length });
  for (const ref of missing) {
    questionnaires.push(await getQuestionnaire(api, ref.id, ref.version));
    onProgress({ step: "questionnaires", done: questionnaires.length, total: missing.length });
  }
  await store.saveFieldData({ evaluations, organizations, questionnaires });
  onProgress({ step: "done", done: wanted.size, total: wanted.size });
  return { evaluations: evaluations.length, organizations: organizations.length, questionnaires: wanted.size };
}

/** The questionnaire an interview is pinned to: from the device, else fetched (and kept) when online. */
export async function loadQuestionnaire(store: FieldStore, api: Api, id: string, version: number) {
  const cached = await store.getQuestionnaire(id, version);
  if (cached) return cached;
  const fetched = await getQuestionnaire(api, id, version);
  await store.putQuestionnaire(fetched);
  return fetched;
}
