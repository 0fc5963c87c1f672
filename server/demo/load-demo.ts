import type { Db } from "../db/database.ts";
import type { Role } from "../value-lists.ts";
import { inTransaction, within } from "../db/transaction.ts";
import { createEvaluation } from "../modules/evaluations/evaluations.service.ts";
import { createInvitations } from "../modules/invitations/invitations.service.ts";
import { insertOrganization } from "../modules/organizations/organizations.repository.ts";
import type { QuestionnaireCatalogue } from "../modules/questionnaires/questionnaire-catalogue.ts";
import type { SubmitBody } from "../modules/respond/respond.schemas.ts";
import { saveDraft, submitAnswers } from "../modules/respond/respond.service.ts";
import { writtenAlone } from "../modules/respond/submission-writes.ts";
import { recordSubmission } from "../modules/responses/responses.service.ts";
import { saveVerifiedLevel } from "../modules/scores/scores.repository.ts";
import { refreshScoresOf } from "../modules/scores/scores.service.ts";
import { createUser } from "../modules/users/users.service.ts";
import type { Answers } from "../survey-model/answers.ts";
import { validateAnswers } from "../survey-model/validate-answers.ts";
import type { LintedQuestionnaire } from "../survey-model/lint-questionnaire.ts";
import { readDemoData, type DemoData, type DemoInterview, type DemoNgo } from "./demo-data.ts";

export const ngoQuestionnaireId = "ngo-capacity";
export const interviewQuestionnaireId = "government-interview";

/** The account created when the database has no user at all. For trying Sapat out only. */
export const demoUser = {
  email: "demo@example.org",
  password: "sapat-demo-only-2005",
  name: "Demo evaluator",
  role: "evaluator",
} as const;

/**
 * Answers are submitted in English. The cast: common.schemas.ts builds Locale with Type.Union over a mapped
 * array, whose static type is `never`, so no literal type-checks as a locale until that is fixed there.
 */
const english = "en" as unknown as SubmitBody["locale"];

export interface LoadDemoOptions {
  /** Base of the respondent links the invitations carry (config.publicUrl). */
  publicUrl: string;
  /** The data to load; the "PHT final evaluation 2005" (server/demo/pht-2005.json) unless given. */
  data?: DemoData;
}

export type DemoResult =
  | { status: "already_loaded"; evaluationId: number }
  | {
      status: "loaded";
      evaluationId: number;
      /** The account the evaluation is created by; `password` only when the demo created it. */
      user: { id: number; email: string; created: boolean; password?: string };
      /** Organisations created now, and demo organisations of an earlier load taken again. */
      organisations: { created: number; existing: number };
      ngoResponses: number;
      interviews: number;
      verifiedLevels: number;
    };

/**
 * Loads the demo evaluation in one transaction: a demo user when there is none, its own organisations (marked
 * `is_demo`; an organisation the users made is never read or changed, even under the same name), the evaluation
 * (marked `is_demo` too), an invitation and a submitted response per NGO through the respondent services (so
 * validation runs as for a respondent), the government interviews and the verified levels. The evaluation is
 * created open without a closing date and closed once everything is submitted. If the demo evaluation exists
 * already, nothing is written.
 */
