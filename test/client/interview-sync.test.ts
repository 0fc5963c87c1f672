import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../../client/src/lib/http.ts";
import type {
  InterviewContent,
  LocalInterview,
  PendingOrganization,
  SyncError,
} from "../../client/src/features/interviews/store.ts";
import {
  countSync,
  interviewBody,
  SyncQueue,
  type SyncStore,
  type SyncTransport,
} from "../../client/src/features/interviews/sync.ts";
import type { InterviewBody, InterviewSaved } from "../../server/modules/interviews/interviews.schemas.ts";
import type { ResponseCopy } from "../../server/modules/responses/responses.schemas.ts";

// The sync queue against an in-memory store with FieldStore's semantics and a scripted server.

class MemoryStore implements SyncStore {
  interviews = new Map<string, LocalInterview>();
  organizations = new Map<string, PendingOrganization>();

  add(overrides: Partial<LocalInterview> = {}): LocalInterview {
    const clientId = overrides.clientId ?? crypto.randomUUID();
    const interview: LocalInterview = {
      clientId,
      evaluationId: 1,
      organizationId: 5,
      pendingOrganizationId: null,
      questionnaireId: "government-interview",
      questionnaireVersion: 1,
      data: { agency_name: "Border service" },
      currentPage: 0,
      status: "draft",
      interviewee: { name: "", position: "Head of unit", agency: "" },
      conductedAt: "2026-11-20",
      place: "",
      locale: "en",
      serverRevision: null,
      responseId: null,
      dirty: true,
      changeCount: 1,
      sending: null,
      reason: null,
      lastError: null,
      conflict: null,
      createdAt: "2026-11-20T08:00:00.000Z",
      updatedAt: "2026-11-20T08:00:00.000Z",
      syncedAt: null,
      ...overrides,
    };
    this.interviews.set(clientId, interview);
    return interview;
  }

  get(clientId: string): LocalInterview {
    return this.interviews.get(clientId)!;
  }

  change(clientId: string, fields: Partial<LocalInterview>): void {
    const current = this.get(clientId);
    this.interviews.set(clientId, { ...current, ...fields, dirty: true, changeCount: current.changeCount + 1 });
  }

  private patch(clientId: string, change: (i: LocalInterview) => Partial<LocalInterview>) {
    const current = this.get(clientId);
    this.interviews.set(clientId, { ...current, ...change(current) });
    return Promise.resolve();
  }

  listInterviews = async () => [...this.interviews.values()];
  listPendingOrganizations = async () => [...this.organizations.values()].map((o) => ({ ...o }));
  recordOrganizationCreated = async (clientId: string, organizationId: number) => {
    this.organizations.set(clientId, { ...this.organizations.get(clientId)!, organizationId, lastError: null });
    for (const i of this.interviews.values()) {
      if (i.pendingOrganizationId === clientId && i.organizationId === null) {
        this.interviews.set(i.clientId, { ...i, organizationId });
      }
    }
  };
  recordOrganizationError = async (clientId: string, error: SyncError) => {
    this.organizations.set(clientId, { ...this.organizations.get(clientId)!, lastError: error });
  };
  recordSending = (clientId: string, sent: InterviewContent & { change: number }) =>
    this.patch(clientId, () => ({ sending: sent }));
  recordSaved = (clientId: string, sent: number, saved: InterviewSaved) =>
    this.patch(clientId, (i) => ({
      serverRevision: saved.revision,
      responseId: saved.responseId,
      dirty: i.changeCount === sent ? false : i.dirty,
      sending: null,
      lastError: null,
    }));
  recordConflict = (clientId: string, copy: ResponseCopy) =>
    this.patch(clientId, () => ({ conflict: copy, sending: null }));
  recordOwnRevision = (clientId: string, revision: number, responseId: number) =>
    this.patch(clientId, () => ({ serverRevision: revision, responseId, sending: null }));
  recordError = (clientId: string, error: SyncError) =>
    this.patch(clientId, () => ({ lastError: error, sending: null }));
}

type Answer = InterviewSaved | ApiError | NetworkError | ((body: InterviewBody) => InterviewSaved | Error);

