import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.ts";
import { createEvaluation } from "../modules/evaluations/evaluations.service.ts";
import { createInvitations } from "../modules/invitations/invitations.service.ts";
import { insertOrganization } from "../modules/organizations/organizations.repository.ts";
import type { QuestionnaireCatalogue } from "../modules/questionnaires/questionnaire-catalogue.ts";
import type { SubmitBody } from "../modules/respond/respond.schemas.ts";
import { saveDraft, submitAnswers } from "../modules/respond/respond.service.ts";
import { createUser } from "../modules/users/users.service.ts";
import { validateAnswers, type Answers } from "../survey-model/validate-answers.ts";
import type { LintedQuestionnaire } from "../survey-model/lint-questionnaire.ts";
import {
  evaluationName,
  evaluationRound,
  interviews,
  ngos,
  verifiedLevels,
  type DemoInterview,
  type DemoNgo,
  type DemoVerifiedLevel,
} from "./pht-2005.ts";

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
}

export type VerifiedLevelsOutcome = { inserted: number } | { skipped: string };

export type DemoResult =
  | { status: "already_loaded"; evaluationId: number }
  | {
      status: "loaded";
      evaluationId: number;
      /** The account the evaluation is created by; `password` only when the demo created it. */
      user: { id: number; email: string; created: boolean; password?: string };
      organisations: { created: number; existing: number };
      ngoResponses: number;
      interviews: number;
      verifiedLevels: VerifiedLevelsOutcome;
    };

/**
 * Loads the "PHT final evaluation 2005" (server/demo/pht-2005.ts) in one transaction: a demo user when there is
 * none, the organisations (reusing those that exist by name and region), the evaluation, an invitation and a
 * submitted response per NGO through the respondent services (so validation runs as for a respondent), the
 * government interviews, and the verified levels when the database has a table for them. The evaluation is
 * created open without a closing date and closed once everything is submitted. If the evaluation exists
 * already, nothing is written.
 */
