import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError, fieldsOf, request, type ErrorBody } from "../helpers/http.ts";
import { post } from "../helpers/scenario.ts";

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

interface ImportBody {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: Array<{ line: number; column?: string; message: string }>;
  ignoredColumns: string[];
  rows: Array<Record<string, unknown> & { line: number; action: string; organizationId?: number; name: string }>;
}

function importCsv(csv: string | Buffer, options: { dryRun?: boolean; session?: Session; contentType?: string } = {}) {
  const session = options.session ?? evaluator;
  return t.app.inject({
    method: "POST",
    url: `/api/organizations/import${options.dryRun ? "?dryRun=1" : ""}`,
    payload: csv,
    headers: { ...session.headers, "content-type": options.contentType ?? "text/csv" },
  });
}

async function imported(csv: string, dryRun = false): Promise<ImportBody> {
  const res = await importCsv(csv, { dryRun });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportBody;
}

/** A refused import: 422 with the report of the preview and the fields of every error answer. */
function expectImportRefused(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(422);
  const body = res.json() as ImportBody & ErrorBody;
  expect(body).toMatchObject({ error: "import_invalid", message: expect.stringMatching(/nothing was imported/) });
  expect(body.errors.length).toBeGreaterThan(0);
  return body;
}

function organizations() {
  return t.database.db.selectFrom("organizations").selectAll().orderBy("id").execute();
}

async function findByName(name: string) {
  return t.database.db.selectFrom("organizations").selectAll().where("name", "=", name).execute();
}