export async function loadDemo(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  options: LoadDemoOptions,
): Promise<DemoResult> {
  const data = options.data ?? readDemoData();
  // Checked before the transaction, so that a broken data file fails with its reasons and without a write lock.
  const ngoVersion = await catalogue.latestVersion(db, ngoQuestionnaireId);
  const interviewVersion = await catalogue.latestVersion(db, interviewQuestionnaireId);
  const ngoSurvey = await catalogue.model(db, ngoQuestionnaireId, ngoVersion);
  const interviewSurvey = await catalogue.model(db, interviewQuestionnaireId, interviewVersion);
  checkDemoData(data, ngoSurvey, interviewSurvey);

  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("evaluations")
      .select("id")
      .where("is_demo", "=", 1)
      .where("name", "=", data.evaluation.name)
      .orderBy("id")
      .executeTakeFirst();
    if (existing) return { status: "already_loaded", evaluationId: existing.id };

    const user = await demoAccount(trx);
    const evaluationId = await createEvaluation(
      trx,
      {
        name: data.evaluation.name,
        round: data.evaluation.round,
        questionnaireIds: [ngoQuestionnaireId, interviewQuestionnaireId],
        closesAt: null,
      },
      user,
    );
    await trx.updateTable("evaluations").set({ is_demo: 1 }).where("id", "=", evaluationId).execute();

    const organisations = { created: 0, existing: 0 };
    const ngoIds: number[] = [];
    for (const ngo of data.ngos) {
      const { id, created } = await ensureDemoOrganisation(trx, {
        name: ngo.name,
        kind: "ngo",
        region: ngo.region,
        district: ngo.district,
        orgType: ngo.orgType,
        contactName: ngo.contactName,
        email: ngo.email,
        locale: ngo.locale,
      });
      organisations[created ? "created" : "existing"]++;
      ngoIds.push(id);
    }

    const invited = await createInvitations(
      trx,
      evaluationId,
      { organizationIds: ngoIds, questionnaireId: ngoQuestionnaireId },
      options.publicUrl,
    );
    const ngoResponseIds = new Map<DemoNgo, number>();
    for (const [i, ngo] of data.ngos.entries()) {
      const token = invited.find((inv) => inv.organizationId === ngoIds[i])!.token;
      // As a respondent would: the profile page saved first, the whole questionnaire submitted later.
      await saveDraft(
        trx,
        catalogue,
        token,
        { data: profileAnswers(ngo), currentPage: 1, locale: english },
        within(trx),
      );
      const submitted = await submitAnswers(
        trx,
        catalogue,
        token,
        { data: { ...ngo.answers }, locale: english },
        writtenAlone(within(trx)),
      );
      ngoResponseIds.set(ngo, submitted.responseId);
    }

    for (const interview of data.interviews) {
      const { id, created } = await ensureDemoOrganisation(trx, {
        name: interview.organisation.name,
        kind: "government",
        region: interview.organisation.region,
        district: interview.organisation.district,
        orgType: interview.organisation.orgType,
        contactName: interview.interviewee.name,
        email: null,
        locale: "ru",
      });
      organisations[created ? "created" : "existing"]++;
      await insertInterview(trx, interviewSurvey, {
        interview,
        evaluationId,
        organizationId: id,
        version: interviewVersion,
        interviewerId: user.id,
      });
    }

    for (const level of data.verifiedLevels) {
      const ngo = data.ngos.find((n) => n.name === level.organisation)!;
      await saveVerifiedLevel(trx, {
        responseId: ngoResponseIds.get(ngo)!,
        question: level.question,
        level: level.level,
        note: level.note,
        userId: user.id,
        previous: null,
      });
    }

    // Scored now, as the score backlog would: the demo's readers find every score stored.
    const interviewIds = await trx
      .selectFrom("responses")
      .select("id")
      .where("evaluation_id", "=", evaluationId)
      .where("mode", "=", "interview")
      .execute();
    await refreshScoresOf(trx, catalogue, [...ngoResponseIds.values(), ...interviewIds.map((r) => r.id)]);

    // Closed only now: the respondent services refuse answers to a closed evaluation.
    await trx.updateTable("evaluations").set({ status: "closed" }).where("id", "=", evaluationId).execute();

    return {
      status: "loaded",
      evaluationId,
      user,
      organisations,
      ngoResponses: ngoResponseIds.size,
      interviews: data.interviews.length,
      verifiedLevels: data.verifiedLevels.length,
    };
  });
}

/** Every answer set of the data passes validation and has no answer to a question it does not show. */
export function checkDemoData(
  data: DemoData,
  ngoSurvey: LintedQuestionnaire,
  interviewSurvey: LintedQuestionnaire,
): void {
  const problems: string[] = [];
  const check = (label: string, survey: LintedQuestionnaire, answers: Answers) => {
    const { issues, cleaned } = validateAnswers(survey, answers, "en");
    for (const issue of issues) problems.push(`${label}: ${issue.question}: ${issue.message}`);
    for (const key of Object.keys(answers)) {
      if (!(key in cleaned)) problems.push(`${label}: ${key} is answered but not shown to this respondent`);
    }
  };
  for (const ngo of data.ngos) check(`${ngo.name} (${ngo.region})`, ngoSurvey, { ...ngo.answers });
  for (const interview of data.interviews) {
    check(interview.organisation.name, interviewSurvey, { ...interview.answers });
  }
  for (const v of data.verifiedLevels) {
    if (data.ngos.filter((n) => n.name === v.organisation).length !== 1) {
      problems.push(`verified level ${v.question}: "${v.organisation}" does not name exactly one NGO`);
    }
    if (!ngoSurvey.survey.getQuestionByName(v.question)) problems.push(`verified level: no question ${v.question}`);
  }
  if (problems.length > 0) throw new Error(`The demo data does not pass validation:\n  ${problems.join("\n  ")}`);
}

