import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { post, readFixture } from "../helpers/scenario.ts";
import { tableNames } from "../helpers/test-database.ts";

// Every route the app registers, sent malformed input as an evaluator and anonymously: no answer may be a 5xx,
// every error must be {error, message, details}, nothing may be stored and no prototype may be polluted. The inputs
// are fixed (no randomness), and every one of them is invalid for the route it is sent to.

const bodyLimit = 16 * 1024;

interface Route {
  method: string;
  url: string;
}

/** The routes of printRoutes' tree: each line is a path segment under its parent's, with its methods. */
function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const url = stack.join("");
    for (const method of match[3]?.split(", ") ?? []) routes.push({ method, url });
  }
  return routes;
}

// --- inputs ---------------------------------------------------------------------------------------------------

/** A body as sent on the wire, with its content type (none: no header). */
interface Body {
  name: string;
  payload: string | Buffer;
  contentType?: string;
}

const json = (name: string, value: unknown): Body => ({
  name,
  payload: JSON.stringify(value),
  contentType: "application/json",
});
/** A body as given; `contentType` null sends none. */
const raw = (name: string, payload: string | Buffer, contentType: string | null = "application/json"): Body => ({
  name,
  payload,
  ...(contentType === null ? {} : { contentType }),
});

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** Refused before any handler runs, whatever the route: safe to send with the ids of stored rows. */
const refusedBeforeHandler: Body[] = [
  raw("empty JSON", ""),
  raw("truncated object", '{"name":'),
  raw("truncated array", "[1,2"),
  raw("single quotes", "{'name': 'x'}"),
  raw("trailing comma", '{"name": "x",}'),
  raw("NaN", '{"level": NaN}'),
  raw("garbage after JSON", '{"name": "x"} trailing'),
  raw("bare word", "nul"),
  raw("NUL byte", "\u0000"),
  raw("__proto__ at top level", '{"__proto__": {"polluted": 1}}'),
  raw("constructor.prototype at top level", '{"constructor": {"prototype": {"polluted": 1}}}'),
  raw("__proto__ in data", '{"data": {"__proto__": {"polluted": 1}}, "currentPage": 0, "reason": "x"}'),
  raw("constructor.prototype in data", '{"data": {"constructor": {"prototype": {"polluted": 1}}}, "reason": "x"}'),
  raw("__proto__ in an array", '{"data": {"q": [{"__proto__": {"polluted": 1}}]}}'),
  raw("escaped __proto__", '{"\\u005f_proto__": {"polluted": 1}}'),
  raw("escaped constructor", '{"constructo\\u0072": {"prototype": {"polluted": 1}}}'),
  raw("nested 5000 deep", deep(5000)),
  raw("data nested 100 deep", `{"data": {"q": ${deep(100)}}, "currentPage": 0}`),
  raw("just over the body limit", `{"name":"${"a".repeat(bodyLimit)}"}`),
  raw("form-urlencoded", "name=x&__proto__[polluted]=1", "application/x-www-form-urlencoded"),
  raw("XML", "<name>x</name>", "application/xml"),
  raw("multipart", "--x\r\n\r\nname\r\n--x--", "multipart/form-data; boundary=x"),
  raw("no content type", '{"name": "x"}', null),
];

const keys = [
  "name",
  "kind",
  "region",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "role",
  "id",
  "json",
  "data",
  "currentPage",
  "locale",
  "reason",
  "level",
  "note",
  "status",
  "organizationIds",
  "questionnaireId",
  "questionnaireIds",
  "questionnaireVersion",
  "evaluationId",
  "organizationId",
  "expiresAt",
  "closesAt",
  "interviewee",
  "conductedAt",
  "baseRevision",
];
/** Every field a route might take, all given one value: a wrong type for each of them somewhere. */
const everyField = (value: unknown) => Object.fromEntries(keys.map((k) => [k, value]));

const unicode: Record<string, string> = {
  "lone high surrogate": "\ud800",
  "lone low surrogate then high": "\udfff\ud800",
  "RTL marks": "\u202e\u200fevil\u202c",
  NUL: "a\u0000b",
  emoji: "😀👩‍👩‍👧‍👦🏳️‍🌈",
  combining: "e" + "\u0301".repeat(500),
  "BOM and noncharacters": "\ufeff\uffff\ufffe",
  "zero-width": "\u200b\u200c\u200d\u2060",
};