describe("POST /api/organizations/import", () => {
  const csv = [
    "name,kind,region,district,org type,contact,email,language",
    "Tomo,ngo,Issyk-Kul,Karakol,crisis_centre,Aida,Tomo@Example.org,ky",
    "Ak Jol,government,Osh,Kara-Suu,,,,Russian",
    "Bereke,,Chui,,,,,",
  ].join("\n");

  it("previews with dryRun=1: reports each line and writes nothing", async () => {
    const before = await countRows(t, "organizations");
    const body = await imported(csv, true);
    expect(body).toMatchObject({ dryRun: true, created: 3, updated: 0, unchanged: 0, errors: [], ignoredColumns: [] });
    expect(body.rows).toEqual([
      {
        line: 2,
        action: "create",
        name: "Tomo",
        kind: "ngo",
        region: "Issyk-Kul",
        district: "Karakol",
        orgType: "crisis_centre",
        contactName: "Aida",
        email: "tomo@example.org",
        locale: "ky",
      },
      expect.objectContaining({ line: 3, action: "create", name: "Ak Jol", kind: "government", locale: "ru" }),
      // An empty kind is an NGO.
      expect.objectContaining({ line: 4, action: "create", name: "Bereke", kind: "ngo", email: null, locale: null }),
    ]);
    expect(body.rows[0]).not.toHaveProperty("organizationId");
    expect(await countRows(t, "organizations")).toBe(before);
  });

  it("creates the organisations, then a re-import of the same file changes nothing", async () => {
    const before = await countRows(t, "organizations");
    const body = await imported(csv);
    expect(body).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(body.rows.every((r) => typeof r.organizationId === "number")).toBe(true);
    expect(await countRows(t, "organizations")).toBe(before + 3);
    const [tomo] = await findByName("Tomo");
    expect(tomo).toMatchObject({
      id: body.rows[0]!.organizationId,
      kind: "ngo",
      region: "Issyk-Kul",
      district: "Karakol",
      org_type: "crisis_centre",
      contact_name: "Aida",
      email: "tomo@example.org",
      locale: "ky",
    });
    const listed = await request(t, "GET", "/api/organizations", undefined, evaluator);
    expect(listed.json().map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["Tomo", "Ak Jol"]));

    const again = await imported(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(again.rows.map((r) => [r.action, r.organizationId])).toEqual(
      body.rows.map((r) => ["unchanged", r.organizationId]),
    );
    expect(await countRows(t, "organizations")).toBe(before + 3);
  });

  it("updates by email (case-insensitive) and by exact name and region, creating no duplicates", async () => {
    const before = await organizations();
    const [tomo] = await findByName("Tomo");
    const [akJol] = await findByName("Ak Jol");
    const update = [
      "Email;Name;Region;Contact name;Language",
      // Found by its email although the name changed.
      "TOMO@example.ORG;Tomo Centre;Issyk-Kul;Nurlan;",
      // No email: found by name and region; the empty language leaves the stored one.
      ";Ak Jol;Osh;Gulnara;",
    ].join("\n");

    const preview = await imported(update, true);
    expect(preview).toMatchObject({ created: 0, updated: 2, unchanged: 0, errors: [] });
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      action: "update",
      organizationId: tomo!.id,
      name: "Tomo Centre",
      contactName: "Nurlan",
      kind: "ngo",
      district: "Karakol",
      changes: ["name", "contactName"],
    });
    expect(preview.rows[1]).toMatchObject({ action: "update", organizationId: akJol!.id, changes: ["contactName"] });
    expect(await organizations()).toEqual(before);

    const body = await imported(update);
    expect(body).toMatchObject({ created: 0, updated: 2 });
    const after = await organizations();
    expect(after).toHaveLength(before.length);
    expect(after.find((o) => o.id === tomo!.id)).toMatchObject({
      name: "Tomo Centre",
      contact_name: "Nurlan",
      locale: "ky",
      district: "Karakol",
    });
    expect(after.find((o) => o.id === akJol!.id)).toMatchObject({ contact_name: "Gulnara", locale: "ru" });
  });

  it("gives an organisation found by name and region the email of the file", async () => {
    const [bereke] = await findByName("Bereke");
    const body = await imported("name,region,email\nBereke,Chui,info@bereke.kg\n");
    expect(body.rows).toEqual([
      expect.objectContaining({ action: "update", organizationId: bereke!.id, changes: ["email"] }),
    ]);
    expect((await findByName("Bereke"))[0]).toMatchObject({ email: "info@bereke.kg" });
    // Then the same name in another region is another organisation.
    const other = await imported("name,region\nBereke,Naryn\n");
    expect(other).toMatchObject({ created: 1, updated: 0 });
    expect(await findByName("Bereke")).toHaveLength(2);
  });

  it("reads a BOM, semicolons, quoted fields, Cyrillic and Windows line breaks", async () => {
    const file =
      "\uFEFFНазвание;Kind;Регион;Район;Org_Type;Contact Name;E-mail;Locale\r\n" +
      '"ОО ""Ак-Жол""; филиал";НКО;Чуйская область;Сокулук;"кризисный\r\nцентр";Айгуль;akjol@example.kg;Русский\r\n' +
      "Кызыл-Суу;government;Иссык-Кульская область;;;;;Кыргызча\r\n";
    const body = await imported(file);
    expect(body.errors).toEqual([]);
    expect(body.rows).toEqual([
      expect.objectContaining({
        line: 2,
        action: "create",
        name: 'ОО "Ак-Жол"; филиал',
        kind: "ngo",
        region: "Чуйская область",
        orgType: "кризисный\nцентр",
        locale: "ru",
      }),
      // The quoted cell spans two lines, so the next organisation is on line 4.
      expect.objectContaining({ line: 4, action: "create", name: "Кызыл-Суу", kind: "government", locale: "ky" }),
    ]);
    expect((await findByName('ОО "Ак-Жол"; филиал'))[0]).toMatchObject({ email: "akjol@example.kg", locale: "ru" });
  });

  it("reads Windows-1251 text, as Excel saves Cyrillic", async () => {
    const file = Buffer.from([
      ...Buffer.from("name;region\n"),
      // "Ынтымак;Нарын" in Windows-1251
      0xdb,
      0xed,
      0xf2,
      0xfb,
      0xec,
      0xe0,
      0xea,
      0x3b,
      0xcd,
      0xe0,
      0xf0,
      0xfb,
      0xed,
      0x0a,
    ]);
    const res = await importCsv(file, { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([expect.objectContaining({ name: "Ынтымак", region: "Нарын" })]);
  });

  it("lists columns it does not know and imports the others", async () => {
    const body = await imported("name,region,notes,Phone\nNotes Org,Talas,call after 5,123\n", true);
    expect(body.ignoredColumns).toEqual(["notes", "Phone"]);
    expect(body.rows).toEqual([expect.objectContaining({ action: "create", name: "Notes Org", region: "Talas" })]);
  });

  it("reports every bad line by number and column, and writes nothing at all", async () => {
    const before = await organizations();
    const file = [
      "name,kind,region,email,language",
      "Good One,ngo,Osh,good1@example.org,en",
      ",ngo,Osh,,en",
      "No Region,ngo,,,",
      "Bad Email,ngo,Osh,not-an-email,",
      "Bad Kind,charity,Osh,,",
      "Bad Language,ngo,Osh,,French",
      "Good Two,ngo,Osh,GOOD1@example.org,",
      "Good Three,ngo,Batken,,",
      "Good Three,ngo,Batken,,",
    ].join("\n");

    const preview = await imported(file, true);
    expect(preview.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "name"],
      [4, "region"],
      [5, "email"],
      [6, "kind"],
      [7, "locale"],
      [8, undefined],
      [10, undefined],
    ]);
    expect(preview.errors[0]!.message).toMatch(/name/);
    expect(preview.errors[2]!.message).toMatch(/email.*not-an-email/);
    expect(preview.errors[3]!.message).toMatch(/kind.*charity/);
    expect(preview.errors[4]!.message).toMatch(/language.*French/);
    expect(preview.errors[5]!.message).toMatch(/line 2/);
    expect(preview.errors[6]!.message).toMatch(/line 9/);
    expect(preview.rows.map((r) => r.action)).toEqual([
      "create",
      "error",
      "error",
      "error",
      "error",
      "error",
      "error",
      "create",
      "error",
    ]);
    expect(preview.rows[4]).toMatchObject({ line: 6, kind: "charity", messages: [expect.stringMatching(/charity/)] });

    const res = await importCsv(file);
    const body = expectImportRefused(res);
    expect(body.errors).toEqual(preview.errors);
    expect(body.rows).toEqual(preview.rows);
    expect(body.created).toBe(2);
    expect(body.details).toHaveLength(7);
    expect(body.details[0]).toEqual({ field: "name", message: expect.stringMatching(/^Line 3: /) });
    expect(await organizations()).toEqual(before);
  });

  it("refuses a file without a name or region column, naming it on line 1", async () => {
    const body = await imported("title,kind,email\nX,ngo,x@example.org\n", true);
    expect(body.errors).toEqual([
      { line: 1, column: "name", message: expect.stringMatching(/name/) },
      { line: 1, column: "region", message: expect.stringMatching(/region/) },
    ]);
    expect(body.rows).toEqual([]);
    expectImportRefused(await importCsv("title,kind\nX,ngo\n"));
  });

  it("refuses an empty file and one with an unclosed quote", async () => {
    const empty = await imported("", true);
    expect(empty.errors).toEqual([{ line: 1, message: expect.stringMatching(/empty/) }]);
    const broken = await imported('name,region\nOk,Osh\n"Broken,Osh\nMore,Osh\n', true);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]!.message).toMatch(/quote/i);
    expect(broken.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it("answers 413 to a body over the limit, and nothing changes", async () => {
    const before = await countRows(t, "organizations");
    const row = "Big Organisation,Osh,big@example.org\n";
    const file = "name,region,email\n" + row.repeat(Math.ceil((t.config.bodyLimit + 1) / row.length));
    expectError(await importCsv(file), 413, "payload_too_large");
    expect(await countRows(t, "organizations")).toBe(before);
  });

  it("answers 415 to a body that is not text/csv", async () => {
    const json = await t.app.inject({
      method: "POST",
      url: "/api/organizations/import",
      payload: { name: "X", region: "Y" },
      headers: evaluator.headers,
    });
    expectError(json, 415, "unsupported_media_type");
    expectError(
      await importCsv("name,region\nX,Y\n", { contentType: "application/xml" }),
      415,
      "unsupported_media_type",
    );
  });

  it("is refused to a viewer, and without a session", async () => {
    const viewer = await logInAs(t, "viewer");
    expectError(await importCsv("name,region\nX,Y\n", { session: viewer }), 403, "read_only");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/organizations/import",
      payload: "name,region\nX,Y\n",
      headers: { "content-type": "text/csv" },
    });
    expectError(res, 401, "unauthorized");
  });
});

