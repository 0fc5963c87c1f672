import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // The evaluator's own text for the aggregate report: conclusions and recommendations (null = not written yet).
  await db.schema.alterTable("evaluations").addColumn("conclusions", "text").execute();
  await db.schema.alterTable("evaluations").addColumn("recommendations", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("evaluations").dropColumn("recommendations").execute();
  await db.schema.alterTable("evaluations").dropColumn("conclusions").execute();
}