/** Valid JSON of the wrong shape: refused by the route's schema (or by a handler that finds no such row). */
const invalidForSchema: Body[] = [
  json("array", []),
  json("array of objects", [{ name: "x" }]),
  json("number", 123),
  json("negative number", -1),
  json("null", null),
  json("true", true),
  json("string", "a string"),
  json("every field an array", everyField([])),
  json("every field an object", everyField({})),
  json("every field null", everyField(null)),
  json("every field a huge number", everyField(1e308)),
  json("every field negative", everyField(-1)),
  json("every field a float", everyField(1.5)),
  json("every field a string", everyField("x")),
  json("every field a long string", everyField("x".repeat(600))),
  json("data of wrong types", { data: "x", currentPage: "0", reason: 5, level: "4", note: [] }),
  json("nested 60 deep", JSON.parse(`{"data": {"q": ${deep(60)}}}`)),
  raw("just under the body limit", `{"name":"${"a".repeat(bodyLimit - 12)}"}`),
  raw("long Cyrillic just under the limit", `{"name":"${"Ж".repeat(Math.floor((bodyLimit - 40) / 2))}","kind":1}`),
  raw("byte order mark", '\ufeff{"name": 1}'),
  raw("invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x5b, 0x5d, 0x7d])),
  raw("UTF-16 charset", '{"name": 1}', "application/json; charset=utf-16"),
  raw("text/plain", '{"name": "x"}', "text/plain"),
  raw("text/csv, a line without its region", "name,region\nX,Osh\nY,\n", "text/csv"),
  ...Object.entries(unicode).flatMap(([name, text]) => [
    json(`${name} in every field`, everyField(text)),
    json(`${name} as a key`, { [text]: text, data: { [text]: text }, currentPage: -1 }),
    raw(
      `${name} escaped`,
      `{"name": ${JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}, "kind": 7}`,
    ),
  ]),
];

/** Path parameter values that are no id of anything, or not even of the right form. */
const badParams = [
  "999999",
  "0",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "abc",
  "9".repeat(40),
  "x".repeat(150),
  "..%2F..%2Fpackage.json",
  "%2e%2e",
  "%00",
  "%E2%80%AE",
  "%F0%9F%98%80",
  "%ED%A0%80",
  "%E0%A4%A",
  "%",
];

/** Names that a plain object finds on Object.prototype: as question names, answers' keys and query values. */
const prototypeNames = ["constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "prototype"];

const queries = [
  ...prototypeNames.map((name) => `?groupBy=q:${name}&questionnaireId=${name}&basis=${name}&lang=${name}`),
  "?questionnaireId=a&questionnaireId=b",
  "?basis=self&basis=verified&groupBy=region&groupBy=orgType",
  "?groupBy=q:__proto__&basis=constructor",
  "?version=-1&version=abc",
  "?labels=2&bom=-1&lang=\u202e&status=all&status=draft",
  "?__proto__=1&constructor=2",
  "?__proto__[polluted]=1&constructor[prototype][polluted]=1",
  "?a=%E0%A4%A&b=%ED%A0%80",
  "?dryRun=1&dryRun=0",
  `?questionnaireId=${"q".repeat(5000)}`,
  "?questionnaireId=%00&lang=%F0%9F%98%80",
];

/** Import files that are all wrong somewhere (a file with one wrong line imports nothing). */
const csvFiles: Body[] = [
  raw("kind constructor", "name,region,kind\nX,Osh,constructor\n", "text/csv"),
  raw("kind __proto__", "name,region,kind\nX,Osh,__proto__\n", "text/csv"),
  raw("language constructor", "name,region,language\nX,Osh,constructor\nY,Osh,hasOwnProperty\n", "text/csv"),
  raw("header __proto__", "__proto__,constructor,name\n1,2,X\n", "text/csv"),
  raw("empty", "", "text/csv"),
  raw("only a byte order mark", "\ufeff", "text/csv"),
  raw("unclosed quote", 'name,region\n"X,Osh\n', "text/csv"),
  raw("NUL bytes", "name,region\nX\u0000,\u0000\nNo region,\n", "text/csv"),
  raw("invalid UTF-8", Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0xfd]), "text/csv"),
  raw("UTF-16 byte order mark and garbage", Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), "text/csv"),
  raw("RTL and emoji, region missing", "name,region\n\u202e😀,\n", "text/csv"),
  raw("just under the body limit, region missing", `name,region\n${"Ж".repeat((bodyLimit - 20) / 2)},\n`, "text/csv"),
  raw("over the body limit", `name,region\n${"a".repeat(bodyLimit)},Osh\n`, "text/csv"),
];

// --- the run --------------------------------------------------------------------------------------------------

let t: TestApp;
let evaluator: Session;
const evaluatorEmail = "fuzz-evaluator@example.org";
const password = "correct horse battery";
let token: string;

async function logIn(): Promise<Session> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: evaluatorEmail, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}

