import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { Session, TestApp } from "./build-app.ts";

export interface ErrorBody {
  error: string;
  message: string;
  details: Array<{ field?: string; question?: string; message: string }>;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A request through the real app; `session` adds the cookie and the CSRF header. */
export function request(t: TestApp, method: Method, url: string, payload?: unknown, session?: Session) {
  return t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    ...(session ? { headers: session.headers } : {}),
  });
}

/** Asserts an error answer of the contract's shape and returns its body. */
export function expectError(res: LightMyRequestResponse, status: number, error?: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json() as ErrorBody;
  expect(body).toEqual({
    error: error ?? expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  });
  expect(body.message.length).toBeGreaterThan(0);
  return body;
}

/** The distinct `field`s an error names, sorted. */
export function fieldsOf(body: ErrorBody): string[] {
  return [...new Set(body.details.map((d) => d.field).filter((f): f is string => typeof f === "string"))].sort();
}

/** The distinct `question`s an error names, sorted. */
export function questionsOf(body: ErrorBody): string[] {
  return [...new Set(body.details.map((d) => d.question).filter((q): q is string => typeof q === "string"))].sort();
}

/** Rows of a table, for asserting what was (not) stored. */
export async function countRows(
  t: TestApp,
  table: "responses" | "questionnaires" | "organizations" | "evaluations" | "invitations" | "sessions" | "users",
) {
  const rows = await t.database.db.selectFrom(table).selectAll().execute();
  return rows.length;
}
