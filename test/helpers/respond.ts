import type { TestApp } from "./build-app.ts";

// The respondent's routes: the token is the only credential, so no cookie and no CSRF header.

/** Opens a link as the respondent's page does: the questionnaire (a read), then the opening recorded. */
export async function openLink(t: TestApp, token: string) {
  const view = await t.app.inject({ method: "GET", url: `/api/respond/${token}` });
  if (view.statusCode === 200) await t.app.inject({ method: "POST", url: `/api/respond/${token}/opened` });
  return view;
}

export function saveDraft(t: TestApp, token: string, payload: unknown) {
  return t.app.inject({ method: "PUT", url: `/api/respond/${token}/draft`, payload: payload as object });
}

export function submit(t: TestApp, token: string, payload: unknown) {
  return t.app.inject({ method: "POST", url: `/api/respond/${token}/submit`, payload: payload as object });
}

export function invitationRow(t: TestApp, id: number) {
  return t.database.db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export function responseRows(t: TestApp, invitationId?: number) {
  let query = t.database.db.selectFrom("responses").selectAll();
  if (invitationId !== undefined) query = query.where("invitation_id", "=", invitationId);
  return query.execute();
}
