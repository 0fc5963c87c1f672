import fs from "node:fs";
import path from "node:path";
import type { Session, TestApp } from "./build-app.ts";

export function readFixture(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", name), "utf8"));
}

/** POSTs as an evaluator and fails loudly when the setup itself is rejected. */
export async function post<T = any>(
  t: TestApp,
  session: Session,
  url: string,
  payload: unknown,
  expected = [200, 201],
) {
  const res = await t.app.inject({ method: "POST", url, payload: payload as object, headers: session.headers });
  if (!expected.includes(res.statusCode)) throw new Error(`POST ${url} -> ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

export interface Invited {
  evaluationId: number;
  organizationId: number;
  invitationId: number;
  token: string;
}

/** Uploads a questionnaire (unless it is already loaded), and invites one new organisation to it. */
export async function inviteOrganization(
  t: TestApp,
  session: Session,
  options: {
    questionnaireId: string;
    json?: Record<string, unknown>;
    locale?: string;
    closesAt?: string;
    expiresAt?: string;
  },
): Promise<Invited> {
  if (options.json) await post(t, session, "/api/questionnaires", { id: options.questionnaireId, json: options.json });
  const { id: organizationId } = await post(t, session, "/api/organizations", {
    name: `Org ${Math.random().toString(36).slice(2, 8)}`,
    kind: "ngo",
    region: "Chui",
  });
  const { id: evaluationId } = await post(t, session, "/api/evaluations", {
    name: "Test evaluation",
    questionnaireIds: [options.questionnaireId],
    ...(options.closesAt ? { closesAt: options.closesAt } : {}),
  });
  const [invitation] = await post(t, session, `/api/evaluations/${evaluationId}/invitations`, {
    organizationIds: [organizationId],
    questionnaireId: options.questionnaireId,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
  });
  return { evaluationId, organizationId, invitationId: invitation.id, token: invitation.token };
}
