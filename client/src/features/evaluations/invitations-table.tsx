import { useState } from "react";
import { formatDateTime, percent } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { useTranslation } from "../../lib/i18n.ts";
import {
  extendInvitation,
  extendInvitations,
  revokeInvitation,
  revokeInvitations,
  sendInvitation,
  sendInvitations,
  type InvitationView,
} from "./api.ts";

type Act = (label: string, run: () => Promise<unknown>) => Promise<void>;

const finished = (i: InvitationView) => i.status === "submitted" || i.status === "revoked";

type T = ReturnType<typeof useTranslation>["t"];

function statusText(i: InvitationView, t: T): string {
  if (i.status === "started") return t("invitations.startedShare", { share: percent(i.progress) });
  return t(`invitations.statusValue.${i.status}`, { defaultValue: i.status });
}

function askExpiry(t: T): string | null {
  const value = window.prompt(
    t("invitations.expiryPrompt"),
    new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10),
  );
  return value ? value : null;
}

/** Copies a link; where the clipboard is not available (plain http), shows it selected for copying by hand. */
async function copyLink(url: string, show: (url: string) => void, t: T) {
  try {
    await navigator.clipboard.writeText(url);
    return t("invitations.linkCopied");
  } catch {
    show(url);
    return t("invitations.copyBelow");
  }
}

export function InvitationsTable(props: {
  evaluationId: number;
  /** No mail server: "sending" only adds the message to the outbox, to be delivered by hand. */
  outboxMode: boolean;
  invitations: InvitationView[];
  editable: boolean;
  act: Act;
}) {
  const { evaluationId, invitations, editable, act, outboxMode } = props;
  const { t } = useTranslation();
  // In outbox mode nothing is sent: never say "queued for sending" then.
  const sentWord = outboxMode ? t("outbox.addedToOutbox") : t("outbox.queued");
  const { api } = useSession();
  const [selected, setSelected] = useState<number[]>([]);
  const [shownLink, setShownLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const selectable = invitations.filter((i) => !finished(i));
  const allChosen = selectable.length > 0 && selectable.every((i) => selected.includes(i.id));
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const bulk = (label: string, run: (invitationIds: number[]) => Promise<unknown>) =>
    act(label, () => run(selected)).then(() => setSelected([]));

  return (
    <div>
      {editable && (
        <div className="bulk-bar">
          <span>{t("invitations.selected", { count: selected.length })}</span>
          <button
            type="button"
            disabled={!selected.length}
            onClick={() => bulk(sentWord, (ids) => sendInvitations(api, evaluationId, ids))}
          >
            {outboxMode ? t("outbox.addToOutbox") : t("outbox.send")}
          </button>
          <button
            type="button"
            disabled={!selected.length}
            onClick={() => {
              const expiresAt = askExpiry(t);
              if (expiresAt)
                void bulk(t("invitations.extended"), (ids) =>
                  extendInvitations(api, evaluationId, { invitationIds: ids, expiresAt }),
                );
            }}
          >
            {t("invitations.extendAll")}
          </button>
          <button
            type="button"
            disabled={!selected.length}
            onClick={() =>
              window.confirm(t("invitations.revokeMany", { count: selected.length })) &&
              void bulk(t("invitations.revokedMany"), (ids) => revokeInvitations(api, evaluationId, ids))
            }
          >
            {t("invitations.revoke")}
          </button>
        </div>
      )}
      {copied && (
        <p className="notice" role="status">
          {copied}
        </p>
      )}
      {shownLink && (
        <p className="notice">
          <input
            className="link-box"
            readOnly
            value={shownLink}
            onFocus={(e) => e.currentTarget.select()}
            autoFocus
            aria-label={t("invitations.personalLink")}
          />
        </p>
      )}
      <table className="table invitations">
        <thead>
          <tr>
            {editable && (
              <th>
                <input
                  type="checkbox"
                  aria-label={t("invitations.selectAllLabel")}
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? [] : selectable.map((i) => i.id))}
                />
              </th>
            )}
            <th>{t("invitations.organisation")}</th>
            <th>{t("invitations.questionnaire")}</th>
            <th>{t("invitations.status")}</th>
            <th>{t("invitations.lastActivity")}</th>
            <th>{t("invitations.reminders")}</th>
            <th>{t("invitations.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id} data-invitation={i.id}>
              {editable && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={t("invitations.selectOne", { organisation: i.organizationName })}
                    disabled={finished(i)}
                    checked={selected.includes(i.id)}
                    onChange={() => toggle(i.id)}
                  />
                </td>
              )}
              <td>{i.organizationName}</td>
              <td>
                {i.questionnaireId}{" "}
                <span className="muted">
                  v{i.questionnaireVersion} · {i.locale}
                </span>
              </td>
              <td>
                <span className={`badge badge-${i.status}`} data-status={i.status}>
                  {statusText(i, t)}
                </span>
                {i.expiresAt && !finished(i) && (
                  <div className="muted small">{t("invitations.expires", { date: formatDateTime(i.expiresAt) })}</div>
                )}
              </td>
              <td>{formatDateTime(i.lastActivityAt ?? i.sentAt)}</td>
              <td>{i.reminderCount}</td>
              <td className="row-actions">
                {i.url !== undefined && (
                  <button type="button" onClick={async () => setCopied(await copyLink(i.url!, setShownLink, t))}>
                    {t("outbox.copyLink")}
                  </button>
                )}
                {editable && !finished(i) && (
                  <>
                    <button type="button" onClick={() => act(sentWord, () => sendInvitation(api, i.id))}>
                      {i.sentAt ? t("invitations.remind") : t("invitations.send")}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        const expiresAt = askExpiry(t);
                        if (expiresAt)
                          void act(t("invitations.extended"), () => extendInvitation(api, i.id, { expiresAt }));
                      }}
                    >
                      {t("invitations.extend")}
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        window.confirm(t("invitations.revokeOne", { organisation: i.organizationName })) &&
                        void act(t("invitations.revokedOne"), () => revokeInvitation(api, i.id))
                      }
                    >
                      {t("invitations.revoke")}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
