import type { Db } from "../../db/database.ts";
import { listLatestQuestionnaires } from "./questionnaires.repository.ts";
import { publisherOf } from "./questionnaire-versions.service.ts";
import type { QuestionnaireSummary } from "./questionnaires.schemas.ts";

/** The latest version of every questionnaire, with its scoring model if it has one. */
export async function listQuestionnaireSummaries(db: Db): Promise<QuestionnaireSummary[]> {
  const rows = await listLatestQuestionnaires(db);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    audience: r.audience,
    scoring: r.scoring_id ? { id: r.scoring_id, version: r.scoring_version ?? "" } : null,
    questionCount: r.question_count,
    publishedAt: r.created_at,
    publishedBy: publisherOf(r),
  }));
}
