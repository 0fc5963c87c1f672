import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../migrations/index.ts";
import { openDatabase, type OpenedDatabase } from "../../server/db/database.ts";
import { migrateToLatest } from "../../server/db/migrate.ts";

// An installation from before teams existed, upgraded: its evaluations get members (README, "Upgrading").

describe("upgrading a database that has evaluations", () => {
  let dir: string;
  let database: OpenedDatabase;
  const now = new Date().toISOString();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-migration-"));
    database = openDatabase(path.join(dir, "sapat.db"));
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo("2026-12-07-06-add-draft-order");
    expect(before.error).toBeUndefined();
    const db = database.db as any;
    const user = (email: string, role: string, disabled = false) => ({
      email,
      name: email,
      role,
      password_hash: "x",
      disabled_at: disabled ? now : null,
      created_at: now,
    });
    await db
      .insertInto("users")
      .values([
        user("creator@example.org", "evaluator"),
        user("colleague@example.org", "evaluator"),
        user("gone@example.org", "evaluator", true),
        user("admin@example.org", "admin"),
        user("viewer@example.org", "viewer"),
      ])
      .execute();
    const evaluation = (name: string, createdBy: number | null) => ({
      name,
      status: "open",
      created_by: createdBy,
      created_at: now,
    });
    await db
      .insertInto("evaluations")
      .values([evaluation("Known creator", 1), evaluation("Unknown creator", null), evaluation("By the admin", 4)])
      .execute();
  });
  afterAll(async () => {
    await database.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("makes each creator the owner; where the creator is unknown, every active evaluator an owner", async () => {
    const applied = await migrateToLatest(database.db);
    expect(applied).toContain("2026-12-07-07-create-evaluation-members");
    const rows = await database.db
      .selectFrom("evaluation_members")
      .innerJoin("users", "users.id", "evaluation_members.user_id")
      .innerJoin("evaluations", "evaluations.id", "evaluation_members.evaluation_id")
      .select(["evaluations.name as evaluation", "users.email", "evaluation_members.role"])
      .orderBy("evaluations.id")
      .orderBy("users.id")
      .execute();
    expect(rows).toEqual([
      { evaluation: "Known creator", email: "creator@example.org", role: "owner" },
      { evaluation: "Unknown creator", email: "creator@example.org", role: "owner" },
      { evaluation: "Unknown creator", email: "colleague@example.org", role: "owner" },
      { evaluation: "By the admin", email: "admin@example.org", role: "owner" },
    ]);
  });
});