class ScriptedServer implements SyncTransport {
  sent: Array<{ clientId: string; body: InterviewBody }> = [];
  organizations: Array<{ clientId: string }> = [];
  answers: Answer[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Runs while a PUT is "on the wire": a change made by the evaluator at that moment. */
  during: (() => void) | null = null;

  async putInterview(clientId: string, body: InterviewBody): Promise<InterviewSaved> {
    this.sent.push({ clientId, body });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    this.during?.();
    this.during = null;
    this.inFlight--;
    let answer = this.answers.shift() ?? saved(1);
    if (typeof answer === "function") answer = answer(body);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  async putOrganization(clientId: string): Promise<{ id: number }> {
    this.organizations.push({ clientId });
    return { id: 77 };
  }
}

const saved = (revision: number, responseId = 10): InterviewSaved => ({
  responseId,
  revision,
  status: "draft",
  changed: true,
});

function copy(overrides: Partial<ResponseCopy> = {}): ResponseCopy {
  return {
    responseId: 10,
    revision: 3,
    status: "draft",
    data: { agency_name: "Changed on the server" },
    organizationId: 5,
    interviewee: { name: "", position: "Head of unit", agency: "" },
    conductedAt: "2026-11-20",
    place: null,
    locale: "en",
    submittedAt: null,
    updatedAt: "2026-11-21T08:00:00.000Z",
    updatedBy: { id: 2, name: "Other evaluator" },
    ...overrides,
  };
}

function conflictError(current: ResponseCopy) {
  return new ApiError(409, { error: "revision_conflict", message: "changed", details: [], current } as never);
}

/** Timers the test fires by hand. */
function manualTimers() {
  let now = 0;
  const timers: Array<{ at: number; run: () => void; live: boolean }> = [];
  return {
    now: () => now,
    setTimer(run: () => void, ms: number) {
      const timer = { at: now + ms, run, live: true };
      timers.push(timer);
      return () => void (timer.live = false);
    },
    pending: () => timers.filter((t) => t.live).map((t) => t.at - now),
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.live && t.at <= now)) {
        timer.live = false;
        timer.run();
      }
      for (let i = 0; i < 20; i++) await Promise.resolve();
    },
  };
}

function setUp(options: { canSend?: () => boolean } = {}) {
  const store = new MemoryStore();
  const server = new ScriptedServer();
  const timers = manualTimers();
  const queue = new SyncQueue({ store, transport: server, setTimer: timers.setTimer, now: timers.now, ...options });
  return { store, server, timers, queue };
}

describe("interviewBody", () => {
  it("sends no baseRevision for a never-synced interview, and the last confirmed one after", () => {
    const store = new MemoryStore();
    const fresh = store.add({ place: "  " });
    expect(interviewBody(fresh, 5)).not.toHaveProperty("baseRevision");
    expect(interviewBody(fresh, 5).place).toBeNull();
    const synced = store.add({ serverRevision: 4, reason: "Phone call" });
    expect(interviewBody(synced, 5)).toMatchObject({ baseRevision: 4, reason: "Phone call", organizationId: 5 });
  });
});

