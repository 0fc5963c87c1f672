import { useEffect, useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { useTranslation } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.tsx";
import { getMailLog, markInvitationDelivered, retryMail, type MailLog as MailLogBody } from "./api.ts";

/** The mail log, and in outbox mode (no SMTP server) the messages to deliver by hand. */
export function MailLog(props: { evaluationId: number; version: number; onChange?: () => void }) {
  const { evaluationId, version, onChange } = props;
  const { api } = useSession();
  const { t } = useTranslation();
  const [copied, setCopied] = useState<number | null>(null);
  const copy = (id: number, text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(id),
      () => setCopied(null),
    );
  const [log, setLog] = useState<MailLogBody | null>(null);
  const [retried, setRetried] = useState(0);

  useEffect(() => {
    getMailLog(api, evaluationId).then(setLog, () => setLog(null));
  }, [api, evaluationId, version, retried]);

  if (!log || log.messages.length === 0) return null;
  const { messages } = log;
  const outbox = log.mode === "outbox";
  return (
    <section className="mail-log" id={outbox ? "outbox" : undefined}>
      <h2>{outbox ? t("mailLog.outbox") : t("mailLog.title")}</h2>
      {outbox && <p className="muted">{t("mailLog.outboxLead")}</p>}
      <table className="table">
        <thead>
          <tr>
            <th>{t("mailLog.organisation")}</th>
            <th>{t("mailLog.kind")}</th>
            <th>{t("mailLog.to")}</th>
            <th>{t("mailLog.status")}</th>
            <th>{t("mailLog.when")}</th>
            <th>{t("mailLog.details")}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id} data-mail={m.id}>
              <td>{m.organizationName}</td>
              <td>{t(`mailLog.kindValue.${m.kind}`)}</td>
              <td>{m.to ?? "—"}</td>
              <td>
                <span className={`badge badge-${m.status}`}>{t(`mailLog.statusValue.${m.status}`)}</span>
              </td>
              <td>{formatDateTime(m.sentAt ?? m.createdAt)}</td>
              <td>
                {m.status === "outbox" && m.url !== undefined && (
                  <>
                    <input
                      className="link-box"
                      readOnly
                      value={m.url}
                      onFocus={(e) => e.currentTarget.select()}
                      aria-label={t("mailLog.link")}
                    />
                    <button type="button" onClick={() => void copy(m.id, m.url ?? "")}>
                      {t("outbox.copyLink")}
                    </button>
                    <button type="button" onClick={() => void copy(m.id, `${m.subject}\n\n${m.text}`)}>
                      {t("outbox.copyMessage")}
                    </button>
                    {copied === m.id && <span role="status">{t("outbox.copied")}</span>}
                    <button
                      type="button"
                      onClick={() =>
                        markInvitationDelivered(api, m.invitationId).then(() => {
                          setRetried((r) => r + 1);
                          onChange?.();
                        })
                      }
                    >
                      {t("mailLog.markDelivered")}
                    </button>
                  </>
                )}
                {m.status === "sent" && m.messageId && <span className="muted small">{m.messageId}</span>}
                {m.status === "failed" && (
                  <>
                    <span className="error small">{m.lastError}</span>{" "}
                    <button type="button" onClick={() => retryMail(api, m.id).then(() => setRetried((r) => r + 1))}>
                      {t("mailLog.retry")}
                    </button>
                  </>
                )}
                {m.status === "queued" && m.attempts > 0 && (
                  <span className="muted small">{t("mailLog.retrying", { error: m.lastError })}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
