import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { EvaluationView } from "../../../../server/modules/evaluations/evaluations.schemas.ts";
import type { InvitationView } from "../../../../server/modules/invitations/invitations.schemas.ts";
import type { MailLog as MailLogBody } from "../../../../server/modules/mail/mail.schemas.ts";
import { describeError, formatDate } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import { OutboxBanner } from "./outbox-banner.tsx";
import { ProgressBar } from "./evaluations-page.tsx";
import { InvitationsTable } from "./invitations-table.tsx";
import { InviteForm } from "./invite-form.tsx";
import { MailLog } from "./mail-log.tsx";
import { MembersPanel } from "./members-panel.tsx";
import type { MemberRole } from "../../../../server/db/schema.ts";
import { ReportsPanel } from "./reports-panel.tsx";

export function EvaluationPage() {
  const { id } = useParams();
  const { session, api } = useSession();
  const [evaluation, setEvaluation] = useState<EvaluationView | null>(null);
  const [invitations, setInvitations] = useState<InvitationView[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [mail, setMail] = useState<MailLogBody | null>(null);
  const [myRole, setMyRole] = useState<MemberRole | null>(null);
  const { t } = useTranslation();
  usePageTitle(evaluation?.name ?? t("evaluations.title"));

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    Promise.all([
      api<EvaluationView>("GET", `/api/evaluations/${id}`),
      api<InvitationView[]>("GET", `/api/evaluations/${id}/invitations`),
    ]).then(
      ([e, i]) => {
        setEvaluation(e);
        setInvitations(i);
      },
      (e) => setMessage(describeError(e)),
    );
    api<MailLogBody>("GET", `/api/evaluations/${id}/mail`).then(setMail, () => setMail(null));
  }, [api, id, version]);
  const outboxMode = mail?.mode === "outbox";

  /** Runs an action, says what happened, and refreshes the page's data. */
  const act = useCallback(
    async (label: string, run: () => Promise<unknown>) => {
      setMessage(null);
      try {
        await run();
        setMessage(label);
      } catch (error) {
        setMessage(describeError(error));
      }
      reload();
    },
    [reload],
  );

  if (!evaluation) return <p className="muted">{message ?? "Loading…"}</p>;
  // A viewer of this evaluation reads it only, whatever the account may do elsewhere.
  const editable = canEdit(session) && myRole !== "viewer";
  const closed =
    evaluation.status === "closed" || (evaluation.closesAt !== null && evaluation.closesAt < new Date().toISOString());

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">Evaluations</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1>{evaluation.name}</h1>
          <p className="muted">
            {evaluation.round ?? "no round"} · questionnaires: {evaluation.questionnaireIds.join(", ")} · closes{" "}
            {formatDate(evaluation.closesAt)} ·{" "}
            <span className={`badge badge-${closed ? "closed" : evaluation.status}`}>
              {closed ? "closed" : evaluation.status}
            </span>
          </p>
        </div>
        <div className="actions">
          <Link className="button" to={`/evaluations/${id}/scores`}>
            Scores
          </Link>
          <Link className="button" to={`/evaluations/${id}/summary`}>
            Answers summary
          </Link>
        </div>
        {editable && (
          <div className="actions">
            {closed ? (
              <button
                type="button"
                onClick={() => {
                  const until = window.prompt("Reopen until (YYYY-MM-DD, empty for no closing date):", "");
                  if (until === null) return;
                  void act("Evaluation reopened.", () =>
                    api("PATCH", `/api/evaluations/${id}`, { status: "open", closesAt: until || null }),
                  );
                }}
              >
                Reopen
              </button>
            ) : (
              <button
                type="button"
                onClick={() =>
                  window.confirm("Close the evaluation? Links will stop accepting answers.") &&
                  void act("Evaluation closed.", () => api("PATCH", `/api/evaluations/${id}`, { status: "closed" }))
                }
              >
                Close now
              </button>
            )}
            <button
              type="button"
              disabled={closed}
              onClick={() =>
                void act(outboxMode ? t("outbox.addedToOutbox") : t("outbox.queued"), async () => {
                  const { queued } = await api<{ queued: number }>("POST", `/api/evaluations/${id}/reminders`);
                  setMessage(`${queued} · ${outboxMode ? t("outbox.addedToOutbox") : t("outbox.queued")}`);
                })
              }
            >
              Remind everyone who has not submitted
            </button>
          </div>
        )}
      </div>

      <OutboxBanner log={mail} />

      <div className="summary">
        <ProgressBar done={evaluation.progress.submitted} total={evaluation.progress.invited} />
        <span>
          sent {evaluation.progress.sent} · opened {evaluation.progress.opened} · started {evaluation.progress.started}{" "}
          · submitted {evaluation.progress.submitted} · revoked {evaluation.progress.revoked} · expired{" "}
          {evaluation.progress.expired}
        </span>
      </div>

      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}

      {editable && !closed && (
        <InviteForm
          evaluation={evaluation}
          invitations={invitations}
          onInvited={(n) => act(`${n} organisation(s) invited.`, async () => undefined)}
        />
      )}

      {invitations.length === 0 ? (
        <div className="empty">
          <h2>No organisation invited yet</h2>
          <p>
            Choose organisations above to give each one a personal link. No organisations to choose from?{" "}
            <Link to="/organizations">Add or import them first</Link>.
          </p>
        </div>
      ) : (
        <InvitationsTable
          evaluationId={evaluation.id}
          invitations={invitations}
          editable={editable}
          act={act}
          outboxMode={outboxMode}
        />
      )}

      <ReportsPanel evaluation={evaluation} editable={editable} />
      <MailLog evaluationId={evaluation.id} version={version} onChange={reload} />
      <MembersPanel evaluationId={evaluation.id} onMyRole={setMyRole} />
    </section>
  );
}
