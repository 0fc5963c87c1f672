import { useCallback, useEffect, useState } from "react";
import { Trans } from "react-i18next";
import { Link, useParams } from "react-router";
import { describeError, formatDate } from "../../lib/format.ts";
import { usePageTitle, useTranslation } from "../../lib/i18n.ts";
import { canEdit, useSession } from "../../lib/session.tsx";
import {
  getEvaluation,
  getMailLog,
  listInvitations,
  queueReminders,
  updateEvaluation,
  type EvaluationView,
  type InvitationView,
  type MailLog as MailLogBody,
} from "./api.ts";
import { OutboxBanner } from "./outbox-banner.tsx";
import { ProgressBar } from "./evaluations-page.tsx";
import { InvitationsTable } from "./invitations-table.tsx";
import { InviteForm } from "./invite-form.tsx";
import { MailLog } from "./mail-log.tsx";
import { MembersPanel } from "./members-panel.tsx";
import type { MemberRole } from "../../../../server/value-lists.ts";
import { ReportsPanel } from "./reports-panel.tsx";

export function EvaluationPage() {
  const { id = "" } = useParams();
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
    Promise.all([getEvaluation(api, id), listInvitations(api, id)]).then(
      ([e, i]) => {
        setEvaluation(e);
        setInvitations(i);
      },
      (e) => setMessage(describeError(e)),
    );
    getMailLog(api, id).then(setMail, () => setMail(null));
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

  if (!evaluation) return <p className="muted">{message ?? t("boot:loading")}</p>;
  // A viewer of this evaluation reads it only, whatever the account may do elsewhere.
  const editable = canEdit(session) && myRole !== "viewer";
  const closed =
    evaluation.status === "closed" || (evaluation.closesAt !== null && evaluation.closesAt < new Date().toISOString());

  return (
    <section>
      <p className="crumbs">
        <Link to="/evaluations">{t("evaluations.title")}</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1>{evaluation.name}</h1>
          <p className="muted">
            {evaluation.round
              ? t(`evaluations.roundValue.${evaluation.round}`, { defaultValue: evaluation.round })
              : t("evaluation.noRound")}{" "}
            · {t("evaluation.questionnaires", { list: evaluation.questionnaireIds.join(", ") })} ·{" "}
            {t("evaluation.closes", { date: formatDate(evaluation.closesAt) })} ·{" "}
            <span className={`badge badge-${closed ? "closed" : evaluation.status}`}>
              {t(`evaluations.statusValue.${closed ? "closed" : evaluation.status}`, {
                defaultValue: evaluation.status,
              })}
            </span>
          </p>
        </div>
        <div className="actions">
          <Link className="button" to={`/evaluations/${id}/scores`}>
            {t("evaluation.scores")}
          </Link>
          <Link className="button" to={`/evaluations/${id}/summary`}>
            {t("evaluation.summary")}
          </Link>
        </div>
        {editable && (
          <div className="actions">
            {closed ? (
              <button
                type="button"
                onClick={() => {
                  const until = window.prompt(t("evaluation.reopenPrompt"), "");
                  if (until === null) return;
                  void act(t("evaluation.reopened"), () =>
                    updateEvaluation(api, id, { status: "open", closesAt: until || null }),
                  );
                }}
              >
                {t("evaluation.reopen")}
              </button>
            ) : (
              <button
                type="button"
                onClick={() =>
                  window.confirm(t("evaluation.closeConfirm")) &&
                  void act(t("evaluation.closed"), () => updateEvaluation(api, id, { status: "closed" }))
                }
              >
                {t("evaluation.closeNow")}
              </button>
            )}
            <button
              type="button"
              disabled={closed}
              onClick={() =>
                void act(outboxMode ? t("outbox.addedToOutbox") : t("outbox.queued"), async () => {
                  const { queued } = await queueReminders(api, id);
                  setMessage(
                    `${t("evaluation.reminders", { count: queued })} · ${outboxMode ? t("outbox.addedToOutbox") : t("outbox.queued")}`,
                  );
                })
              }
            >
              {t("evaluation.remind")}
            </button>
          </div>
        )}
      </div>

      <OutboxBanner log={mail} />

      <div className="summary">
        <ProgressBar done={evaluation.progress.submitted} total={evaluation.progress.invited} />
        <span>{t("evaluation.progressLine", evaluation.progress)}</span>
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
          onInvited={(n) => act(t("evaluation.invited", { count: n }), async () => undefined)}
        />
      )}

      {invitations.length === 0 ? (
        <div className="empty">
          <h2>{t("evaluation.noInvitationTitle")}</h2>
          <p>
            <Trans i18nKey="evaluation.noInvitationLead" components={{ a: <Link to="/organizations" /> }} />
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
