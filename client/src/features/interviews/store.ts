import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type { InterviewSaved } from "../../../../server/modules/interviews/interviews.schemas.ts";
import type { OrganizationView } from "../../../../server/modules/organizations/organizations.schemas.ts";
import type { QuestionnaireDetail } from "../../../../server/modules/questionnaires/questionnaires.schemas.ts";
import type { Interviewee, ResponseCopy } from "../../../../server/modules/responses/responses.schemas.ts";

// The evaluator's device copy of field work, in IndexedDB: interviews (kept until the server confirmed them) and the
// data needed to start one offline (evaluations, questionnaires, organisations), cached by "Prepare for field work".
// One database per user of the device: a colleague signing in on a shared laptop neither sees nor sends (under their
// own name) the interviews someone else recorded.

export type Answers = Record<string, unknown>;
export type InterviewStatus = "draft" | "submitted";

/** Why the server refused a copy; the interview is not sent again until it changes (`change`). */
export interface SyncError {
  status: number;
  code: string;
  message: string;
  details: Array<{ field?: string; question?: string; message: string }>;
  /** The change counter of the copy that was refused. */
  change: number;
  at: string;
}

/** What an interview PUT carries, beside the ids that never change. */
export interface InterviewContent {
  organizationId: number | null;
  data: Answers;
  status: InterviewStatus;
  interviewee: Interviewee;
  /** YYYY-MM-DD */
  conductedAt: string;
  place: string;
}

export interface LocalInterview extends InterviewContent {
  /** crypto.randomUUID(): the interview's id on the server too (PUT /api/interviews/:clientId). */
  clientId: string;
  evaluationId: number;
  /** Set while the organisation was added on the spot and not yet created on the server (its clientId). */
  pendingOrganizationId: string | null;
  questionnaireId: string;
  questionnaireVersion: number;
  currentPage: number;
  locale: string | null;
  /** The server's revision of the last copy it confirmed; null until the first sync. */
  serverRevision: number | null;
  responseId: number | null;
  /** Local changes the server has not confirmed yet. */
  dirty: boolean;
  /** Increases with every local change, so that a confirmation of an older copy does not clear `dirty`. */
  changeCount: number;
  /** The copy being sent (or last sent, unconfirmed): a 409 that carries exactly it is our own lost answer. */
  sending: (InterviewContent & { change: number }) | null;
  /** Why the submitted copy changes, when the server's copy was submitted (conflict resolution). */
  reason: string | null;
  lastError: SyncError | null;
  /** The server's copy after a 409: syncing stops until the evaluator has merged it field by field. */
  conflict: ResponseCopy | null;
  createdAt: string;
  updatedAt: string;
  /** When the server last confirmed this interview. */
  syncedAt: string | null;
}

export interface PendingOrganization {
  clientId: string;
  name: string;
  kind: "ngo" | "government" | "beneficiary" | "other";
  region: string;
  district: string | null;
  /** The server's id once created. */
  organizationId: number | null;
  lastError: SyncError | null;
  createdAt: string;
}

export interface CachedQuestionnaire extends QuestionnaireDetail {
  cachedAt: string;
}

interface FieldDb extends DBSchema {
  interviews: { key: string; value: LocalInterview };
  pendingOrganizations: { key: string; value: PendingOrganization };
  evaluations: { key: number; value: EvaluationView };
  organizations: { key: number; value: OrganizationView };
  questionnaires: { key: [string, number]; value: CachedQuestionnaire; indexes: { "by-id": string } };
  meta: { key: string; value: { key: string; value: string } };
}

/** The database of Sapat's first releases, shared by every user of the device. */
const sharedDatabaseName = "sapat-field";

export function databaseNameFor(userId: number): string {
  return `sapat-field-user-${userId}`;
}

export type EditableFields = Partial<
  Pick<
    LocalInterview,
    "data" | "currentPage" | "status" | "interviewee" | "conductedAt" | "place" | "locale" | "reason"
  >
>;

export interface NewInterview {
  evaluationId: number;
  organizationId: number | null;
  pendingOrganizationId: string | null;
  questionnaireId: string;
  questionnaireVersion: number;
  interviewee: Interviewee;
  conductedAt: string;
  place: string;
  locale: string | null;
}

const now = () => new Date().toISOString();

export class FieldStore {
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel | null;

  private constructor(private readonly db: IDBPDatabase<FieldDb>) {
    // Other tabs of the workspace hear about changes too (their sync badge and lists).
    this.channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(db.name);
    if (this.channel) this.channel.onmessage = () => this.emit();
  }

  /**
   * The signed-in user's store. The first user to open one on a device that still has the shared database of
   * earlier releases takes over what it holds (interviews not yet sent included), and the shared one is deleted.
   */
  static async openFor(userId: number): Promise<FieldStore> {
    const store = await FieldStore.open(databaseNameFor(userId));
    const existing = (await indexedDB.databases?.()) ?? [];
    if (existing.some((d) => d.name === sharedDatabaseName)) {
      const shared = await FieldStore.open(sharedDatabaseName);
      await store.takeOver(shared.db);
      shared.close();
      await deleteDB(sharedDatabaseName);
    }
    return store;
  }

