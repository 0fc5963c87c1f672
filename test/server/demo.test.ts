import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/database.ts";
import { demoUser, loadDemo, type DemoResult } from "../../server/demo/load-demo.ts";
import { readDemoData } from "../../server/demo/demo-data.ts";
import { createUser } from "../../server/modules/users/users.service.ts";
import type { ScoreTrace } from "../../server/scoring/score-response.ts";
import { addMember, buildTestApp, logInAs, type TestApp } from "../helpers/build-app.ts";
import { onPostgres } from "../helpers/test-database.ts";

const { ngos, interviews, verifiedLevels } = readDemoData();

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
  return sql`select 1 from ${sql.table(name)} limit 0`.execute(db).then(
    () => true,
    () => false,
  );
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
  let userTomoId: number;
  let userTomo: unknown;

  beforeAll(async () => {
    t = await buildTestApp();
    db = t.database.db;
    // A user made a "Tomo" of their own before: the demo must leave it alone and make its own.
    const now = new Date().toISOString();
    userTomoId = await db
      .insertInto("organizations")
      .values({
        name: "Tomo",
        kind: "ngo",
        region: "Issykul region",
        district: null,
        org_type: null,
        contact_name: null,
        email: "office@tomo.example",
        locale: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .then((row) => row.id);
    userTomo = await db.selectFrom("organizations").selectAll().where("id", "=", userTomoId).executeTakeFirstOrThrow();
    first = await loadDemo(db, t.app.catalogue, { publicUrl: t.config.publicUrl });
    if (first.status !== "loaded") throw new Error(`expected a first load, got ${JSON.stringify(first)}`);
    evaluationId = first.evaluationId;
  });
  afterAll(() => t.close());

  it("creates the demo evaluator, as there was no user, and the closed endline evaluation", async () => {
    expect(first).toMatchObject({
      status: "loaded",
      user: { email: demoUser.email, created: true, password: demoUser.password },
      organisations: { created: 22, existing: 0 },
      ngoResponses: 18,
      interviews: 4,
    });
    const users = await db.selectFrom("users").select(["email", "role"]).execute();
    expect(users).toEqual([{ email: demoUser.email, role: "evaluator" }]);

    const evaluation = await db.selectFrom("evaluations").selectAll().where("id", "=", evaluationId).executeTakeFirst();
    expect(evaluation).toMatchObject({ name: "PHT final evaluation 2005", round: "endline", status: "closed" });
    // Its account owns the demo evaluation (anyone else sees it once added as a member).
    const members = await db
      .selectFrom("evaluation_members")
      .innerJoin("users", "users.id", "evaluation_members.user_id")
      .select(["users.email", "evaluation_members.role"])
      .where("evaluation_id", "=", evaluationId)
      .execute();
    expect(members).toEqual([{ email: demoUser.email, role: "owner" }]);
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
      .where("is_demo", "=", 1)
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

  it("makes its own organisations, marked as demo, and leaves the user's namesake untouched", async () => {
    const demoOrganisations = await db.selectFrom("organizations").select("id").where("is_demo", "=", 1).execute();
    expect(demoOrganisations).toHaveLength(22);
    expect(demoOrganisations.map((o) => o.id)).not.toContain(userTomoId);
    expect(
      await db.selectFrom("organizations").selectAll().where("id", "=", userTomoId).executeTakeFirstOrThrow(),
    ).toEqual(userTomo);
    for (const table of ["invitations", "responses"] as const) {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(table)} where organization_id = ${userTomoId}
      `.execute(db);
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    // Every organisation of the demo evaluation is a demo one; the API says which are.
    const { rows: foreign } = await sql<{ n: number }>`
      select count(*) as n from responses r join organizations o on o.id = r.organization_id
      where r.evaluation_id = ${evaluationId} and o.is_demo = 0
    `.execute(db);
    expect(Number(foreign[0]!.n)).toBe(0);
    const session = await logInAs(t, "viewer");
    const listed = await t.app.inject({ method: "GET", url: "/api/organizations", headers: session.headers });
    const tomos = (listed.json() as Array<{ id: number; name: string; isDemo: boolean }>).filter(
      (o) => o.name === "Tomo",
    );
    expect(tomos.find((o) => o.id === userTomoId)?.isDemo).toBe(false);
    expect(tomos.filter((o) => o.id !== userTomoId).map((o) => o.isDemo)).toEqual([true]);
    const evaluation = await db
      .selectFrom("evaluations")
      .select("is_demo")
      .where("id", "=", evaluationId)
      .executeTakeFirstOrThrow();
    expect(evaluation.is_demo).toBe(1);
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
        db,
        row.questionnaire_id,
        row.questionnaire_version,
        data,
        row.locale ?? "en",
      );
      expect(issues, `response ${row.id}`).toEqual([]);
      expect(cleaned).toEqual(data);
    }
  });

  it("inserts the verified levels", async () => {
    expect(first).toMatchObject({ verifiedLevels: verifiedLevels.length });
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
    await addMember(t, evaluationId, session.userId, "viewer");
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

describe("the demo data file", () => {
  it("loads: 18 NGOs, 4 interviews, 10 verified levels, with the estimates marked", () => {
    const data = readDemoData();
    expect(data.evaluation).toEqual({ name: "PHT final evaluation 2005", round: "endline" });
    expect([data.ngos.length, data.interviews.length, data.verifiedLevels.length]).toEqual([18, 4, 10]);
    for (const ngo of data.ngos) {
      expect(ngo.source.length, ngo.name).toBeGreaterThan(0);
      for (const key of ngo.illustrativeEstimates) expect(["HR1", "HR2", "FIN1", "FIN2"]).toContain(key);
    }
  });

  it("is refused with the place where it is wrong", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-demo-data-"));
    const file = path.join(dir, "broken.json");
    const broken = readDemoData();
    (broken.ngos[3] as { locale: string }).locale = "fr";
    fs.writeFileSync(file, JSON.stringify(broken));
    try {
      expect(() => readDemoData(file)).toThrow(/ngos\/3\/locale/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
    // An evaluation of the users' own under the demo's name: neither "the demo, already loaded" nor touched.
    const namesake = await db
      .insertInto("evaluations")
      .values({
        name: "PHT final evaluation 2005",
        round: "baseline",
        baseline_evaluation_id: null,
        status: "open",
        closes_at: null,
        created_by: adminId,
        created_at: new Date().toISOString(),
        reminder_days_before: null,
        conclusions: null,
        recommendations: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = await rowCounts(db);

    // A failure after the NGO questionnaires were submitted: the interviews cannot be stored.
    if (onPostgres) {
      await sql`
        create function refuse_interviews() returns trigger language plpgsql as $$
        begin raise exception 'interviews refused'; end $$
      `.execute(db);
      await sql`
        create trigger refuse_interviews before insert on responses
        for each row when (new.mode = 'interview') execute function refuse_interviews()
      `.execute(db);
    } else {
      await sql`
        create trigger refuse_interviews before insert on responses when new.mode = 'interview'
        begin select raise(abort, 'interviews refused'); end
      `.execute(db);
    }
    await expect(loadDemo(db, t.app.catalogue, { publicUrl: t.config.publicUrl })).rejects.toThrow(
      /interviews refused/,
    );
    expect(await rowCounts(db)).toEqual(before);

    await sql`drop trigger refuse_interviews${onPostgres ? sql` on responses` : sql``}`.execute(db);
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
    expect(result.evaluationId).not.toBe(namesake.id);
    expect(
      await db.selectFrom("evaluations").selectAll().where("id", "=", namesake.id).executeTakeFirstOrThrow(),
    ).toEqual(namesake);
    expect((await db.selectFrom("users").select("email").execute()).map((u) => u.email).sort()).toEqual([
      "admin@example.org",
      "viewer@example.org",
    ]);
  });
});
