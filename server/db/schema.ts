import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  EvaluationStatus,
  InvitationStatus,
  OrganizationKind,
  ResponseMode,
  ResponseStatus,
  Role,
  MemberRole,
  TokenAccess,
  AuditAction,
} from "../value-lists.ts";

// The single source of the database's shape. JSON columns hold text; timestamps are ISO-8601 UTC text.

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled_at: string | null;
  created_at: string;
  /** The workspace language the user chose (en, ru, ky); null: the browser's. */
  ui_language: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface QuestionnairesTable {
  id: string;
  version: number;
  title: string;
  audience: string | null;
  json: string;
  content_hash: string;
  scoring_id: string | null;
  scoring_version: string | null;
  question_count: number;
  source: "file" | "upload";
  created_at: string;
  /** The uploader; null for versions loaded from surveys/. */
  created_by: number | null;
}

/** Request counters of the respondent routes shared by the instances of one PostgreSQL (without Redis). */
export interface RateLimitCountersTable {
  key: string;
  count: number;
  /** Milliseconds since 1970. */
  window_ends_at: number;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  /** As typed at login, trimmed and lower-cased (unknown emails count too). */
  email: string;
  /** The client address the attempt came from. */
  address: string;
  failed_at: string;
}

export interface ReadinessProbeTable {
  id: number;
  checked_at: string;
  padding: Buffer;
}

export interface OrganizationsTable {
  id: Generated<number>;
  name: string;
  kind: OrganizationKind;
  region: string;
  district: string | null;
  org_type: string | null;
  contact_name: string | null;
  email: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
  /** The UUID a device made for an organisation added on the spot (offline); null for the others. Unique. */
  client_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 for the organisations `npm run demo` created; the demo never reads or changes the others. */
  is_demo: ColumnType<0 | 1, 0 | 1 | undefined, 0 | 1>;
}

export interface EvaluationsTable {
  id: Generated<number>;
  name: string;
  round: string | null;
  baseline_evaluation_id: number | null;
  status: EvaluationStatus;
  closes_at: string | null;
  created_by: number | null;
  created_at: string;
  /** Automatic reminders this many days before closes_at; null = none. */
  reminder_days_before: number | null;
  /** The evaluator's conclusions for the aggregate report; null = not written yet. */
  conclusions: string | null;
  /** The evaluator's recommendations for the aggregate report; null = not written yet. */
  recommendations: string | null;
  /** 1 for the evaluation `npm run demo` created: how a second run knows it is loaded. */
  is_demo: ColumnType<0 | 1, 0 | 1 | undefined, 0 | 1>;
}

export interface EvaluationQuestionnairesTable {
  evaluation_id: number;
  questionnaire_id: string;
}

export interface InvitationsTable {
  id: Generated<number>;
  evaluation_id: number;
  organization_id: number;
  questionnaire_id: string;
  questionnaire_version: number;
  token: string;
  locale: string;
  status: InvitationStatus;
  expires_at: string | null;
  sent_at: string | null;
  opened_at: string | null;
  started_at: string | null;
  submitted_at: string | null;
  revoked_at: string | null;
  last_activity_at: string | null;
  reminder_count: ColumnType<number, number | undefined, number>;
  created_at: string;
  /** Share (0..1) of the visible questions answered. */
  progress: ColumnType<number, number | undefined, number>;
}

export interface ResponsesTable {
  id: Generated<number>;
  evaluation_id: number;
  organization_id: number;
  questionnaire_id: string;
  questionnaire_version: number;
  invitation_id: number | null;
  client_id: string | null;
  mode: ResponseMode;
  status: ResponseStatus;
  /** SurveyJS answers JSON, as text. */
  data: string;
  current_page: number;
  locale: string | null;
  /** How many times data has been written; the optimistic-concurrency counter. */
  revision: number;
  /** The respondent page (random per page load) whose draft save was stored last, and that save's number. */
  draft_session: string | null;
  draft_seq: number | null;
  interviewer_id: number | null;
  /** JSON {name, position, agency}. */
  interviewee: string | null;
  conducted_at: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** Where an interview took place. */
  place: string | null;
  /** sha256 of the content of the last interview PUT stored, to recognise a replay of it. */
  client_request_hash: string | null;
  /** The evaluator who wrote the current data last; null when it was the respondent. */
  updated_by: number | null;
}

