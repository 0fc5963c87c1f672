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

function statusText(i: InvitationView): string {
  if (i.status === "started") return `started · ${percent(i.progress)} answered`;
  return i.status;
}

function askExpiry(): string | null {
  const value = window.prompt(
    "New expiry date (YYYY-MM-DD):",
    new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10),
  );
  return value ? value : null;
}

/** Copies a link; where the clipboard is not available (plain http), shows it selected for copying by hand. */
async function copyLink(url: string, show: (url: string) => void) {
  try {
    await navigator.clipboard.writeText(url);
    return "Link copied.";
  } catch {
    show(url);
    return "Copy the link shown below.";
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
          <span>{selected.length} selected</span>
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
              const expiresAt = askExpiry();
              if (expiresAt)
                void bulk("Expiry extended.", (ids) =>
                  extendInvitations(api, evaluationId, { invitationIds: ids, expiresAt }),
                );
            }}
          >
            Extend expiry
          </button>
          <button
            type="button"
            disabled={!selected.length}
            onClick={() =>
              window.confirm(`Revoke ${selected.length} link(s)? They will stop working.`) &&
              void bulk("Links revoked.", (ids) => revokeInvitations(api, evaluationId, ids))
            }
          >
            Revoke
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
            aria-label="Personal link"
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
                  aria-label="Select all"
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? [] : selectable.map((i) => i.id))}
                />
              </th>
            )}
            <th>Organisation</th>
            <th>Questionnaire</th>
            <th>Status</th>
            <th>Last activity</th>
            <th>Reminders</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id} data-invitation={i.id}>
              {editable && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${i.organizationName}`}
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
                  {statusText(i)}
                </span>
                {i.expiresAt && !finished(i) && (
                  <div className="muted small">expires {formatDateTime(i.expiresAt)}</div>
                )}
              </td>
              <td>{formatDateTime(i.lastActivityAt ?? i.sentAt)}</td>
              <td>{i.reminderCount}</td>
              <td className="row-actions">
                {i.url !== undefined && (
                  <button type="button" onClick={async () => setCopied(await copyLink(i.url!, setShownLink))}>
                    Copy link
                  </button>
                )}
                {editable && !finished(i) && (
                  <>
                    <button type="button" onClick={() => act(sentWord, () => sendInvitation(api, i.id))}>
                      {i.sentAt ? "Remind" : "Send"}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        const expiresAt = askExpiry();
                        if (expiresAt) void act("Expiry extended.", () => extendInvitation(api, i.id, { expiresAt }));
                      }}
                    >
                      Extend
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        window.confirm(`Revoke the link of ${i.organizationName}?`) &&
                        void act("Link revoked.", () => revokeInvitation(api, i.id))
                      }
                    >
                      Revoke
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
