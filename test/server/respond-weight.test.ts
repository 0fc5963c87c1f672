import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { readSurvey } from "../helpers/questionnaires.ts";
import { openLink } from "../helpers/respond.ts";
import { inviteOrganization } from "../helpers/scenario.ts";

// What the respondent page downloads: the questionnaire compressed, and not at all when the page already holds
// that version (`?have=<id>@<version>`).

let t: TestApp;
let evaluator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  evaluator = await logInAs(t, "evaluator");
});
afterAll(() => t.close());

describe("GET /api/respond/:token?have=", () => {
  it("leaves out the questionnaire the client holds, and only that version", async () => {
    const { token } = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
    const full = await openLink(t, token);
    expect(full.statusCode, full.body).toBe(200);
    const view = full.json();
    expect(view.questionnaire.json).toEqual(readSurvey("ngo-capacity"));
    expect(view.questionnaire).not.toHaveProperty("cached");

    const have = `${view.questionnaire.id}@${view.questionnaire.version}`;
    const short = await t.app.inject({ method: "GET", url: `/api/respond/${token}?have=${encodeURIComponent(have)}` });
    expect(short.statusCode, short.body).toBe(200);
    expect(short.json()).toEqual({
      ...view,
      questionnaire: { ...view.questionnaire, json: null, cached: true },
    });
    expect(short.body.length).toBeLessThan(1000);

    for (const other of [`${view.questionnaire.id}@${view.questionnaire.version + 1}`, "government-interview@1", "x"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/respond/${token}?have=${encodeURIComponent(other)}` });
      expect(res.statusCode, other).toBe(200);
      expect(res.json().questionnaire.json, other).toEqual(view.questionnaire.json);
    }
  });

  it("answers 404 for an unknown link whatever `have` says", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/respond/abcdefghijklmnopqrstuvwx?have=ngo-capacity@1" });
    expect(res.statusCode).toBe(404);
  });
});

describe("compression of the respondent's questionnaire", () => {
  it("sends brotli or gzip to clients that accept them, and plain JSON to the others", async () => {
    const { token } = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
    const plain = await openLink(t, token);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const expected = plain.json();

    const br = await t.app.inject({
      method: "GET",
      url: `/api/respond/${token}`,
      headers: { "accept-encoding": "br" },
    });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString("utf8"))).toEqual(expected);

    const gz = await t.app.inject({
      method: "GET",
      url: `/api/respond/${token}`,
      headers: { "accept-encoding": "gzip" },
    });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString("utf8"))).toEqual(expected);
  });

  it("leaves other routes alone", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/questionnaires/ngo-capacity",
      headers: { ...evaluator.headers, "accept-encoding": "br, gzip" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
  });

  it("does not inflate compressed request bodies", async () => {
    const { token } = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" });
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/respond/${token}/draft`,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(res.statusCode).toBe(400);
  });
});