describe("GET and PATCH /api/organizations/:id", () => {
  it("reads one organisation", async () => {
    const { id } = await post(t, evaluator, "/api/organizations", { name: "Single", kind: "ngo", region: "Osh" });
    const res = await request(t, "GET", `/api/organizations/${id}`, undefined, evaluator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id,
      name: "Single",
      kind: "ngo",
      region: "Osh",
      district: null,
      orgType: null,
      email: null,
      contactName: null,
      locale: null,
      isDemo: false,
    });
    expectError(await request(t, "GET", "/api/organizations/999999", undefined, evaluator), 404, "not_found");
  });

  it("changes only the fields given, with the rules of creation", async () => {
    const { id } = await post(t, evaluator, "/api/organizations", {
      name: "Patch Me",
      kind: "ngo",
      region: "Osh",
      district: "Nookat",
    });
    const res = await request(
      t,
      "PATCH",
      `/api/organizations/${id}`,
      { name: "  Patched ", email: "Boss@Patched.kg", locale: "ru", kind: "other" },
      evaluator,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      name: "Patched",
      email: "boss@patched.kg",
      locale: "ru",
      kind: "other",
      region: "Osh",
      district: "Nookat",
    });
    const cleared = await request(t, "PATCH", `/api/organizations/${id}`, { district: null }, evaluator);
    expect(cleared.json()).toMatchObject({ district: null, name: "Patched" });
  });

  it.each([
    [{ kind: "charity" }, ["kind"]],
    [{ email: "nope" }, ["email"]],
    [{ locale: "fr" }, ["locale"]],
    [{ name: "" }, ["name"]],
    [{ region: "   " }, ["region"]],
    [{ colour: "red" }, ["colour"]],
  ])("answers 400 naming the field for %j", async (body, fields) => {
    const { id } = await post(t, evaluator, "/api/organizations", { name: "Strict", kind: "ngo", region: "Osh" });
    const error = expectError(await request(t, "PATCH", `/api/organizations/${id}`, body, evaluator), 400);
    expect(fieldsOf(error)).toEqual(fields);
  });

  it("answers 404 for an unknown organisation and 403 to a viewer", async () => {
    expectError(await request(t, "PATCH", "/api/organizations/999999", { name: "X" }, evaluator), 404, "not_found");
    const viewer = await logInAs(t, "viewer");
    expectError(await request(t, "PATCH", "/api/organizations/1", { name: "X" }, viewer), 403, "read_only");
  });
});
