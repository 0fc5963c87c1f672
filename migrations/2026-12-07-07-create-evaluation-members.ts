import { sql, type Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Who may see and work on an evaluation, and how. Admins act as owners of every evaluation without a row here.
  await db.schema
    .createTable("evaluation_members")
    .addColumn("evaluation_id", "integer", (col) => col.notNull().references("evaluations.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (col) => col.notNull().check(sql`role in ('owner', 'evaluator', 'viewer')`))
    .addColumn("added_by", "integer", (col) => col.references("users.id"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("evaluation_members_pk", ["evaluation_id", "user_id"])
    .execute();
  await db.schema.createIndex("evaluation_members_user").on("evaluation_members").column("user_id").execute();

  // Existing evaluations: their creator becomes the owner. Where the creator is unknown (no created_by, or a user
  // row that no longer exists), every active evaluator becomes an owner, so that the team that worked on it keeps
  // it and it has someone to manage its members besides the admins. Everyone else loses access until an owner or
  // an admin adds them (README, "Upgrading").
  const now = new Date().toISOString();
  const users = await db.selectFrom("users").select(["id", "role", "disabled_at"]).execute();
  const known = new Set(users.map((u) => Number(u.id)));
  const activeEvaluators = users.filter((u) => u.role === "evaluator" && u.disabled_at === null).map((u) => u.id);
  const evaluations = await db.selectFrom("evaluations").select(["id", "created_by"]).execute();
  for (const evaluation of evaluations) {
    const creator = evaluation.created_by === null ? null : Number(evaluation.created_by);
    const owners = creator !== null && known.has(creator) ? [creator] : activeEvaluators;
    if (owners.length === 0) continue;
    await db
      .insertInto("evaluation_members")
      .values(owners.map((user_id) => ({ evaluation_id: evaluation.id, user_id, role: "owner", created_at: now })))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evaluation_members").execute();
}