/** The answers of the profile page, the first page a respondent saves. */
function profileAnswers(ngo: DemoNgo): Answers {
  const profile: Answers = {};
  for (const key of ["P1", "P2", "P3", "P3_other", "P4", "months_in_period", "P7", "P8"]) {
    if (ngo.answers[key] !== undefined) profile[key] = ngo.answers[key];
  }
  return profile;
}

/** The first admin, else the first evaluator, else the first user; a demo evaluator when there is no user. */
async function demoAccount(
  trx: Db,
): Promise<{ id: number; email: string; role: Role; created: boolean; password?: string }> {
  const users = await trx.selectFrom("users").select(["id", "email", "role", "disabled_at"]).orderBy("id").execute();
  if (users.length === 0) {
    const id = await createUser(trx, demoUser);
    return { id, email: demoUser.email, role: demoUser.role, created: true, password: demoUser.password };
  }
  const active = users.filter((u) => u.disabled_at === null);
  const user =
    active.find((u) => u.role === "admin") ?? active.find((u) => u.role === "evaluator") ?? active[0] ?? users[0]!;
  return { id: user.id, email: user.email, role: user.role, created: false };
}

interface OrganisationInput {
  name: string;
  kind: "ngo" | "government";
  region: string;
  district: string | null;
  orgType: string;
  contactName: string | null;
  email: string | null;
  locale: string;
}

/**
 * The demo's own organisation of this name and region (the two WIC Ayalzat differ only by region), created when
 * there is none. Only organisations marked `is_demo` are looked at: one the users made is never taken over.
 */
async function ensureDemoOrganisation(trx: Db, org: OrganisationInput): Promise<{ id: number; created: boolean }> {
  const found = await trx
    .selectFrom("organizations")
    .select("id")
    .where("is_demo", "=", 1)
    .where("name", "=", org.name)
    .where("region", "=", org.region)
    .orderBy("id")
    .executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const now = new Date().toISOString();
  const id = await insertOrganization(trx, {
    name: org.name,
    kind: org.kind,
    region: org.region,
    district: org.district,
    org_type: org.orgType,
    contact_name: org.contactName,
    email: org.email,
    locale: org.locale,
    is_demo: 1,
    created_at: now,
    updated_at: now,
  });
  return { id, created: true };
}

/**
 * An interview as the interview API stores one: a submitted response in mode "interview", revision 1 with its
 * revision row, validated with the same engine as a submission.
 */
async function insertInterview(
  trx: Db,
  survey: LintedQuestionnaire,
  input: {
    interview: DemoInterview;
    evaluationId: number;
    organizationId: number;
    version: number;
    interviewerId: number;
  },
): Promise<number> {
  const { interview } = input;
  const { issues, cleaned } = validateAnswers(survey, { ...interview.answers }, "en");
  if (issues.length > 0) {
    throw new Error(
      `Interview with ${interview.organisation.name}: ${issues.map((i) => `${i.question}: ${i.message}`).join("; ")}`,
    );
  }
  const clientIdTaken = await trx
    .selectFrom("responses")
    .select("id")
    .where("client_id", "=", interview.clientId)
    .executeTakeFirst();
  const now = new Date().toISOString();
  const inserted = await trx
    .insertInto("responses")
    .values({
      evaluation_id: input.evaluationId,
      organization_id: input.organizationId,
      questionnaire_id: interviewQuestionnaireId,
      questionnaire_version: input.version,
      invitation_id: null,
      // A reload (after the demo evaluation was removed) must not collide with the first load's interviews.
      client_id: clientIdTaken ? null : interview.clientId,
      mode: "interview",
      status: "submitted",
      data: JSON.stringify(cleaned),
      current_page: 0,
      locale: "en",
      revision: 1,
      interviewer_id: input.interviewerId,
      interviewee: JSON.stringify(interview.interviewee),
      conducted_at: interview.conductedAt,
      created_at: now,
      updated_at: now,
      submitted_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordSubmission(trx, {
    responseId: inserted.id,
    revision: 1,
    data: cleaned,
    userId: input.interviewerId,
    at: now,
  });
  return inserted.id;
}
