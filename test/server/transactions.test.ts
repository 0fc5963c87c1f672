import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/database.ts";
import { inTransaction, within } from "../../server/db/transaction.ts";
import { createEvaluation } from "../../server/modules/evaluations/evaluations.service.ts";
import { createInvitations } from "../../server/modules/invitations/invitations.service.ts";
import { insertOrganization } from "../../server/modules/organizations/organizations.repository.ts";
import { QuestionnaireCatalogue } from "../../server/modules/questionnaires/questionnaire-catalogue.ts";
import { saveDraft } from "../../server/modules/respond/respond.service.ts";
import { buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";

// Callers open transactions; services take the handle they are given. A query on the database handle from inside
// a transaction used to wait forever for SQLite's single connection: it must now fail at once.

/** Settles within `ms`, or says the work hung: a deadlock fails the test instead of stalling the run. */
function withinMs<T>(ms: number, work: Promise<T>): Promise<T | "hung"> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), ms)));
  return Promise.race([work, hung]).finally(() => clearTimeout(timer));
}

async function counts(db: Db) {
  const count = async (table: "evaluations" | "invitations" | "responses" | "organizations") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    evaluations: await count("evaluations"),
    invitations: await count("invitations"),
    responses: await count("responses"),
    organizations: await count("organizations"),
  };
}

describe("transactions opened by the caller", () => {
  let t: TestApp;
  let db: Db;
  let userId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    db = t.database.db;
    await logInAs(t, "evaluator");
    userId = (await db.selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  async function inviteInOneTransaction(trx: Db, catalogue: QuestionnaireCatalogue) {
    const now = new Date().toISOString();
    const organizationId = await insertOrganization(trx, {
      name: "Composed NGO",
      kind: "ngo",
      region: "Naryn region",
      district: null,
      org_type: null,
      contact_name: null,
      email: null,
      locale: "en",
      created_at: now,
      updated_at: now,
    });
    const evaluationId = await createEvaluation(
      trx,
      { name: "Composed", questionnaireIds: ["ngo-capacity"], closesAt: null },
      { id: userId, role: "evaluator" },
    );
    const [invited] = await createInvitations(
      trx,
      evaluationId,
      { organizationIds: [organizationId], questionnaireId: "ngo-capacity" },
      t.config.publicUrl,
    );
    // A catalogue that has not read this version yet: it must read through the transaction it is given.
    await saveDraft(trx, catalogue, invited!.token, { data: { P1: "Composed NGO" }, currentPage: 0 }, within(trx));
    return evaluationId;
  }

  it("composes several services into one unit that is stored whole", async () => {
    const before = await counts(db);
    const outcome = await withinMs(
      // A deadlock waits forever; a loaded machine compiling ngo-capacity in a worker can take several seconds.
      30_000,
      inTransaction(db, (trx) => inviteInOneTransaction(trx, new QuestionnaireCatalogue())),
    );
    expect(outcome).not.toBe("hung");
    expect(await counts(db)).toEqual({
      evaluations: before.evaluations + 1,
      invitations: before.invitations + 1,
      responses: before.responses + 1,
      organizations: before.organizations + 1,
    });
  });

  it("or not at all, when a step after them fails", async () => {
    const before = await counts(db);
    await expect(
      inTransaction(db, async (trx) => {
        await inviteInOneTransaction(trx, new QuestionnaireCatalogue());
        throw new Error("a later step failed");
      }),
    ).rejects.toThrow("a later step failed");
    expect(await counts(db)).toEqual(before);
  });

  it("refuses at once, instead of waiting forever, a query sent on the database handle inside a transaction", async () => {
    const before = await counts(db);
    const outcome = await withinMs(
      5_000,
      inTransaction(db, async (trx) => {
        await trx.updateTable("users").set({ name: "Changed inside" }).where("id", "=", userId).execute();
        // The mistake the catalogue's optional handle used to invite: a read through the outer handle.
        await new QuestionnaireCatalogue().latestVersion(db, "ngo-capacity");
      }).then(
        () => "committed",
        (error: Error) => error.message,
      ),
    );
    expect(outcome).toMatch(/inside a transaction would wait forever/);
    // The transaction was rolled back, and the handle serves again once it is over.
    const user = await db.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user.name).not.toBe("Changed inside");
    expect(await counts(db)).toEqual(before);
  });

  it("lets other requests wait their turn while a transaction runs, and work started inside run after it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let later: Promise<number> | undefined;
    const transaction = inTransaction(db, async (trx) => {
      await trx.selectFrom("users").select("id").execute();
      // A timer set inside the transaction that fires after it ended may use the handle.
      later = new Promise((resolve, reject) =>
        setTimeout(() => void counts(db).then((c) => resolve(c.evaluations), reject), 50),
      );
      await held;
    });
    // Another caller (another request) is not inside the transaction: it waits, and then gets its answer.
    const outside = counts(db);
    release();
    await transaction;
    expect((await outside).evaluations).toBeGreaterThan(0);
    expect(await later).toBeGreaterThan(0);
  });

  it("is not nested: a transaction's handle cannot open another", async () => {
    await expect(inTransaction(db, (trx) => inTransaction(trx, async () => 1))).rejects.toThrow(/not a transaction/);
  });
});
