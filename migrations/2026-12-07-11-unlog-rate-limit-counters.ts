import type { Kysely } from "kysely";
import { loggedOnPostgres, unloggedOnPostgres } from "./column-types.ts";

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Request counters of the respondent rate limits, written on every respondent request: on PostgreSQL their commits
  // need not wait for the disk. A crash forgets the counts of the current window, which only lets a client start
  // its window again; SQLite leaves the table empty.
  await unloggedOnPostgres(db, "rate_limit_counters");
}

export async function down(db: Kysely<any>): Promise<void> {
  await loggedOnPostgres(db, "rate_limit_counters");
}
