import { useEffect, useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";

export interface MailMessageView {
  id: number;
  invitationId: number;
  organizationName: string;
  kind: string;
  to: string | null;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
  link: string;
}

/** The mail log, and in outbox mode (no SMTP server) the messages to deliver by hand. */
export function MailLog({ evaluationId, version }: { evaluationId: number; version: number }) {
  const { api } = useSession();
  const [messages, setMessages] = useState<MailMessageView[] | null>(null);
  const [retried, setRetried] = useState(0);

  useEffect(() => {
    api<MailMessageView[]>("GET", `/api/evaluations/${evaluationId}/mail`).then(setMessages, () => setMessages(null));
  }, [api, evaluationId, version, retried]);

  if (!messages || messages.length === 0) return null;
  const outbox = messages.some((m) => m.status === "outbox");
  return (
    <section className="mail-log">
      <h2>{outbox ? "Outbox" : "Mail log"}</h2>
      {outbox && (
        <p className="muted">
          No mail server is configured (SMTP_URL), so messages wait here: copy each link and deliver it by hand (email,
          messenger, phone, or on paper).
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Organisation</th>
            <th>Kind</th>
            <th>To</th>
            <th>Status</th>
            <th>When</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id} data-mail={m.id}>
              <td>{m.organizationName}</td>
              <td>{m.kind}</td>
              <td>{m.to ?? "—"}</td>
              <td>
                <span className={`badge badge-${m.status}`}>{m.status}</span>
              </td>
              <td>{formatDateTime(m.sentAt ?? m.createdAt)}</td>
              <td>
                {m.status === "outbox" && (
                  <input
                    className="link-box"
                    readOnly
                    value={m.link}
                    onFocus={(e) => e.currentTarget.select()}
                    aria-label="Link"
                  />
                )}
                {m.status === "sent" && m.messageId && <span className="muted small">{m.messageId}</span>}
                {m.status === "failed" && (
                  <>
                    <span className="error small">{m.lastError}</span>{" "}
                    <button
                      type="button"
                      onClick={() => api("POST", `/api/mail/${m.id}/retry`).then(() => setRetried((r) => r + 1))}
                    >
                      Retry
                    </button>
                  </>
                )}
                {m.status === "queued" && m.attempts > 0 && (
                  <span className="muted small">retrying: {m.lastError}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
