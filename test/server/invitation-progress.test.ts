import { afterAll, beforeAll, expect, test } from "vitest";
import { buildTestApp, logInAs, type Session, type TestApp } from "../helpers/build-app.ts";
import { inviteOrganization, readFixture } from "../helpers/scenario.ts";

let t: TestApp;
let session: Session;
beforeAll(async () => {
  t = await buildTestApp();
  session = await logInAs(t);
});
afterAll(() => t.close());

async function progressOf(evaluationId: number): Promise<number> {
  const res = await t.app.inject({ url: `/api/evaluations/${evaluationId}/invitations`, headers: session.headers });
  return (res.json() as Array<{ progress: number }>)[0]!.progress;
}

test("an invitation's progress is the share of visible questions answered, and 1 once submitted", async () => {
  const inv = await inviteOrganization(t, session, {
    questionnaireId: "small",
    json: readFixture("small-survey.json"),
  });
  expect(await progressOf(inv.evaluationId)).toBe(0);

  // 8 visible answerable questions (hotline_details is hidden until "hotline" is ticked); 2 answered.
  const draft = { data: { name: "Tomo", staff: 4 }, currentPage: 0 };
  await t.app.inject({ method: "PUT", url: `/api/respond/${inv.token}/draft`, payload: draft });
  expect(await progressOf(inv.evaluationId)).toBeCloseTo(2 / 8);

  // Ticking hotline shows one more question: 3 answered of 9.
  const more = { data: { name: "Tomo", staff: 4, activities: ["hotline"] }, currentPage: 0 };
  await t.app.inject({ method: "PUT", url: `/api/respond/${inv.token}/draft`, payload: more });
  expect(await progressOf(inv.evaluationId)).toBeCloseTo(3 / 9);

  const submit = { data: { name: "Tomo", activities: ["outreach"] } };
  expect(
    (await t.app.inject({ method: "POST", url: `/api/respond/${inv.token}/submit`, payload: submit })).statusCode,
  ).toBe(200);
  expect(await progressOf(inv.evaluationId)).toBe(1);
});
