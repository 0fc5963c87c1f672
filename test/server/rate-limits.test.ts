import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, request } from "../helpers/http.ts";
import { inviteOrganization, readFixture } from "../helpers/scenario.ts";

// The respondent routes take a token as their only credential: they are limited per token and per client address,
// over all the token routes together (GET, draft, submit, and the PDF copy that the reports module serves).

function respond(
  t: TestApp,
  method: "GET" | "PUT" | "POST",
  url: string,
  options: { ip?: string; payload?: unknown } = {},
) {
  return t.app.inject({
    method,
    url,
    remoteAddress: options.ip ?? "203.0.113.10",
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
  });
}

function expectRateLimited(res: LightMyRequestResponse) {
  const body = expectError(res, 429, "rate_limited");
  expect(body.details).toEqual([]);
  const retryAfter = Number(res.headers["retry-after"]);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
}

describe("per token", () => {
  const limit = 4;
  let t: TestApp;
  let evaluator: Session;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    t = await buildTestApp({ respondTokenRateLimit: limit, respondIpRateLimit: 1000 });
    evaluator = await logInAs(t);
    ({ token } = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" }));
    ({ token: otherToken } = await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" }));
  });
  afterAll(() => t.close());

  it(`answers 429 with Retry-After to request ${limit + 1} on one token, counting every token route together`, async () => {
    expect((await respond(t, "GET", `/api/respond/${token}`)).statusCode).toBe(200);
    const draft = { data: { P1: "Tomo" }, currentPage: 0 };
    expect((await respond(t, "PUT", `/api/respond/${token}/draft`, { payload: draft })).statusCode).toBe(200);
    // From other addresses: the count is the token's, wherever its requests come from.
    expect(
      (await respond(t, "PUT", `/api/respond/${token}/draft`, { payload: draft, ip: "198.51.100.7" })).statusCode,
    ).toBe(200);
    expectError(
      await respond(t, "POST", `/api/respond/${token}/submit`, { payload: { data: {} }, ip: "198.51.100.8" }),
      422,
    );

    expectRateLimited(await respond(t, "GET", `/api/respond/${token}`));
    expectRateLimited(
      await respond(t, "POST", `/api/respond/${token}/submit`, {
        payload: { data: readFixture("ngo-capacity-answers.json") },
      }),
    );
    expectRateLimited(await respond(t, "GET", `/api/respond/${token}/copy.pdf`, { ip: "192.0.2.99" }));
    // Refused requests store nothing: the draft is the one saved before the limit.
    const stored = await t.database.db.selectFrom("responses").select(["status", "data"]).execute();
    expect(stored).toEqual([{ status: "draft", data: JSON.stringify(draft.data) }]);
  });

  it("leaves other tokens and the evaluator routes alone", async () => {
    expect((await respond(t, "GET", `/api/respond/${otherToken}`)).statusCode).toBe(200);
    for (let i = 0; i < limit + 2; i++) {
      expect((await request(t, "GET", "/api/evaluations", undefined, evaluator)).statusCode).toBe(200);
    }
  });

  it("counts unknown tokens too, so guessing is slowed down", async () => {
    const guess = "A".repeat(43);
    for (let i = 0; i < limit; i++) expectError(await respond(t, "GET", `/api/respond/${guess}`), 404, "not_found");
    expectRateLimited(await respond(t, "GET", `/api/respond/${guess}`));
  });
});

describe("per client address", () => {
  const limit = 5;
  let t: TestApp;
  let tokens: string[];

  beforeAll(async () => {
    t = await buildTestApp({ respondTokenRateLimit: 1000, respondIpRateLimit: limit });
    const evaluator = await logInAs(t);
    tokens = [];
    for (let i = 0; i < limit + 1; i++) {
      tokens.push((await inviteOrganization(t, evaluator, { questionnaireId: "ngo-capacity" })).token);
    }
  });
  afterAll(() => t.close());

  it(`answers 429 to request ${limit + 1} from one address, whatever the tokens, and not to another address`, async () => {
    for (let i = 0; i < limit; i++) {
      expect((await respond(t, "GET", `/api/respond/${tokens[i]}`, { ip: "203.0.113.50" })).statusCode).toBe(200);
    }
    expectRateLimited(await respond(t, "GET", `/api/respond/${tokens[limit]}`, { ip: "203.0.113.50" }));
    expect((await respond(t, "GET", `/api/respond/${tokens[limit]}`, { ip: "203.0.113.51" })).statusCode).toBe(200);
  });

  it("does not let a forged X-Forwarded-For make a new client", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/respond/${tokens[0]}`,
      remoteAddress: "203.0.113.50",
      headers: { "x-forwarded-for": "192.0.2.1" },
    });
    expectRateLimited(res);
  });
});

describe("the window", () => {
  it("lets a token in again once the window has passed", async () => {
    const t = await buildTestApp({ respondTokenRateLimit: 1, respondIpRateLimit: 1000, respondRateWindowMs: 300 });
    try {
      const { token } = await inviteOrganization(t, await logInAs(t), { questionnaireId: "ngo-capacity" });
      expect((await respond(t, "GET", `/api/respond/${token}`)).statusCode).toBe(200);
      expectRateLimited(await respond(t, "GET", `/api/respond/${token}`));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await respond(t, "GET", `/api/respond/${token}`)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe("configuration", () => {
  it("allows autosave and a shared office address by default: 120 a minute per token, 600 per address", () => {
    expect(loadConfig({})).toMatchObject({
      respondTokenRateLimit: 120,
      respondIpRateLimit: 600,
      respondRateWindowMs: 60_000,
    });
  });

  it("reads RESPOND_RATE_LIMIT_PER_TOKEN, RESPOND_RATE_LIMIT_PER_IP and RESPOND_RATE_WINDOW_SECONDS", () => {
    const config = loadConfig({
      RESPOND_RATE_LIMIT_PER_TOKEN: "30",
      RESPOND_RATE_LIMIT_PER_IP: "3000",
      RESPOND_RATE_WINDOW_SECONDS: "10",
    });
    expect(config).toMatchObject({ respondTokenRateLimit: 30, respondIpRateLimit: 3000, respondRateWindowMs: 10_000 });
    expect(() => loadConfig({ RESPOND_RATE_LIMIT_PER_TOKEN: "0" })).toThrow(ConfigError);
    expect(() => loadConfig({ RESPOND_RATE_LIMIT_PER_IP: "lots" })).toThrow(ConfigError);
    expect(() => loadConfig({ RESPOND_RATE_WINDOW_SECONDS: "-5" })).toThrow(ConfigError);
  });
});