  /** Copies every record of another field database into this one. */
  private async takeOver(from: IDBPDatabase<FieldDb>): Promise<void> {
    const names = [
      "interviews",
      "pendingOrganizations",
      "evaluations",
      "organizations",
      "questionnaires",
      "meta",
    ] as const;
    for (const name of names) {
      const rows = await from.getAll(name);
      const tx = this.db.transaction(name, "readwrite");
      await Promise.all([...rows.map((row) => tx.store.put(row as never)), tx.done]);
    }
  }

  static async open(name: string): Promise<FieldStore> {
    const db = await openDB<FieldDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore("interviews", { keyPath: "clientId" });
        database.createObjectStore("pendingOrganizations", { keyPath: "clientId" });
        database.createObjectStore("evaluations", { keyPath: "id" });
        database.createObjectStore("organizations", { keyPath: "id" });
        const questionnaires = database.createObjectStore("questionnaires", { keyPath: ["id", "version"] });
        questionnaires.createIndex("by-id", "id");
        database.createObjectStore("meta", { keyPath: "key" });
      },
    });
    return new FieldStore(db);
  }

  close(): void {
    this.channel?.close();
    this.db.close();
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private changed(): void {
    this.emit();
    this.channel?.postMessage("changed");
  }

  /** Reads, changes and writes one interview in one transaction: concurrent updates never lose each other. */
  private async update(
    clientId: string,
    change: (current: LocalInterview) => LocalInterview | null,
  ): Promise<LocalInterview | null> {
    const tx = this.db.transaction("interviews", "readwrite");
    const current = await tx.store.get(clientId);
    const next = current ? change(current) : null;
    if (next) await tx.store.put(next);
    await tx.done;
    if (next) this.changed();
    return next;
  }

  // Interviews ------------------------------------------------------------------------------------------------

  async listInterviews(): Promise<LocalInterview[]> {
    const all = await this.db.getAll("interviews");
    return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  getInterview(clientId: string): Promise<LocalInterview | undefined> {
    return this.db.get("interviews", clientId);
  }

  async createInterview(init: NewInterview): Promise<LocalInterview> {
    const at = now();
    const interview: LocalInterview = {
      ...init,
      clientId: crypto.randomUUID(),
      data: {},
      status: "draft",
      currentPage: 0,
      serverRevision: null,
      responseId: null,
      dirty: true,
      changeCount: 1,
      sending: null,
      reason: null,
      lastError: null,
      conflict: null,
      createdAt: at,
      updatedAt: at,
      syncedAt: null,
    };
    await this.db.add("interviews", interview);
    this.changed();
    return interview;
  }

  /** A server interview taken up on this device (begun elsewhere): nothing to send until it changes here. */
  async adoptInterview(interview: LocalInterview): Promise<void> {
    await this.db.put("interviews", interview);
    this.changed();
  }

  /** Every change the evaluator makes: written at once, marked for sync. */
  changeInterview(clientId: string, fields: EditableFields): Promise<LocalInterview | null> {
    return this.update(clientId, (current) => ({
      ...current,
      ...fields,
      dirty: true,
      changeCount: current.changeCount + 1,
      updatedAt: now(),
    }));
  }

  /** Remembers what is about to be sent (see `sending`). */
  recordSending(clientId: string, sent: InterviewContent & { change: number }): Promise<unknown> {
    return this.update(clientId, (current) => ({ ...current, sending: sent }));
  }

  /** The server confirmed the copy of change `sent`; newer local changes stay marked for sync. */
  recordSaved(clientId: string, sent: number, saved: InterviewSaved): Promise<unknown> {
    return this.update(clientId, (current) => {
      const newest = current.changeCount === sent;
      return {
        ...current,
        serverRevision: saved.revision,
        responseId: saved.responseId,
        dirty: newest ? false : current.dirty,
        reason: newest ? null : current.reason,
        sending: null,
        lastError: null,
        syncedAt: now(),
      };
    });
  }

  /** The server answered a 409 with its copy, and it is not ours: the evaluator decides, field by field. */
  recordConflict(clientId: string, copy: ResponseCopy): Promise<unknown> {
    return this.update(clientId, (current) => ({ ...current, conflict: copy, sending: null, lastError: null }));
  }

  /** The 409 carried exactly what we sent last (its answer was lost): that revision is ours. */
  recordOwnRevision(clientId: string, revision: number, responseId: number): Promise<unknown> {
    return this.update(clientId, (current) => ({ ...current, serverRevision: revision, responseId, sending: null }));
  }

  recordError(clientId: string, error: SyncError): Promise<unknown> {
    return this.update(clientId, (current) => ({ ...current, lastError: error, sending: null }));
  }

  /** The evaluator's merge of a conflict: based on the server's revision, sent as a new change. */
  resolveConflict(
    clientId: string,
    merged: InterviewContent,
    serverRevision: number,
    reason: string | null,
  ): Promise<LocalInterview | null> {
    return this.update(clientId, (current) => ({
      ...current,
      ...merged,
      serverRevision,
      responseId: current.conflict?.responseId ?? current.responseId,
      conflict: null,
      lastError: null,
      reason,
      dirty: true,
      changeCount: current.changeCount + 1,
      updatedAt: now(),
    }));
  }

  /** Removes an interview the server holds (never one with unconfirmed changes). */
  async forgetInterview(clientId: string): Promise<boolean> {
    const tx = this.db.transaction("interviews", "readwrite");
    const current = await tx.store.get(clientId);
    const removable = current !== undefined && !current.dirty && current.serverRevision !== null;
    if (removable) await tx.store.delete(clientId);
    await tx.done;
    if (removable) this.changed();
    return removable;
  }

  // Organisations added on the spot -------------------------------------------------------------------------------

  async addPendingOrganization(
    org: Pick<PendingOrganization, "name" | "kind" | "region" | "district">,
  ): Promise<PendingOrganization> {
    const pending: PendingOrganization = {
      ...org,
      clientId: crypto.randomUUID(),
      organizationId: null,
      lastError: null,
      createdAt: now(),
    };
    await this.db.add("pendingOrganizations", pending);
    this.changed();
    return pending;
  }

  listPendingOrganizations(): Promise<PendingOrganization[]> {
    return this.db.getAll("pendingOrganizations");
  }

  /** The server created it: its interviews now refer to the server's id. */
  async recordOrganizationCreated(clientId: string, organizationId: number): Promise<void> {
    const tx = this.db.transaction(["pendingOrganizations", "interviews"], "readwrite");
    const pending = await tx.objectStore("pendingOrganizations").get(clientId);
    if (pending) await tx.objectStore("pendingOrganizations").put({ ...pending, organizationId, lastError: null });
    const interviews = tx.objectStore("interviews");
    for (const interview of await interviews.getAll()) {
      if (interview.pendingOrganizationId === clientId && interview.organizationId === null) {
        await interviews.put({ ...interview, organizationId });
      }
    }
    await tx.done;
    this.changed();
  }

  async recordOrganizationError(clientId: string, error: SyncError): Promise<void> {
    const tx = this.db.transaction("pendingOrganizations", "readwrite");
    const pending = await tx.store.get(clientId);
    if (pending) await tx.store.put({ ...pending, lastError: error });
    await tx.done;
    this.changed();
  }

  // Field data -----------------------------------------------------------------------------------------------

  /** Replaces the cached evaluations and organisations; questionnaire versions accumulate (interviews pin them). */
  async saveFieldData(data: {
    evaluations: EvaluationView[];
    organizations: OrganizationView[];
    questionnaires: QuestionnaireDetail[];
  }): Promise<void> {
    const tx = this.db.transaction(["evaluations", "organizations", "questionnaires", "meta"], "readwrite");
    const evaluations = tx.objectStore("evaluations");
    const organizations = tx.objectStore("organizations");
    await evaluations.clear();
    await organizations.clear();
    for (const evaluation of data.evaluations) await evaluations.put(evaluation);
    for (const organization of data.organizations) await organizations.put(organization);
    const cachedAt = now();
    for (const questionnaire of data.questionnaires) {
      await tx.objectStore("questionnaires").put({ ...questionnaire, cachedAt });
    }
    await tx.objectStore("meta").put({ key: "fieldDataAt", value: cachedAt });
    await tx.done;
    this.changed();
  }

  async fieldDataAt(): Promise<string | null> {
    return (await this.db.get("meta", "fieldDataAt"))?.value ?? null;
  }

  async listEvaluations(): Promise<EvaluationView[]> {
    return (await this.db.getAll("evaluations")).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  listOrganizations(): Promise<OrganizationView[]> {
    return this.db.getAll("organizations");
  }

  getQuestionnaire(id: string, version: number): Promise<CachedQuestionnaire | undefined> {
    return this.db.get("questionnaires", [id, version]);
  }

  async latestQuestionnaire(id: string): Promise<CachedQuestionnaire | undefined> {
    const versions = await this.db.getAllFromIndex("questionnaires", "by-id", id);
    return versions.sort((a, b) => b.version - a.version)[0];
  }

  async putQuestionnaire(questionnaire: QuestionnaireDetail): Promise<void> {
    await this.db.put("questionnaires", { ...questionnaire, cachedAt: now() });
  }

  async cachedQuestionnaireKeys(): Promise<Array<[string, number]>> {
    return this.db.getAllKeys("questionnaires");
  }
}
