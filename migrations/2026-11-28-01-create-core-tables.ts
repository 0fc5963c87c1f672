import { sql, type Kysely } from "kysely";
import { generatedId } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'evaluator', 'viewer')`))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey()) // sha256 of the cookie token
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("questionnaires")
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("audience", "text")
    .addColumn("json", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("scoring_id", "text")
    .addColumn("scoring_version", "text")
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('file', 'upload')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("questionnaires_pk", ["id", "version"])
    .addUniqueConstraint("questionnaires_content", ["id", "content_hash"])
    .execute();

  await db.schema
    .createTable("organizations")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('ngo', 'government', 'beneficiary', 'other')`))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("district", "text")
    .addColumn("org_type", "text")
    .addColumn("contact_name", "text")
    .addColumn("email", "text")
    .addColumn("locale", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organizations_email").on("organizations").column("email").execute();

  await db.schema
    .createTable("evaluations")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("round", "text")
    .addColumn("baseline_evaluation_id", "integer", (c) => c.references("evaluations.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'open', 'closed')`))
    .addColumn("closes_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("evaluation_questionnaires")
    .addColumn("evaluation_id", "integer", (c) => c.notNull().references("evaluations.id").onDelete("cascade"))
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("evaluation_questionnaires_pk", ["evaluation_id", "questionnaire_id"])
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("evaluation_id", "integer", (c) => c.notNull().references("evaluations.id"))
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("questionnaire_version", "integer", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('created', 'sent', 'opened', 'started', 'submitted', 'revoked', 'expired')`),
    )
    .addColumn("expires_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("opened_at", "text")
    .addColumn("started_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("last_activity_at", "text")
    .addColumn("reminder_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addForeignKeyConstraint(
      "invitations_questionnaire_fk",
      ["questionnaire_id", "questionnaire_version"],
      "questionnaires",
      ["id", "version"],
    )
    .execute();
  await db.schema.createIndex("invitations_evaluation_id").on("invitations").column("evaluation_id").execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("evaluation_id", "integer", (c) => c.notNull().references("evaluations.id"))
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organizations.id"))
    .addColumn("questionnaire_id", "text", (c) => c.notNull())
    .addColumn("questionnaire_version", "integer", (c) => c.notNull())
    .addColumn("invitation_id", "integer", (c) => c.unique().references("invitations.id"))
    .addColumn("client_id", "text", (c) => c.unique())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('link', 'interview')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("current_page", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locale", "text")
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("interviewer_id", "integer", (c) => c.references("users.id"))
    .addColumn("interviewee", "text")
    .addColumn("conducted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addForeignKeyConstraint(
      "responses_questionnaire_fk",
      ["questionnaire_id", "questionnaire_version"],
      "questionnaires",
      ["id", "version"],
    )
    .execute();
  await db.schema.createIndex("responses_evaluation_id").on("responses").column("evaluation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "responses",
    "invitations",
    "evaluation_questionnaires",
    "evaluations",
    "organizations",
    "questionnaires",
    "sessions",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