describe("SyncQueue", () => {
  it("sends a changed interview and clears it once the server confirmed that very copy", async () => {
    const { store, server, queue } = setUp();
    const { clientId } = store.add();
    server.answers.push(saved(1));
    await queue.run();
    expect(server.sent).toHaveLength(1);
    expect(store.get(clientId)).toMatchObject({ dirty: false, serverRevision: 1, responseId: 10, sending: null });
    await queue.run();
    expect(server.sent).toHaveLength(1);
    expect(queue.getStatus().phase).toBe("idle");
  });

  it("keeps a change made while the copy was on its way, and sends it next from the new revision", async () => {
    const { store, server, queue } = setUp();
    const { clientId } = store.add();
    server.during = () => store.change(clientId, { data: { agency_name: "Border service, Naryn" } });
    server.answers.push(saved(1), saved(2));
    await queue.run();
    expect(server.sent).toHaveLength(2);
    expect(server.sent[1]!.body).toMatchObject({ baseRevision: 1, data: { agency_name: "Border service, Naryn" } });
    expect(store.get(clientId)).toMatchObject({ dirty: false, serverRevision: 2 });
  });

  it("stores the server's copy on a conflict and stops sending that interview until it is merged", async () => {
    const { store, server, queue } = setUp();
    const { clientId } = store.add({ serverRevision: 2, changeCount: 5 });
    const current = copy();
    server.answers.push(conflictError(current));
    await queue.run();
    expect(store.get(clientId)).toMatchObject({ conflict: current, dirty: true });
    await queue.run();
    expect(server.sent).toHaveLength(1);
    expect(countSync([store.get(clientId)])).toEqual({ waiting: 1, conflicts: 1, errors: 0 });
  });

  it("recognises its own copy in a 409 (the answer was lost) and carries on without a conflict", async () => {
    const { store, server, queue } = setUp();
    const { clientId } = store.add({ serverRevision: 2 });
    // The first send reached the server (revision 3) but its answer was lost; a change followed.
    server.answers.push(new NetworkError("connection reset"));
    server.during = () => undefined;
    await queue.run();
    const sentFirst = server.sent[0]!.body;
    store.change(clientId, { data: { agency_name: "Border service, Naryn" } });
    server.answers.push(
      conflictError(
        copy({ revision: 3, data: sentFirst.data, interviewee: { name: "", position: "Head of unit", agency: "" } }),
      ),
      saved(4),
    );
    await queue.run();
    expect(store.get(clientId).conflict).toBeNull();
    expect(server.sent.at(-1)!.body).toMatchObject({ baseRevision: 3, data: { agency_name: "Border service, Naryn" } });
    expect(store.get(clientId)).toMatchObject({ dirty: false, serverRevision: 4 });
  });

  it("keeps a refusal (422) with the interview and sends it again only after it changed", async () => {
    const { store, server, queue } = setUp();
    const { clientId } = store.add({ status: "submitted" });
    server.answers.push(
      new ApiError(422, {
        error: "invalid_answers",
        message: "1 answer(s) need attention",
        details: [{ question: "agency_type", message: "required" }],
      }),
    );
    await queue.run();
    expect(store.get(clientId).lastError).toMatchObject({
      status: 422,
      change: 1,
      details: [{ question: "agency_type" }],
    });
    expect(countSync([store.get(clientId)])).toEqual({ waiting: 1, conflicts: 0, errors: 1 });
    await queue.run();
    expect(server.sent).toHaveLength(1);
    store.change(clientId, { data: { agency_name: "Border service", agency_type: "border" } });
    server.answers.push(saved(1));
    await queue.run();
    expect(server.sent).toHaveLength(2);
    expect(store.get(clientId)).toMatchObject({ dirty: false, lastError: null });
  });

  it("backs off 2 s, 4 s, 8 s ... up to 60 s without a network, and retries at once when it returns", async () => {
    const { store, server, queue, timers } = setUp();
    const { clientId } = store.add();
    const offline = () => new NetworkError("Failed to fetch");
    server.answers.push(...Array.from({ length: 8 }, offline));
    await queue.run();
    const delays = [timers.pending()[0]];
    for (let i = 0; i < 6; i++) {
      await timers.advance(timers.pending()[0]!);
      delays.push(timers.pending()[0]);
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(queue.getStatus()).toMatchObject({ phase: "retrying", failures: 7 });
    // A change does not hammer the network: the backoff holds.
    queue.kick(0);
    expect(timers.pending()).toContain(60_000);
    const before = server.sent.length;
    server.answers.length = 0; // the network is back: the server answers
    queue.online();
    await timers.advance(0);
    expect(server.sent.length).toBe(before + 1);
    expect(store.get(clientId).dirty).toBe(false);
    expect(queue.getStatus()).toEqual({ phase: "idle", failures: 0, retryAt: null });
  });

  it("creates an organisation added on the spot first, and sends its interviews with the server's id", async () => {
    const { store, server, queue } = setUp();
    store.organizations.set("org-1", {
      clientId: "org-1",
      name: "Akimiat of Ton district",
      kind: "government",
      region: "Issyk-Kul",
      district: null,
      organizationId: null,
      lastError: null,
      createdAt: "2026-11-20T08:00:00.000Z",
    });
    const a = store.add({ organizationId: null, pendingOrganizationId: "org-1" });
    const b = store.add({ organizationId: null, pendingOrganizationId: "org-1" });
    server.answers.push(saved(1, 10), saved(1, 11));
    await queue.run();
    expect(server.organizations).toEqual([{ clientId: "org-1" }]);
    expect(server.sent.map((s) => s.body.organizationId)).toEqual([77, 77]);
    expect(store.get(a.clientId)).toMatchObject({ organizationId: 77, dirty: false });
    expect(store.get(b.clientId)).toMatchObject({ organizationId: 77, dirty: false });
  });

  it("pauses without a confirmed session and on a 401, sending nothing", async () => {
    let signedIn = false;
    const { store, server, queue } = setUp({ canSend: () => signedIn });
    store.add();
    await queue.run();
    expect(server.sent).toHaveLength(0);
    expect(queue.getStatus().phase).toBe("paused");
    signedIn = true;
    server.answers.push(new ApiError(401, { error: "unauthorized", message: "Log in first" }));
    await queue.run();
    expect(queue.getStatus().phase).toBe("paused");
    expect([...store.interviews.values()][0]!.lastError).toBeNull();
  });

  it("sends one interview at a time, whatever asks for a sync meanwhile", async () => {
    const { store, server, queue } = setUp();
    for (let i = 0; i < 3; i++) store.add();
    await Promise.all([queue.run(), queue.run(), queue.run()]);
    expect(server.maxInFlight).toBe(1);
    expect(server.sent).toHaveLength(3);
  });
});
