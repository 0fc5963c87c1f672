import type { Migration } from "kysely";
import * as createCoreTables from "./2026-11-28-01-create-core-tables.ts";
import * as addInvitationProgress from "./2026-11-28-03-add-invitation-progress.ts";

// Listed by hand (not read from the folder) so that the same code runs under Node, tsx and Vitest.
// Names sort in the order they must run; a migration, once released, never changes.
export const migrations: Record<string, Migration> = {
  "2026-11-28-01-create-core-tables": createCoreTables,
  "2026-11-28-03-add-invitation-progress": addInvitationProgress,
};