export interface VerifiedLevelsTable {
  response_id: number;
  question: string;
  level: number;
  note: string;
  user_id: number | null;
  updated_at: string;
}

export interface VerifiedLevelHistoryTable {
  id: Generated<number>;
  response_id: number;
  question: string;
  previous_level: number | null;
  /** null when the verified level was removed. */
  level: number | null;
  note: string;
  user_id: number | null;
  created_at: string;
}

export interface ResponseScoresTable {
  response_id: number;
  basis: "self" | "verified";
  scoring_id: string;
  scoring_version: string;
  /** The questionnaire version whose scoring model produced the trace. */
  questionnaire_version: number;
  overall_status: string;
  overall_level: number | null;
  /** The trace of docs/scoring.md, as JSON text. */
  trace: string;
  computed_at: string;
}

export interface EvaluationMembersTable {
  evaluation_id: number;
  user_id: number;
  role: MemberRole;
  added_by: number | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  access: TokenAccess;
  /** sha-256 (hex) of the secret; the secret itself is shown once and never stored. */
  token_hash: string;
  /** The secret's first characters, so that its holder can tell tokens apart. */
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Append-only: inserted, never updated or deleted. */
export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_email: string | null;
  action: AuditAction;
  /** "<kind>:<id>", e.g. evaluation:3. */
  target: string | null;
  ip: string | null;
  /** JSON object. */
  details: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  questionnaires: QuestionnairesTable;
  organizations: OrganizationsTable;
  evaluations: EvaluationsTable;
  evaluation_questionnaires: EvaluationQuestionnairesTable;
  invitations: InvitationsTable;
  responses: ResponsesTable;
  response_revisions: ResponseRevisionsTable;
  verified_levels: VerifiedLevelsTable;
  verified_level_history: VerifiedLevelHistoryTable;
  response_scores: ResponseScoresTable;
  mail_messages: MailMessagesTable;
  reminder_runs: ReminderRunsTable;
  login_failures: LoginFailuresTable;
  readiness_probe: ReadinessProbeTable;
  evaluation_members: EvaluationMembersTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  rate_limit_counters: RateLimitCountersTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Questionnaire = Selectable<QuestionnairesTable>;
export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
export type Evaluation = Selectable<EvaluationsTable>;
export type EvaluationUpdate = Updateable<EvaluationsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type InvitationUpdate = Updateable<InvitationsTable>;
export type ResponseRow = Selectable<ResponsesTable>;
export type NewResponse = Insertable<ResponsesTable>;

export const mailKinds = ["invitation", "reminder"] as const;
export type MailKind = (typeof mailKinds)[number];

export const mailStatuses = ["queued", "sending", "sent", "failed", "outbox"] as const;
export type MailStatus = (typeof mailStatuses)[number];

export interface MailMessagesTable {
  id: Generated<number>;
  invitation_id: number;
  evaluation_id: number;
  kind: MailKind;
  /** Null only in outbox mode, for an organisation without an email address. */
  to_address: string | null;
  reply_to: string | null;
  subject: string;
  text: string;
  html: string;
  status: MailStatus;
  attempts: ColumnType<number, number | undefined, number>;
  /** queued/failed: when to try next (null on failed = given up until retried by hand); sending: when the claim lapses. */
  next_attempt_at: string | null;
  last_error: string | null;
  /** The Message-ID the SMTP server accepted. */
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
  created_by: number | null;
}

export interface ReminderRunsTable {
  id: Generated<number>;
  evaluation_id: number;
  kind: string;
  due_at: string;
  queued: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export type MailMessage = Selectable<MailMessagesTable>;
export type NewMailMessage = Insertable<MailMessagesTable>;
export type MailMessageUpdate = Updateable<MailMessagesTable>;

/** A revision of a submitted response: the submission itself (reason null), then each later change. */
export interface ResponseRevisionsTable {
  id: Generated<number>;
  response_id: number;
  /** responses.revision right after the write that made this revision. */
  revision: number;
  /** The full answers after this revision, JSON. */
  data: string;
  /** JSON [{path, before, after}] against the previous revision; against no answers for the first. */
  diff: string;
  reason: string | null;
  /** Null for a respondent's own submission. */
  user_id: number | null;
  created_at: string;
}

export type ResponseRevision = Selectable<ResponseRevisionsTable>;
export type NewResponseRevision = Insertable<ResponseRevisionsTable>;
