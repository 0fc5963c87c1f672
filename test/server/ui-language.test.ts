import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../server/modules/users/users.service.ts";
import { buildTestApp, type Session, type TestApp } from "../helpers/build-app.ts";
import { expectError, fieldsOf, request } from "../helpers/http.ts";

// The workspace language is remembered per user: null (follow the browser) until chosen, then on every session.

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await createUser(t.database.db, {
    email: "aida@example.org",
    name: "Aida",
    role: "viewer",
    password: "a long password",
  });
});
afterAll(() => t.close());

async function logIn(): Promise<Session> {
  const res = await request(t, "POST", "/api/auth/login", { email: "aida@example.org", password: "a long password" });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}

describe("PUT /api/auth/me/language", () => {
  it("remembers the choice for the user, across sessions, and null goes back to the browser's", async () => {
    const first = await logIn();
    expect((await request(t, "GET", "/api/auth/me", undefined, first)).json().user.uiLanguage).toBeNull();

    // Viewers choose their language too: it is their own account, not the evaluation's data.
    const set = await request(t, "PUT", "/api/auth/me/language", { uiLanguage: "ky" }, first);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ uiLanguage: "ky" });

    const second = await logIn();
    expect((await request(t, "GET", "/api/auth/me", undefined, second)).json().user.uiLanguage).toBe("ky");
    const login = await request(t, "POST", "/api/auth/login", {
      email: "aida@example.org",
      password: "a long password",
    });
    expect(login.json().user.uiLanguage).toBe("ky");

    await request(t, "PUT", "/api/auth/me/language", { uiLanguage: null }, second);
    expect((await request(t, "GET", "/api/auth/me", undefined, first)).json().user.uiLanguage).toBeNull();
  });

  it("refuses a language Sapat does not speak, naming the field, and keeps the saved one", async () => {
    const session = await logIn();
    await request(t, "PUT", "/api/auth/me/language", { uiLanguage: "ru" }, session);
    const bad = await request(t, "PUT", "/api/auth/me/language", { uiLanguage: "de" }, session);
    expect(fieldsOf(expectError(bad, 400))).toEqual(["uiLanguage"]);
    expect((await request(t, "GET", "/api/auth/me", undefined, session)).json().user.uiLanguage).toBe("ru");
  });

  it("needs a session and the CSRF header", async () => {
    expectError(await request(t, "PUT", "/api/auth/me/language", { uiLanguage: "ru" }), 401);
    const session = await logIn();
    const noCsrf = await t.app.inject({
      method: "PUT",
      url: "/api/auth/me/language",
      payload: { uiLanguage: "en" },
      headers: { cookie: session.headers.cookie },
    });
    expectError(noCsrf, 403);
  });
});
