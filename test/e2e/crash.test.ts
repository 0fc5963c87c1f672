import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { apiSession, startServer, type RunningServer } from "./helpers/server.ts";

// kill -9 during 50 concurrent submissions: every submission whose acknowledgement reached the respondent is there
// after a restart, exactly as acknowledged, and the database file is sound. (SIGKILL loses what the process had not
// handed to the kernel; a power cut, which synchronous=FULL is also for, cannot be staged here.)

const count = 50;
const killAfter = 10;
const fixture = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "ngo-capacity-answers.json"), "utf8"),
) as Record<string, unknown>;
const answers = (i: number) => ({ ...fixture, P1: `Partner NGO ${i}`, P8: `Activities of partner NGO number ${i}.` });

interface Invitation {
  id: number;
  token: string;
}
interface Acknowledged {
  index: number;
  responseId: number;
  submittedAt: string;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sapat-crash-"));
let first: RunningServer | undefined;
let second: RunningServer | undefined;

afterAll(async () => {
  await first?.kill();
  await second?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("submissions acknowledged before a kill -9 are all there after a restart, and the database is intact", async () => {
  first = await startServer({}, { dataDir });
  const api = await apiSession(first);
  const organizationIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await api.call("POST", "/api/organizations", {
      name: `Partner NGO ${i}`,
      kind: "ngo",
      region: "Osh",
    });
    organizationIds.push(id);
  }
  const { id: evaluationId } = await api.call("POST", "/api/evaluations", {
    name: "Crash test",
    questionnaireIds: ["ngo-capacity"],
  });
  const invitations = await api.call<Invitation[]>("POST", `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds,
    questionnaireId: "ngo-capacity",
  });
  expect(invitations).toHaveLength(count);

  // All at once; the 10th acknowledgement to arrive pulls the plug on the others.
  const server = first;
  const acknowledged = new Map<string, Acknowledged>();
  const refused: string[] = [];
  let killed: Promise<void> | null = null;
  const outcomes = await Promise.allSettled(
    invitations.map(async ({ token }, index) => {
      const res = await fetch(`${server.url}/api/respond/${token}/submit`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ data: answers(index) }),
      });
      // Acknowledged means the whole answer was read, not only its status line.
      const text = await res.text();
      if (res.status !== 200) {
        refused.push(`${index}: ${res.status} ${text}`);
        return;
      }
      const body = JSON.parse(text) as { status: string; responseId: number; submittedAt: string };
      expect(body.status).toBe("submitted");
      acknowledged.set(token, { index, responseId: body.responseId, submittedAt: body.submittedAt });
      if (acknowledged.size === killAfter && !killed) killed = server.kill();
    }),
  );
  await killed;
  expect(refused).toEqual([]);
  expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
  // The kill came while submissions were in flight: some never got an answer.
  const lost = outcomes.filter((o) => o.status === "rejected");
  expect(lost.length).toBeGreaterThan(0);
  expect(acknowledged.size + lost.length).toBe(count);

  second = await startServer({}, { dataDir, port: first.port });
  const after = await apiSession(second);

  for (const [token, ack] of acknowledged) {
    const res = await fetch(`${second.url}/api/respond/${token}`);
    expect(res.status).toBe(200);
    const { response } = (await res.json()) as { response: { status: string; data: unknown; submittedAt: string } };
    expect(response, `submission ${ack.index}`).toMatchObject({
      status: "submitted",
      data: answers(ack.index),
      submittedAt: ack.submittedAt,
    });
    const stored = await after.call("GET", `/api/responses/${ack.responseId}`);
    expect(stored).toMatchObject({ status: "submitted", submittedAt: ack.submittedAt, data: answers(ack.index) });
    expect(stored.invitationId).toBe(invitations[ack.index]!.id);
  }

  // The others are all or nothing: submitted with their answers, or not there at all (never half written).
  const submitted = new Set<number>();
  for (const [index, { token }] of invitations.entries()) {
    const { response } = (await (await fetch(`${second.url}/api/respond/${token}`)).json()) as {
      response: { status: string; data: unknown } | null;
    };
    if (response === null) continue;
    expect(response, `submission ${index}`).toMatchObject({ status: "submitted", data: answers(index) });
    submitted.add(invitations[index]!.id);
  }
  const listed = await after.call<Array<{ id: number; status: string }>>(
    "GET",
    `/api/evaluations/${evaluationId}/invitations`,
  );
  for (const invitation of listed) {
    expect(invitation.status === "submitted", `invitation ${invitation.id}`).toBe(submitted.has(invitation.id));
  }

  const database = new SQLite(path.join(dataDir, "sapat.db"), { readonly: true, fileMustExist: true });
  try {
    expect(database.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(database.pragma("foreign_key_check")).toEqual([]);
  } finally {
    database.close();
  }
}, 300_000);