export async function loadDemo(
  db: Db,
  catalogue: QuestionnaireCatalogue,
  options: LoadDemoOptions,
): Promise<DemoResult> {
  // Checked before the transaction, so that a broken data file fails with its reasons and without a write lock.
  const ngoVersion = await catalogue.latestVersion(ngoQuestionnaireId);
  const interviewVersion = await catalogue.latestVersion(interviewQuestionnaireId);
  checkDemoData(
    await catalogue.model(ngoQuestionnaireId, ngoVersion),
    await catalogue.model(interviewQuestionnaireId, interviewVersion),
  );

  return inOneTransaction(db, async (tx) => {
    const existing = await tx
      .selectFrom("evaluations")
      .select("id")
      .where("name", "=", evaluationName)
      .orderBy("id")
      .executeTakeFirst();
    if (existing) return { status: "already_loaded", evaluationId: existing.id };

    // The caller's catalogue reads through its own Db, which would wait for the connection this transaction
    // holds (a deadlock): the services get a catalogue that reads through the transaction.
    const txCatalogue = catalogue.within(tx);
    const user = await demoAccount(tx);
    const evaluationId = await createEvaluation(
      tx,
      {
        name: evaluationName,
        round: evaluationRound,
        questionnaireIds: [ngoQuestionnaireId, interviewQuestionnaireId],
        closesAt: null,
      },
      user.id,
    );

    const organisations = { created: 0, existing: 0 };
    const ngoIds: number[] = [];
    for (const ngo of ngos) {
      const { id, created } = await ensureOrganisation(tx, {
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
      tx,
      evaluationId,
      { organizationIds: ngoIds, questionnaireId: ngoQuestionnaireId },
      options.publicUrl,
    );
    const ngoResponseIds = new Map<DemoNgo, number>();
    for (const [i, ngo] of ngos.entries()) {
      const token = invited.find((inv) => inv.organizationId === ngoIds[i])!.token;
      // As a respondent would: the profile page saved first, the whole questionnaire submitted later.
      await saveDraft(tx, txCatalogue, token, { data: profileAnswers(ngo), currentPage: 1, locale: english });
      const submitted = await submitAnswers(tx, txCatalogue, token, { data: { ...ngo.answers }, locale: english });
      ngoResponseIds.set(ngo, submitted.responseId);
    }

    const interviewSurvey = await txCatalogue.model(interviewQuestionnaireId, interviewVersion);
    for (const interview of interviews) {
      const { id, created } = await ensureOrganisation(tx, {
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
      await insertInterview(tx, interviewSurvey, {
        interview,
        evaluationId,
        organizationId: id,
        version: interviewVersion,
        interviewerId: user.id,
      });
    }

    const verified = await insertVerifiedLevels(tx, verifiedLevels, ngoResponseIds, user.id);

    // Closed only now: the respondent services refuse answers to a closed evaluation.
    await tx.updateTable("evaluations").set({ status: "closed" }).where("id", "=", evaluationId).execute();

    return {
      status: "loaded",
      evaluationId,
      user,
      organisations,
      ngoResponses: ngoResponseIds.size,
      interviews: interviews.length,
      verifiedLevels: verified,
    };
  });
}

/** Every answer set of the data file passes validation and has no answer to a question it does not show. */
export function checkDemoData(ngoSurvey: LintedQuestionnaire, interviewSurvey: LintedQuestionnaire): void {
  const problems: string[] = [];
  const check = (label: string, survey: LintedQuestionnaire, answers: Answers) => {
    const { issues, cleaned } = validateAnswers(survey, answers, "en");
    for (const issue of issues) problems.push(`${label}: ${issue.question}: ${issue.message}`);
    for (const key of Object.keys(answers)) {
      if (!(key in cleaned)) problems.push(`${label}: ${key} is answered but not shown to this respondent`);
    }
  };
  for (const ngo of ngos) check(`${ngo.name} (${ngo.region})`, ngoSurvey, { ...ngo.answers });
  for (const interview of interviews) check(interview.organisation.name, interviewSurvey, { ...interview.answers });
  for (const v of verifiedLevels) {
    if (ngos.filter((n) => n.name === v.organisation).length !== 1) {
      problems.push(`verified level ${v.question}: "${v.organisation}" does not name exactly one NGO`);
    }
    if (!ngoSurvey.survey.getQuestionByName(v.question)) problems.push(`verified level: no question ${v.question}`);
  }
  if (problems.length > 0) throw new Error(`The demo data does not pass validation:\n  ${problems.join("\n  ")}`);
}

/** The answers of the profile page, the first page a respondent saves. */
function profileAnswers(ngo: DemoNgo): Answers {
  const { P1, P2, P3, P3_other, P4, months_in_period, P7, P8 } = ngo.answers;
  const profile: Answers = { P1, P2, P3, P3_other, P4, months_in_period, P7, P8 };
  for (const key of Object.keys(profile)) if (profile[key] === undefined) delete profile[key];
  return profile;
}

/** The first admin, else the first evaluator, else the first user; a demo evaluator when there is no user. */
async function demoAccount(tx: Db): Promise<{ id: number; email: string; created: boolean; password?: string }> {
  const users = await tx.selectFrom("users").select(["id", "email", "role", "disabled_at"]).orderBy("id").execute();
  if (users.length === 0) {
    const id = await createUser(tx, demoUser);
    return { id, email: demoUser.email, created: true, password: demoUser.password };
  }
  const active = users.filter((u) => u.disabled_at === null);
  const user =
    active.find((u) => u.role === "admin") ?? active.find((u) => u.role === "evaluator") ?? active[0] ?? users[0]!;
  return { id: user.id, email: user.email, created: false };
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

/** An organisation is the same one when name and region match: the two WIC Ayalzat differ only by region. */
async function ensureOrganisation(tx: Db, org: OrganisationInput): Promise<{ id: number; created: boolean }> {
  const found = await tx
    .selectFrom("organizations")
    .select("id")
    .where("name", "=", org.name)
    .where("region", "=", org.region)
    .orderBy("id")
    .executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const now = new Date().toISOString();
  const id = await insertOrganization(tx, {
    name: org.name,
    kind: org.kind,
    region: org.region,
    district: org.district,
    org_type: org.orgType,
    contact_name: org.contactName,
    email: org.email,
    locale: org.locale,
    created_at: now,
    updated_at: now,
  });
  return { id, created: true };
}

/**
 * An interview as the interview API will store one (there is none yet): a submitted response in mode
 * "interview", revision 1, validated with the same engine as a submission.
 */
async function insertInterview(
  tx: Db,
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
  const clientIdTaken = await tx
    .selectFrom("responses")
    .select("id")
    .where("client_id", "=", interview.clientId)
    .executeTakeFirst();
  const now = new Date().toISOString();
  const inserted = await tx
    .insertInto("responses")
    .values({
      evaluation_id: input.evaluationId,
      organization_id: input.organizationId,
      questionnaire_id: interviewQuestionnaireId,
      questionnaire_version: input.version,
      invitation_id: null,
      // A reload into a database where the demo evaluation was renamed must not collide with the first load.
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
  // The first revision, as a submission writes it, when the database keeps revisions.
  await insertRowIfTable(tx, "response_revisions", {
    response_id: inserted.id,
    revision: 1,
    data: JSON.stringify(cleaned),
    diff: JSON.stringify(Object.entries(cleaned).map(([path, after]) => ({ path, before: null, after }))),
    reason: null,
    user_id: input.interviewerId,
    created_at: now,
  });
  return inserted.id;
}

/**
 * Verified levels go in only where the database has a `verified_levels` table. It is written through its
 * columns as SQLite reports them, not through the schema types, so that the demo does not depend on a table
 * still being designed; a required column the demo cannot fill skips them all.
 */
async function insertVerifiedLevels(
  tx: Db,
  levels: DemoVerifiedLevel[],
  responseIds: Map<DemoNgo, number>,
  userId: number,
): Promise<VerifiedLevelsOutcome> {
  const columns = await tableColumns(tx, "verified_levels");
  if (!columns) return { skipped: "this database has no verified_levels table" };
  const now = new Date().toISOString();
  const rows = levels.map((v) => {
    const ngo = ngos.find((n) => n.name === v.organisation)!;
    return {
      response_id: responseIds.get(ngo)!,
      question: v.question,
      level: v.level,
      note: v.note,
      user_id: userId,
      updated_at: now,
      created_at: now,
    };
  });
  const missing = requiredColumnsMissing(columns, rows[0] ?? {});
  if (missing.length > 0)
    return { skipped: `verified_levels needs ${missing.join(", ")}, which the demo does not know` };
  for (const row of rows) {
    await insertRow(tx, "verified_levels", columns, row);
    await insertRowIfTable(tx, "verified_level_history", { ...row, previous_level: null });
  }
  // Stored scores are derived and recomputed when missing: drop those computed before the verified levels.
  const scoreColumns = await tableColumns(tx, "response_scores");
  if (scoreColumns?.some((c) => c.name === "response_id")) {
    const ids = [...new Set(rows.map((r) => r.response_id))];
    await sql`delete from response_scores where response_id in (${sql.join(ids)})`.execute(tx);
  }
  return { inserted: rows.length };
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

async function tableColumns(tx: Db, table: string): Promise<ColumnInfo[] | null> {
  const found = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name = ${table}
  `.execute(tx);
  if (found.rows.length === 0) return null;
  return (await sql<ColumnInfo>`select * from pragma_table_info(${table})`.execute(tx)).rows;
}

function requiredColumnsMissing(columns: ColumnInfo[], values: Record<string, unknown>): string[] {
  const rowidAlias = columns.filter((c) => c.pk > 0).length === 1;
  return columns
    .filter((c) => c.notnull === 1 && c.dflt_value === null && !(c.pk > 0 && rowidAlias && /^integer$/i.test(c.type)))
    .filter((c) => values[c.name] === undefined || values[c.name] === null)
    .map((c) => c.name);
}

async function insertRow(tx: Db, table: string, columns: ColumnInfo[], values: Record<string, unknown>) {
  const names = columns.map((c) => c.name).filter((name) => values[name] !== undefined);
  const sqlValues: RawBuilder<unknown>[] = names.map((name) => sql.val(values[name]));
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) values (${sql.join(sqlValues)})`.execute(
    tx,
  );
}

/** Inserts into a table the database may not have (yet); a row it cannot fill completely is not written. */
async function insertRowIfTable(tx: Db, table: string, values: Record<string, unknown>): Promise<boolean> {
  const columns = await tableColumns(tx, table);
  if (!columns || requiredColumnsMissing(columns, values).length > 0) return false;
  await insertRow(tx, table, columns, values);
  return true;
}

/**
 * Runs `work` in one SQLite transaction (BEGIN IMMEDIATE: the write lock is taken at once, so a running server
 * cannot slip a write in between). The services it calls open transactions of their own, which Kysely cannot
 * nest: the Db handed to `work` turns each of them into a savepoint of the one transaction.
 */
export async function inOneTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const tx = withSavepoints(connection);
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(tx);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

function withSavepoints(connection: Db): Db {
  let depth = 0;
  const savepointTransaction = () => ({
    async execute<R>(callback: (trx: Db) => Promise<R>): Promise<R> {
      const name = sql.id(`demo_savepoint_${++depth}`);
      await sql`savepoint ${name}`.execute(connection);
      try {
        const result = await callback(proxy);
        await sql`release ${name}`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback to ${name}`.execute(connection);
        await sql`release ${name}`.execute(connection);
        throw error;
      } finally {
        depth--;
      }
    },
  });
  const proxy: Db = new Proxy(connection, {
    get(target, property) {
      if (property === "transaction") return savepointTransaction;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields, which only the real instance can read.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return proxy;
}
