import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";

let t: TestApp;
let evaluator: Session;
let viewer: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
  viewer = await logInAs(t, "viewer");
});
afterAll(() => t.close());

const body = { name: "Akimiat of Ton district", kind: "government", region: "Issyk-Kul", district: "Ton" };

function put(clientId: string, payload: unknown, session: Session = evaluator) {
  return request(t, "PUT", `/api/organizations/client/${clientId}`, payload, session);
}

function rowsWith(clientId: string) {
  return t.database.db.selectFrom("organizations").selectAll().where("client_id", "=", clientId).execute();
}

describe("PUT /api/organizations/client/:clientId", () => {
  it("creates the organisation once: three replays give one organisation and the same id", async () => {
    const clientId = randomUUID();
    const first = await put(clientId, body);
    expect(first.statusCode, first.body).toBe(201);
    const { id } = first.json() as { id: number };
    for (let i = 0; i < 3; i++) {
      const again = await put(clientId, body);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({ id });
    }
    const rows = await rowsWith(clientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, name: body.name, kind: "government", region: "Issyk-Kul", district: "Ton" });
    const listed = (await request(t, "GET", "/api/organizations", undefined, evaluator)).json() as Array<{
      name: string;
    }>;
    expect(listed.filter((o) => o.name === body.name)).toHaveLength(1);
  });

  it("matches the id whatever its letter case, and a replay with other content changes nothing", async () => {
    const clientId = randomUUID();
    const { id } = (await put(clientId, body)).json() as { id: number };
    const replay = await put(clientId.toUpperCase(), { ...body, name: "Renamed on another device" });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ id });
    expect((await rowsWith(clientId))[0]!.name).toBe(body.name);
  });

  it("answers two simultaneous first requests with one organisation", async () => {
    const clientId = randomUUID();
    const answers = await Promise.all([put(clientId, body), put(clientId, body)]);
    const ids = answers.map((a) => (a.json() as { id: number }).id);
    expect(new Set(ids).size).toBe(1);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    expect(await rowsWith(clientId)).toHaveLength(1);
  });

  it("refuses an id that is not a UUID, an invalid body, a viewer and a missing session", async () => {
    expectError(await put("not-a-uuid", body), 400);
    const invalid = expectError(await put(randomUUID(), { name: "", kind: "church", region: "Chui" }), 400);
    expect(fieldsOf(invalid).length).toBeGreaterThan(0);
    expectError(await put(randomUUID(), body, viewer), 403);
    expectError(await request(t, "PUT", `/api/organizations/client/${randomUUID()}`, body), 401);
  });
});
