import type { Db } from "../../db/database.ts";
import type { Role } from "../../value-lists.ts";
import { visibleEvaluationIds } from "../members/members.service.ts";
import { notFound } from "../../errors.ts";
import type { QuestionnaireCatalogue } from "./questionnaire-catalogue.ts";
import { diffQuestionnaires } from "./questionnaire-diff.ts";
import { countInvitationsByVersion, countResponsesByVersion, listVersions } from "./questionnaires.repository.ts";
import type { Publisher, QuestionnaireVersions } from "./questionnaires.schemas.ts";

/** Who published a version row: users are disabled, never deleted, so the name is always there. */
export function publisherOf(row: { created_by: number | null; publisher_name: string | null }): Publisher {
  return row.created_by === null ? null : { id: row.created_by, name: row.publisher_name ?? "" };
}

/**
 * Every version with what is pinned to it: invitations and responses (all of them: what a new version would
 * affect), and the evaluations they belong to, among those the user may see (another team's are not named).
 */
export async function describeVersions(
  db: Db,
  id: string,
  viewer: { id: number; role: Role },
): Promise<QuestionnaireVersions> {
  const versions = await listVersions(db, id);
  const visible = await visibleEvaluationIds(db, viewer);
  if (versions.length === 0) throw notFound(`Questionnaire ${id}`);
  const [invitations, responses] = await Promise.all([
    countInvitationsByVersion(db, id),
    countResponsesByVersion(db, id),
  ]);
  return {
    id,
    versions: versions.map((v) => {
      const evaluations = new Map<number, { id: number; name: string; invitations: number; responses: number }>();
      const entry = (evaluationId: number, name: string) => {
        let found = evaluations.get(evaluationId);
        if (!found) evaluations.set(evaluationId, (found = { id: evaluationId, name, invitations: 0, responses: 0 }));
        return found;
      };
      for (const row of invitations)
        if (row.version === v.version) entry(row.evaluationId, row.name).invitations += Number(row.n);
      for (const row of responses)
        if (row.version === v.version) entry(row.evaluationId, row.name).responses += Number(row.n);
      const list = [...evaluations.values()].sort((a, b) => a.id - b.id);
      return {
        version: v.version,
        title: v.title,
        source: v.source,
        createdAt: v.created_at,
        publishedBy: publisherOf(v),
        questionCount: v.question_count,
        scoring: v.scoring_id ? { id: v.scoring_id, version: v.scoring_version ?? "" } : null,
        invitations: list.reduce((sum, e) => sum + e.invitations, 0),
        responses: list.reduce((sum, e) => sum + e.responses, 0),
        evaluations: visible ? list.filter((e) => visible.has(e.id)) : list,
      };
    }),
  };
}

export async function diffVersions(db: Db, catalogue: QuestionnaireCatalogue, id: string, from: number, to: number) {
  const [a, b] = await Promise.all([catalogue.get(db, id, from), catalogue.get(db, id, to)]);
  return { id, from, to, ...diffQuestionnaires(JSON.parse(a.json), JSON.parse(b.json)) };
}
