import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonNestsDeeperThan, maxJsonDepth } from "../../server/plugins/json-body.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { countRows, expectError } from "../helpers/http.ts";
import { inviteOrganization } from "../helpers/scenario.ts";

// BODY_LIMIT holds for every content type the app reads (JSON, text/plain, the organisations' text/csv), whether the
// client declares the length or streams the body in chunks; and JSON may not nest deeper than the app can handle.

const bodyLimit = 4096;
let t: TestApp;
let evaluator: Session;
let token: string;

beforeAll(async () => {
  t = await buildTestApp({ bodyLimit });
  evaluator = await logInAs(t);
  ({ token } = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" }));
});
afterAll(() => t.close());

/** A body of `size` bytes, sent with its length or, with `chunked`, as a stream of unknown length. */
function send(
  url: string,
  contentType: string,
  body: string,
  options: { chunked?: boolean; method?: "POST" | "PUT" } = {},
) {
  return t.app.inject({
    method: options.method ?? "POST",
    url,
    headers: { ...evaluator.headers, "content-type": contentType },
    payload: options.chunked ? Readable.from([body.slice(0, 1000), body.slice(1000)]) : body,
  });
}

const organizationsCsv = (size: number) => {
  const header = "name,region\n";
  const row = "Organisation,Osh\n";
  return header + row.repeat(Math.ceil((size - header.length) / row.length));
};

describe.each([
  ["declared length", false],
  ["chunked", true],
])("a body over BODY_LIMIT (%s)", (_name, chunked) => {
  it("is refused with 413 as JSON, and nothing is stored", async () => {
    const json = JSON.stringify({ name: "x".repeat(bodyLimit), kind: "ngo", region: "Osh" });
    const before = await countRows(t, "organizations");
    expectError(await send("/api/organizations", "application/json", json, { chunked }), 413, "payload_too_large");
    expect(await countRows(t, "organizations")).toBe(before);
  });

  it("is refused with 413 as text/csv on the organisations import, and nothing is imported", async () => {
    const csv = organizationsCsv(bodyLimit + 1);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(bodyLimit);
    const before = await countRows(t, "organizations");
    expectError(await send("/api/organizations/import", "text/csv", csv, { chunked }), 413, "payload_too_large");
    expect(await countRows(t, "organizations")).toBe(before);
  });

  it("is refused with 413 as text/plain", async () => {
    expectError(await send("/api/organizations", "text/plain", "x".repeat(bodyLimit + 1), { chunked }), 413);
  });

  it("is refused with 413 on a respondent's draft, which keeps the saved one", async () => {
    const saved = await send(
      `/api/respond/${token}/draft`,
      "application/json",
      '{"data":{"P1":"Tomo"},"currentPage":0}',
      {
        method: "PUT",
      },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const big = JSON.stringify({ data: { P1: "x".repeat(bodyLimit) }, currentPage: 1 });
    expectError(await send(`/api/respond/${token}/draft`, "application/json", big, { chunked, method: "PUT" }), 413);
    const view = await t.app.inject({ method: "GET", url: `/api/respond/${token}` });
    expect(view.json().response).toMatchObject({ data: { P1: "Tomo" }, currentPage: 0 });
  });
});

describe("a body just under BODY_LIMIT", () => {
  it("is read, as JSON and as text/csv", async () => {
    const name = "x".repeat(bodyLimit - 60);
    const json = JSON.stringify({ name, kind: "ngo", region: "Osh" });
    expect(Buffer.byteLength(json)).toBeLessThan(bodyLimit);
    // Read, then refused by the schema (a name is at most 300 characters): not a 413.
    expectError(await send("/api/organizations", "application/json", json), 400, "invalid_request");
    const csv = organizationsCsv(bodyLimit - 100);
    const res = await send("/api/organizations/import?dryRun=1", "text/csv", csv, { chunked: true });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe("JSON nesting", () => {
  it(`refuses a body nested more than ${maxJsonDepth} levels with 400, before parsing it`, async () => {
    const deep = "[".repeat(1500) + "]".repeat(1500);
    const res = await send(
      `/api/respond/${token}/draft`,
      "application/json",
      `{"data":{"P1":${deep}},"currentPage":0}`,
      {
        method: "PUT",
      },
    );
    const error = expectError(res, 400, "invalid_request");
    expect(error.message).toMatch(/64 levels/);
  });

  it("reads answers nested as deep as questionnaires go", async () => {
    const nested = "[".repeat(maxJsonDepth - 3) + "]".repeat(maxJsonDepth - 3);
    const res = await send(
      `/api/respond/${token}/draft`,
      "application/json",
      `{"data":{"P1":${nested}},"currentPage":0}`,
      {
        method: "PUT",
      },
    );
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each([
    ["flat", '{"a": 1, "b": [1, 2]}', 2, false],
    ["at the limit", "[[[]]]", 3, false],
    ["over the limit", "[[[[]]]]", 3, true],
    ["brackets inside strings", '{"a": "[[[[{{{{", "b": "\\"[[[["}', 1, false],
    ["an escaped backslash before a quote", '{"a": "\\\\", "b": [[[[1]]]]}', 3, true],
  ])("counts depth outside strings: %s", (_name, text, limit, deeper) => {
    expect(jsonNestsDeeperThan(text, limit)).toBe(deeper);
  });
});
