import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// The single source of the database's shape. JSON columns hold text; timestamps are ISO-8601 UTC text.

export const roles = ["admin", "evaluator", "viewer"] as const;
export type Role = (typeof roles)[number];

export const organizationKinds = ["ngo", "government", "beneficiary", "other"] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const evaluationStatuses = ["draft", "open", "closed"] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];

export const invitationStatuses = ["created", "sent", "opened", "started", "submitted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export type ResponseStatus = "draft" | "submitted";
export type ResponseMode = "link" | "interview";

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled_at: string | null;
  created_at: string;
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
  interviewer_id: number | null;
  /** JSON {name, position, agency}. */
  interviewee: string | null;
  conducted_at: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
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
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Questionnaire = Selectable<QuestionnairesTable>;
export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type Evaluation = Selectable<EvaluationsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type InvitationUpdate = Updateable<InvitationsTable>;
export type ResponseRow = Selectable<ResponsesTable>;
export type NewResponse = Insertable<ResponsesTable>;
