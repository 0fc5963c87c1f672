import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/database.ts";
import { demoUser, loadDemo, type DemoResult } from "../../server/demo/load-demo.ts";
import { interviews, ngos, verifiedLevels } from "../../server/demo/pht-2005.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import type { ScoreTrace } from "../../server/scoring/score-response.ts";
import { buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";

// The report's list of the 18 partner NGOs (section II), written out here rather than read from the data file.
const seedNgos: Array<[string, string]> = [
  ["Center for Public Policy", "Bishkek"],
  ["Chinek", "Chuy region"],
  ["Civil Society Support Center-Jalalabad", "Jalalabad region"],
  ["Civil Society Support Center-Nookat", "Osh region"],
  ['Crisis Center for Women and Family "Sezim"', "Bishkek"],
  ['Democratic Youth Union "Jiger"', "Batken region"],
  ["Kelechek Dooru", "Issykul region"],
  ["Lady Shirin", "Talas region"],
  ["Leylek Ayalzaty", "Batken region"],
  ["New Youth Status", "Bishkek"],
  ["Omur Bulagy", "Batken region"],
  ["Pangea", "Bishkek"],
  ["Rural Children's Rights Protection", "Jalalabad region"],
  ["Tendesh", "Naryn region"],
  ["Tomo", "Issykul region"],
  ["Women's Initiative Center Ayalzat", "Osh region"],
  ["Women's Initiative Center Ayalzat", "Talas region"],
  ["Women's Support Center", "Bishkek"],
];

const p2OfRegion: Record<string, string> = {
  Bishkek: "bishkek",
  "Chuy region": "chui",
  "Jalalabad region": "jalal_abad",
  "Osh region": "osh",
  "Batken region": "batken",
  "Issykul region": "issyk_kul",
  "Talas region": "talas",
  "Naryn region": "naryn",
};

const tables = ["users", "organizations", "evaluations", "invitations", "responses"] as const;

async function hasTable(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql`select name from sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return rows.length > 0;
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const names: string[] = [...tables];
  for (const optional of ["verified_levels", "verified_level_history", "response_revisions"]) {
    if (await hasTable(db, optional)) names.push(optional);
  }
  for (const name of names) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(rows[0]!.n);
  }
  return counts;
}

describe("npm run demo on an empty database", () => {
  let t: TestApp;
  let db: Db;
  let first: DemoResult;
  let evaluationId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    db = t.database.db;
    // One NGO is already there: the demo must take it, not add a second Tomo.
    const now = new Date().toISOString();
    await db
      .insertInto("organizations")
      .values({
        name: "Tomo",
        kind: "ngo",
        region: "Issykul region",
        district: null,
        org_type: null,
        contact_name: null,
        email: null,
        locale: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    first = await loadDemo(db, t.app.catalogue, { publicUrl: t.config.publicUrl });
    if (first.status !== "loaded") throw new Error(`expected a first load, got ${JSON.stringify(first)}`);
    evaluationId = first.evaluationId;
  });
  afterAll(() => t.close());

  it("creates the demo evaluator, as there was no user, and the closed endline evaluation", async () => {
    expect(first).toMatchObject({
      status: "loaded",
      user: { email: demoUser.email, created: true, password: demoUser.password },
      organisations: { created: 21, existing: 1 },
      ngoResponses: 18,
      interviews: 4,
    });
    const users = await db.selectFrom("users").select(["email", "role"]).execute();
    expect(users).toEqual([{ email: demoUser.email, role: "evaluator" }]);

    const evaluation = await db.selectFrom("evaluations").selectAll().where("id", "=", evaluationId).executeTakeFirst();
    expect(evaluation).toMatchObject({ name: "PHT final evaluation 2005", round: "endline", status: "closed" });
    const questionnaires = await db
      .selectFrom("evaluation_questionnaires")
      .select("questionnaire_id")
      .where("evaluation_id", "=", evaluationId)
      .orderBy("questionnaire_id")
      .execute();
    expect(questionnaires.map((q) => q.questionnaire_id)).toEqual(["government-interview", "ngo-capacity"]);
  });

  it("has the 18 partner NGOs of the report, with their names and regions", async () => {
    const rows = await db
      .selectFrom("organizations")
      .select(["name", "region", "email"])
      .where("kind", "=", "ngo")
      .execute();
    const key = ([name, region]: [string, string]) => `${name} | ${region}`;
    expect(rows.map((r) => key([r.name, r.region])).sort()).toEqual(seedNgos.map(key).sort());
    // The data file agrees with the list, and its P2 answers with the regions.
    expect(ngos.map((n) => key([n.name, n.region])).sort()).toEqual(seedNgos.map(key).sort());
    for (const ngo of ngos) {
      expect(ngo.answers.P1).toBe(ngo.name);
      expect(ngo.answers.P2).toBe(p2OfRegion[ngo.region]);
      expect(ngo.email).toMatch(/^[a-z0-9-]+@example\.org$/);
    }
    expect(rows.filter((r) => r.name === "Tomo")).toHaveLength(1);
  });

  it("has a submitted ngo-capacity response per NGO, stored exactly as the data file has it", async () => {
    const rows = await db
      .selectFrom("responses")
      .innerJoin("organizations", "organizations.id", "responses.organization_id")
      .innerJoin("invitations", "invitations.id", "responses.invitation_id")
      .select([
        "organizations.name",
        "organizations.region",
        "responses.data",
        "responses.status",
        "responses.mode",
        "responses.locale",
        "invitations.status as invitation_status",
      ])
      .where("responses.evaluation_id", "=", evaluationId)
      .where("responses.questionnaire_id", "=", "ngo-capacity")
      .execute();
    expect(rows).toHaveLength(18);
    for (const ngo of ngos) {
      const row = rows.find((r) => r.name === ngo.name && r.region === ngo.region);
      expect(row, ngo.name).toMatchObject({
        status: "submitted",
        mode: "link",
        locale: "en",
        invitation_status: "submitted",
      });
      expect(JSON.parse(row!.data)).toEqual(ngo.answers);
    }
  });

  it("has the four government interviews as submitted interview responses", async () => {
    const rows = await db
      .selectFrom("responses")
      .innerJoin("organizations", "organizations.id", "responses.organization_id")
      .select([
        "organizations.name",
        "organizations.kind",
        "responses.mode",
        "responses.status",
        "responses.revision",
        "responses.interviewee",
        "responses.conducted_at",
        "responses.invitation_id",
        "responses.data",
      ])
      .where("responses.evaluation_id", "=", evaluationId)
      .where("responses.questionnaire_id", "=", "government-interview")
      .execute();
    expect(rows).toHaveLength(4);
    for (const interview of interviews) {
      const row = rows.find((r) => r.name === interview.organisation.name);
      expect(row, interview.organisation.name).toMatchObject({
        kind: "government",
        mode: "interview",
        status: "submitted",
        revision: 1,
        invitation_id: null,
      });
      expect(JSON.parse(row!.interviewee!)).toEqual(interview.interviewee);
      expect(row!.conducted_at! >= "2005-08-01" && row!.conducted_at! < "2005-10-01").toBe(true);
      expect(JSON.parse(row!.data)).toEqual(interview.answers);
    }
  });

  it("stores only answer sets that validate again without issues", async () => {
    const rows = await db
      .selectFrom("responses")
      .select(["id", "questionnaire_id", "questionnaire_version", "data", "locale"])
      .where("evaluation_id", "=", evaluationId)
      .execute();
    expect(rows).toHaveLength(22);
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const { issues, cleaned } = await t.app.catalogue.validate(
        row.questionnaire_id,
        row.questionnaire_version,
        data,
        row.locale ?? "en",
      );
      expect(issues, `response ${row.id}`).toEqual([]);
      expect(cleaned).toEqual(data);
    }
  });

  it("inserts the verified levels where the database has a table for them", async () => {
    if (!(await hasTable(db, "verified_levels"))) {
      expect(first).toMatchObject({ verifiedLevels: { skipped: expect.any(String) } });
      return;
    }
    expect(first).toMatchObject({ verifiedLevels: { inserted: verifiedLevels.length } });
    const { rows } = await sql<{ name: string; question: string; level: number; note: string }>`
      select o.name, v.question, v.level, v.note
      from verified_levels v join responses r on r.id = v.response_id join organizations o on o.id = r.organization_id
      where r.evaluation_id = ${evaluationId}
    `.execute(db);
    expect(rows.map((r) => ({ organisation: r.name, question: r.question, level: r.level, note: r.note }))).toEqual(
      expect.arrayContaining(verifiedLevels),
    );
    expect(rows).toHaveLength(verifiedLevels.length);
  });

  it("gives every NGO a scored overall, from at least three quarters of its applicable dimensions", async () => {
    const session = await logInAs(t, "evaluator");
    const rows = await db
      .selectFrom("responses")
      .innerJoin("organizations", "organizations.id", "responses.organization_id")
      .select(["responses.id", "organizations.name", "organizations.region"])
      .where("responses.evaluation_id", "=", evaluationId)
      .where("responses.questionnaire_id", "=", "ngo-capacity")
      .execute();
    expect(rows).toHaveLength(18);
    const selfIncomplete: string[] = [];
    for (const row of rows) {
      const label = `${row.name} (${row.region})`;
      const score = async (query: string) => {
        const res = await t.app.inject({
          method: "GET",
          url: `/api/responses/${row.id}/score${query}`,
          headers: session.headers,
        });
        expect(res.statusCode, label).toBe(200);
        return res.json() as ScoreTrace;
      };
      // The default basis, the one the scores page opens with.
      const verified = await score("");
      expect(verified.basis).toBe("verified");
      expect(verified.overall.status, label).toBe("scored");
      const applicable = verified.dimensions.filter((d) => d.status !== "not_applicable");
      const scored = applicable.filter((d) => d.status === "scored");
      expect(scored.length / applicable.length, label).toBeGreaterThanOrEqual(0.75);
      if ((await score("?basis=self")).overall.status !== "scored") selfIncomplete.push(row.name);
    }
    // Sezim's report gives no count for its referrals or its trained staff: two verified levels carry its overall.
    expect(selfIncomplete).toEqual(['Crisis Center for Women and Family "Sezim"']);
  });

  it("adds nothing when run again", async () => {
    const before = await rowCounts(db);
    const again = await loadDemo(db, t.app.catalogue, { publicUrl: t.config.publicUrl });
    expect(again).toEqual({ status: "already_loaded", evaluationId });
    expect(await rowCounts(db)).toEqual(before);
  });
});

describe("npm run demo on a database in use", () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await buildTestApp();
    db = t.database.db;
  });
  afterAll(() => t.close());

  it("writes nothing when it fails part way, and is owned by the first admin once it succeeds", async () => {
    await createUser(db, { email: "viewer@example.org", name: "Viewer", role: "viewer", password: "a long password" });
    const adminId = await createUser(db, {
      email: "admin@example.org",
      name: "Admin",
      role: "admin",
      password: "a long password",
    });
    const before = await rowCounts(db);

    // A failure after the NGO questionnaires were submitted: the interviews cannot be stored.
    await sql`
      create trigger refuse_interviews before insert on responses when new.mode = 'interview'
      begin select raise(abort, 'interviews refused'); end
    `.execute(db);
    await expect(loadDemo(db, t.app.catalogue, { publicUrl: t.config.publicUrl })).rejects.toThrow(
      /interviews refused/,
    );
    expect(await rowCounts(db)).toEqual(before);

    await sql`drop trigger refuse_interviews`.execute(db);
    const result = await loadDemo(db, t.app.catalogue, { publicUrl: t.config.publicUrl });
    expect(result).toMatchObject({
      status: "loaded",
      user: { id: adminId, email: "admin@example.org", created: false },
      organisations: { created: 22, existing: 0 },
    });
    expect(result.status === "loaded" ? result.user.password : "not loaded").toBeUndefined();
    const evaluation = await db
      .selectFrom("evaluations")
      .select("created_by")
      .where("id", "=", result.evaluationId)
      .executeTakeFirstOrThrow();
    expect(evaluation.created_by).toBe(adminId);
    expect((await db.selectFrom("users").select("email").execute()).map((u) => u.email).sort()).toEqual([
      "admin@example.org",
      "viewer@example.org",
    ]);
  });
});
