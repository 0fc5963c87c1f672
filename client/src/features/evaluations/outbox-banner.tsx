import type { MailLog } from "../../../../server/modules/mail/mail.schemas.ts";
import { useTranslation } from "../../lib/i18n.ts";

/**
 * Without a mail server nothing is sent: the evaluation says so at the top, with how many messages wait to be
 * delivered by hand, so that nobody believes the organisations have been written to.
 */
export function OutboxBanner({ log }: { log: MailLog | null }) {
  const { t } = useTranslation();
  if (log?.mode !== "outbox") return null;
  const waiting = log.messages.filter((m) => m.status === "outbox").length;
  if (waiting === 0) return null;
  return (
    <div className="notice outbox-banner" role="status" data-outbox={waiting}>
      <strong>{t("outbox.banner", { count: waiting })}</strong>
      <p>{t("outbox.bannerLead")}</p>
      <a href="#outbox">{t("outbox.goTo")}</a>
    </div>
  );
}