beforeAll(async () => {
  t = await buildTestApp({
    bodyLimit,
    respondTokenRateLimit: 1_000_000,
    respondIpRateLimit: 1_000_000,
    loginRateLimit: 1_000_000,
    loginFailureLimit: 1_000_000,
  });
  const admin = await logInAs(t, "admin");
  await post(t, admin, "/api/users", { email: evaluatorEmail, name: "Fuzz", role: "evaluator", password }, [201]);
  evaluator = await logIn();
  // A row of each kind, so that routes given a real id get past "not found" to whatever they check next.
  const organizations = await Promise.all(
    ["Tomo", "Ayalzat"].map((name) =>
      post(t, evaluator, "/api/organizations", { name, kind: "ngo", region: "Osh", email: `${name}@example.org` }),
    ),
  );
  const { id: evaluationId } = await post(t, evaluator, "/api/evaluations", {
    name: "Fuzzed",
    questionnaireIds: ["ngo-capacity"],
  });
  const invitations = await post(t, evaluator, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: organizations.map((o: { id: number }) => o.id),
    questionnaireId: "ngo-capacity",
  });
  await post(t, evaluator, `/api/invitations/${invitations[0].id}/send`, {});
  token = invitations[1].token;
  const submitted = await t.app.inject({
    method: "POST",
    url: `/api/respond/${invitations[0].token}/submit`,
    payload: { data: readFixture("ngo-capacity-answers.json") },
  });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  // Opened once here, so that the GETs of the run find nothing left to record.
  await t.app.inject({ method: "GET", url: `/api/respond/${token}` });
});
afterAll(() => t?.close());

