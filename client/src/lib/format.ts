import { formatDate as formatDateIn, formatNumber as formatNumberIn } from "../../../server/i18n/format.ts";
import i18next from "i18next";
import { currentUiLanguage } from "./i18n.ts";
import { NetworkError, type ApiErrorBody } from "./http.ts";
import type { Interviewee } from "../../../server/modules/responses/responses.schemas.ts";

/** A date in the workspace's language (the shared module spells Kyrgyz dates itself: Intl has gaps there). */
export function formatDate(iso: string | null | undefined): string {
  return formatDateIn(iso, currentUiLanguage());
}

export function formatDateTime(iso: string | null | undefined): string {
  return formatDateIn(iso, currentUiLanguage(), { time: true });
}

/** A time of day (hours and minutes) in the workspace's language: when a retry is due. */
export function formatTime(epochMs: number): string {
  return new Intl.DateTimeFormat(currentUiLanguage(), { hour: "2-digit", minute: "2-digit" }).format(epochMs);
}

export function formatNumber(value: number): string {
  return formatNumberIn(value, currentUiLanguage());
}

/** Who was interviewed, as one line: the parts given, or a dash. */
export function describeInterviewee(who: Interviewee | null | undefined): string {
  return [who?.name, who?.position, who?.agency].filter(Boolean).join(", ") || "—";
}

export function percent(share: number): string {
  return new Intl.NumberFormat(currentUiLanguage(), { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/**
 * The message of a failed request, with the fields or questions it names. The details come in the workspace's
 * language (its requests send it as Accept-Language); the error's own sentence is English, so in another language
 * its code is said from the catalogue (errors.<code>), and the server's sentence only when the catalogue does not
 * know the code.
 */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return i18next.t("errors.network");
  if (error && typeof error === "object" && "body" in error) {
    const body = (error as { body: ApiErrorBody }).body;
    const key = `errors.${body.error}`;
    const message = currentUiLanguage() !== "en" && body.error && i18next.exists(key) ? i18next.t(key) : body.message;
    const details = (body.details ?? []).map((d) => (d.field ? `${d.field}: ${d.message}` : d.message));
    return [message, ...details].join(" — ");
  }
  return error instanceof Error ? error.message : String(error);
}
