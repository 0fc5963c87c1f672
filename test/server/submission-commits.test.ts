import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../server/db/database.ts";
import { GroupCommit } from "../../server/db/group-commit.ts";
import type { Db } from "../../server/db/database.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { responseRows, submit } from "../helpers/respond.ts";
import { inviteOrganization, readFixture } from "../helpers/scenario.ts";

// How submissions are written: commits shared by submissions that arrive together, and scores computed after the
// acknowledgement.

const answers = readFixture("ngo-capacity-answers.json");

describe("GroupCommit on a real SQLite file", () => {
  let dir: string;
  let opened: OpenedDatabase;
  let commits: GroupCommit;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-group-commit-"));
    opened = openDatabase(path.join(dir, "test.db"));
    await sql`create table parent (id integer primary key, name text not null unique)`.execute(opened.db);
    await sql`create table child (id integer primary key,
      parent_id integer not null references parent(id) deferrable initially deferred)`.execute(opened.db);
    commits = new GroupCommit(opened.db);
  });
  afterAll(async () => {
    await opened.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const names = async () =>
    (await sql<{ name: string }>`select name from parent order by id`.execute(opened.db)).rows.map((r) => r.name);
  const insert = (trx: Db, name: string) => sql`insert into parent (name) values (${name})`.execute(trx);

  it("runs writes queued together in one transaction, and rolls back only the one that fails", async () => {
    const seen: Db[] = [];
    const results = await Promise.allSettled(
      ["a", "b", "a", "c"].map((name) =>
        commits.run(async (trx) => {
          seen.push(trx);
          await insert(trx, `${name}-1`);
          // The second "a" fails on the unique name after its first write: that first write must go too.
          await insert(trx, name);
          return name;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(results.filter((r) => r.status === "fulfilled").map((r) => r.value)).toEqual(["a", "b", "c"]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(new Set(seen).size).toBe(1);
    expect(await names()).toEqual(["a-1", "a", "b-1", "b", "c-1", "c"]);
  });

  it("acknowledges none of a batch whose commit fails, and stores none of it", async () => {
    const before = await names();
    const results = await Promise.allSettled([
      commits.run((trx) => insert(trx, "kept?")),
      // A foreign key checked at commit: the whole shared commit fails.
      commits.run((trx) => sql`insert into child (parent_id) values (999)`.execute(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await names()).toEqual(before);
  });

  it("answers a write alone with its own error", async () => {
    await expect(commits.run((trx) => insert(trx, "a"))).rejects.toThrow(/UNIQUE/);
    await expect(commits.run(async (trx) => (await insert(trx, "d"), "done"))).resolves.toBe("done");
  });
});

describe("submissions through the respondent's route", () => {
  let t: TestApp;
  let evaluator: Session;
  beforeAll(async () => {
    t = await buildTestApp();
    evaluator = await logInAs(t, "evaluator");
  });
  afterAll(() => t?.close());

  const newLink = () => inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
  const scoreRows = (responseId: number) =>
    t.database.db.selectFrom("response_scores").selectAll().where("response_id", "=", responseId).execute();

  it("acknowledges each of many submissions sent at once with its own response, once", async () => {
    const links = await Promise.all(Array.from({ length: 8 }, newLink));
    const [repeated, invalid] = links;
    const sent = await Promise.all([
      ...links.map((link) =>
        submit(t, link.token, { data: link === invalid ? { ...answers, OUT1: "many" } : answers }),
      ),
      // The same submission again (a lost acknowledgement, retried): the same response.
      submit(t, repeated!.token, { data: answers }),
    ]);
    expect(sent.map((res) => res.statusCode)).toEqual([200, 422, 200, 200, 200, 200, 200, 200, 200]);
    expect(sent[1]!.json().details).toEqual([expect.objectContaining({ question: "OUT1" })]);
    expect(sent[8]!.json().responseId).toBe(sent[0]!.json().responseId);
    for (const [i, link] of links.entries()) {
      const rows = await responseRows(t, link.invitationId);
      if (link === invalid) {
        expect(rows).toEqual([]);
        continue;
      }
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: sent[i]!.json().responseId, status: "submitted" });
      const revisions = await t.database.db
        .selectFrom("response_revisions")
        .select("revision")
        .where("response_id", "=", rows[0]!.id)
        .execute();
      expect(revisions).toEqual([{ revision: 1 }]);
    }
  });

  it("scores a submission shortly after acknowledging it, in both bases", async () => {
    const link = await newLink();
    const { responseId } = (await submit(t, link.token, { data: answers })).json();
    const deadline = Date.now() + 10_000;
    while ((await scoreRows(responseId)).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await scoreRows(responseId)).map((row) => row.basis).sort()).toEqual(["self", "verified"]);
  });

  it("gives the scores of a submission read before the backlog reached it", async () => {
    const link = await newLink();
    const { responseId } = (await submit(t, link.token, { data: answers })).json();
    const res = await t.app.inject({ url: `/api/responses/${responseId}/score`, headers: evaluator.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().overall.status).toBe("scored");
  });
});

describe("submissions left unscored by a stop", () => {
  it("are found and scored by the next start", async () => {
    const first = await buildTestApp();
    const dataDir = first.dataDir;
    const evaluator = await logInAs(first, "evaluator");
    const links = await Promise.all(
      [1, 2].map(() => inviteOrganization(first, evaluator, { questionnaireId: "ngo-capacity" })),
    );
    const ids: number[] = [];
    for (const link of links) ids.push((await submit(first, link.token, { data: answers })).json().responseId);
    // A questionnaire without a scoring model: its responses never have scores, and are not queued for any.
    const unscored = await inviteOrganization(first, evaluator, {
      questionnaireId: "plain",
      json: { pages: [{ name: "p1", elements: [{ type: "text", name: "q" }] }] },
    });
    expect((await submit(first, unscored.token, { data: { q: "text" } })).statusCode).toBe(200);
    await first.app.close();
    await first.database.db.destroy();

    const second = await buildTestApp({}, { dataDir });
    try {
      // A stop (or a crash) between the acknowledgement and the scoring: whatever was scored is gone too.
      await second.database.db.deleteFrom("response_scores").where("response_id", "in", ids).execute();
      const count = () =>
        second.database.db
          .selectFrom("response_scores")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("response_id", "in", ids)
          .executeTakeFirstOrThrow();
      expect(await second.app.scoreBacklog.addUnscored()).toBe(2);
      await second.app.scoreBacklog.drain();
      expect((await count()).n).toBe(4);
      expect(await second.app.scoreBacklog.addUnscored()).toBe(0);
    } finally {
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