/**
 * Every table's rows, but sessions (logging in and out is part of the run), request counters, and the time of a respondent's last visit
 * (opening the link records it, whatever the query string).
 */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const name of await tableNames(t.database)) {
    // Bookkeeping, not data: sessions, and (PostgreSQL) the respondent routes' request counters.
    if (name === "sessions" || name === "rate_limit_counters") continue;
    let { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.database.db);
    // A report or an export that a malformed query still serves (an ignored parameter) is audited, as every download.
    if (name === "audit_events") rows = rows.filter((row) => row.action !== "report" && row.action !== "export");
    if (name === "invitations") for (const row of rows) delete row.last_activity_at;
    // In a stable order on both databases (PostgreSQL has no rowid).
    result[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

/** The real value of a path parameter: an id that exists (a client id is only well-formed). */
function realParam(name: string, url: string): string {
  if (name === "token") return token;
  if (name === "clientId") return "00000000-0000-4000-8000-000000000000";
  if (name === "question") return "HR1";
  if (url.startsWith("/api/questionnaires/")) return "ngo-capacity";
  return "1";
}

/** A well-formed value of a path parameter that names nothing stored. */
function missingParam(name: string): string {
  if (name === "token") return "A".repeat(43);
  if (name === "clientId") return "ffffffff-ffff-4fff-bfff-ffffffffffff";
  if (name === "question") return "NO_SUCH_QUESTION";
  return "999999";
}

const fillParams = (url: string, value: (name: string) => string) =>
  url.replace(/:(\w+)/g, (_match, name: string) => value(name));

const mutating = new Set(["POST", "PUT", "PATCH", "DELETE"]);

it("answers malformed input on every route without a 5xx, storing nothing and polluting no prototype", async () => {
  const routes = registeredRoutes(t.app).filter((r) => r.url.startsWith("/api/") || r.url === "/healthz");
  // The parse of the route tree found the routes: a few that must be there, and no fewer than there are.
  expect(routes).toEqual(
    expect.arrayContaining([
      { method: "POST", url: "/api/respond/:token/submit" },
      { method: "PUT", url: "/api/responses/:id/verified/:question" },
      { method: "POST", url: "/api/organizations/import" },
      { method: "GET", url: "/api/evaluations/:id/export.csv" },
    ]),
  );
  expect(routes.length).toBeGreaterThan(60);

  // The setup's submission is scored after its acknowledgement: let that happen before the run, not during it.
  await t.app.scoreBacklog.drain();
  const before = await snapshot();
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
  const failures: string[] = [];
  let sent = 0;

  const send = async (route: Route, url: string, body: Body | null, session: Session | null) => {
    const headers: Record<string, string> = { ...(session?.headers ?? {}) };
    if (body?.contentType) headers["content-type"] = body.contentType;
    const options: InjectOptions = { method: route.method as InjectOptions["method"], url, headers };
    if (body) options.payload = body.payload;
    const res: LightMyRequestResponse = await t.app.inject(options);
    sent++;
    const what = `${route.method} ${url.slice(0, 120)} [${body?.name ?? "no body"}] ${session ? "evaluator" : "anonymous"}`;
    if (res.statusCode >= 500) failures.push(`${what} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (res.statusCode >= 400 && route.method !== "HEAD") {
      let error: unknown;
      try {
        error = res.json();
      } catch {
        error = res.body;
      }
      const shaped =
        typeof error === "object" &&
        error !== null &&
        typeof (error as { error?: unknown }).error === "string" &&
        typeof (error as { message?: unknown }).message === "string" &&
        Array.isArray((error as { details?: unknown }).details) &&
        String(res.headers["content-type"]).startsWith("application/json");
      if (!shaped)
        failures.push(`${what} -> ${res.statusCode} not {error, message, details}: ${res.body.slice(0, 200)}`);
    }
    if (Object.hasOwn(Object.prototype, "polluted") || ({} as { polluted?: unknown }).polluted !== undefined) {
      failures.push(`${what} polluted Object.prototype`);
      delete (Object.prototype as { polluted?: unknown }).polluted;
    }
    // Logging out with a body the route ignores is not an error; the next requests need a session again.
    if (session && route.url === "/api/auth/logout" && res.statusCode === 200) evaluator = await logIn();
  };

  for (const route of routes) {
    for (const identity of ["evaluator", "anonymous"] as const) {
      const session = () => (identity === "evaluator" ? evaluator : null);
      const real = fillParams(route.url, (name) => realParam(name, route.url));
      const missing = fillParams(route.url, missingParam);
      const hasParams = real !== route.url;
      if (mutating.has(route.method)) {
        for (const body of refusedBeforeHandler) await send(route, real, body, session());
        // Valid JSON of the wrong shape only where no row is found: some handlers take no body at all. Logging out is
        // one of them, so it gets these only anonymously.
        const wrongShape = hasParams ? missing : route.url;
        const ignoresBody = route.url === "/api/auth/logout" && identity === "evaluator";
        if (!ignoresBody) for (const body of invalidForSchema) await send(route, wrongShape, body, session());
        if (route.url === "/api/organizations/import") {
          for (const body of csvFiles) {
            await send(route, route.url, body, session());
            await send(route, `${route.url}?dryRun=1`, body, session());
          }
        }
        if (hasParams) {
          for (const value of badParams) {
            await send(
              route,
              fillParams(route.url, () => value),
              json("empty object", {}),
              session(),
            );
          }
        }
      } else {
        for (const query of queries) {
          // HEAD runs the GET handler: with the real ids once is enough.
          if (route.method === "GET") await send(route, `${real}${query}`, null, session());
          if (hasParams) await send(route, `${missing}${query}`, null, session());
        }
        for (const value of badParams)
          await send(
            route,
            fillParams(route.url, () => value),
            null,
            session(),
          );
      }
    }
  }
  // Well-formed requests on stored rows whose answer or question is named like something of Object.prototype: no
  // questionnaire has such a question, so the handlers refuse them all (`__proto__` the JSON parser refuses first).
  const submit = { method: "POST", url: "/api/respond/:token/submit" };
  const correct = { method: "PATCH", url: "/api/responses/:id" };
  const verify = { method: "PUT", url: "/api/responses/:id/verified/:question" };
  for (const name of [...prototypeNames, "__proto__"]) {
    for (const value of ["1", '"x"', "{}", "[]", "null"]) {
      const data = `{"${name}": ${value}}`;
      await send(submit, `/api/respond/${token}/submit`, raw(`answer ${data}`, `{"data": ${data}}`), null);
      await send(correct, "/api/responses/1", raw(`answer ${data}`, `{"data": ${data}, "reason": "x"}`), evaluator);
    }
    await send(verify, `/api/responses/1/verified/${name}`, json("a level", { level: 3, note: "x" }), evaluator);
  }
  for (const url of [
    "/api/%2e%2e/%2e%2e/etc/passwd",
    "/api/respond/..%2F..%2Fsapat.db",
    "/api/\u202e",
    "/api/%ED%A0%80",
  ]) {
    await send({ method: "GET", url }, url, null, evaluator);
  }

  expect(failures).toEqual([]);
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
  expect(await snapshot()).toEqual(before);
  expect(sent).toBeGreaterThan(5000);
}, 120_000);

// What the run above found, each on its own.

it("marks a submitted invitation as sent by hand without an error (it used to be an empty UPDATE, a 500)", async () => {
  const res = await t.app.inject({ method: "POST", url: "/api/invitations/1/mark-sent", headers: evaluator.headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ status: "submitted" });
});

it("reads a kind or a language named like a member of Object.prototype as unknown (they were a 500)", async () => {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/organizations/import?dryRun=1",
    headers: { ...evaluator.headers, "content-type": "text/csv" },
    payload: "name,region,kind,language\nA,Osh,constructor,en\nB,Osh,ngo,__proto__\nC,Osh,ngo,constructor\n",
  });
  expect(res.statusCode, res.body).toBe(200);
  const { errors } = res.json() as { errors: Array<{ line: number; column: string }> };
  expect(errors.map((e) => [e.line, e.column])).toEqual([
    [2, "kind"],
    [3, "locale"],
    [4, "locale"],
  ]);
});
