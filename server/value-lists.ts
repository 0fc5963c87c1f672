// The closed lists of values that Sapat stores and shows, each written once: the database types
// (server/db/schema.ts), the request schemas, the route guards and the workspace's menus all take them from here.
// Pure and dependency-free, so that the client may import it too (eslint.config.js allows this one module): a
// value the workspace offers is then always one the server accepts. The workspace shows each value translated
// (workspace.json: account.role, organisations.kindValue, evaluations.statusValue, evaluations.roundValue).

export const roles = ["admin", "evaluator", "viewer"] as const;
export type Role = (typeof roles)[number];

/** The roles that may change data (everyone but viewers); the server enforces it, the workspace hides the rest. */
export const editorRoles = ["admin", "evaluator"] as const satisfies readonly Role[];

/** Only administrators manage accounts. */
export const adminRoles = ["admin"] as const satisfies readonly Role[];

export const organizationKinds = ["ngo", "government", "beneficiary", "other"] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const evaluationStatuses = ["draft", "open", "closed"] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];

export const invitationStatuses = ["created", "sent", "opened", "started", "submitted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const responseStatuses = ["draft", "submitted"] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** How a response came in: the organisation's own link, or an evaluator's interview. */
export const responseModes = ["link", "interview"] as const;
export type ResponseMode = (typeof responseModes)[number];

/**
 * The rounds the workspace offers for a new evaluation; the round is free text on the server (an evaluator may
 * name another), and these are the ones shown translated.
 */
export const evaluationRounds = ["baseline", "midline", "endline", "final"] as const;
export type EvaluationRound = (typeof evaluationRounds)[number];

/** A user's role in one evaluation (admins act as owners of every evaluation). */
export const memberRoles = ["owner", "evaluator", "viewer"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** What a personal API token may do: read only, or read and write. */
export const tokenAccesses = ["read", "write"] as const;
export type TokenAccess = (typeof tokenAccesses)[number];

/** What the audit log records; the list is the contract of GET /api/audit's `action`. */
export const auditActions = [
  "login",
  "login_failed",
  "logout",
  "export",
  "report",
  "token_created",
  "token_revoked",
  "member_added",
  "member_removed",
  "role_changed",
  "user_created",
  "user_disabled",
  "response_corrected",
  "verified_level_set",
  "questionnaire_published",
] as const;
export type AuditAction = (typeof auditActions)[number];
