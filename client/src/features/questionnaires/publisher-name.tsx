import { useTranslation } from "../../lib/i18n.ts";
import type { QuestionnaireSummary } from "./api.ts";

/** Who published a version; the files of surveys/ ship with Sapat and have no publisher. */
export function PublisherName({ publisher }: { publisher: QuestionnaireSummary["publishedBy"] }) {
  const { t } = useTranslation("questionnaires");
  return publisher ? <>{publisher.name}</> : <span className="muted">{t("shippedWithSapat")}</span>;
}
