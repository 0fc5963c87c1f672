// The words of the invitation and reminder emails, in the languages Sapat serves. Pure: no I/O, no clock.
import { formatDate } from "../../i18n/format.ts";
import { uiLanguageOf, type UiLanguage } from "../../i18n/languages.ts";
import { translatorFor } from "../../i18n/translator.ts";

import { escapeHtml } from "../../escape-html.ts";

export type MailTemplateKind = "invitation" | "reminder";

export interface MailTemplateInput {
  kind: MailTemplateKind;
  /** The invitation's language; anything but ru and ky falls back to English. */
  locale: string;
  organizationName: string;
  evaluationName: string;
  /** The personal questionnaire link. */
  link: string;
  /** The instant answers stop being accepted (ISO-8601), or null when there is none. */
  closesAt: string | null;
  /** Who the respondent writes to with questions: the inviting evaluator, or the sender address. */
  contact: { name: string | null; email: string };
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

// The words are the catalogue's "mail" namespace (server/i18n/locales/*/mail.json). Placeholders: {{org}},
// {{evaluation}}, {{date}}, {{contact}}. Organisation names are not declined (ru, ky), so sentences put them in
// apposition, in parentheses, rather than in a grammatical case.
const languageOf = (locale: string): UiLanguage => uiLanguageOf(locale) ?? "en";

// A subject is one header line: names typed with line breaks or runs of spaces must not break it.
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

/**
 * The closing date as people write it in that language. Shown in UTC: a closing date entered as a bare day is
 * stored as the end of that day in UTC, and must read as the day the evaluator typed.
 */
export function formatClosingDate(iso: string, locale: string): string {
  return formatDate(iso, locale, { style: "long", timeZone: "UTC" });
}

function contactText(contact: MailTemplateInput["contact"]): string {
  return contact.name ? `${contact.name} <${contact.email}>` : contact.email;
}

function contactHtml(contact: MailTemplateInput["contact"]): string {
  const email = escapeHtml(contact.email);
  const link = `<a href="mailto:${email}">${email}</a>`;
  return contact.name ? `${escapeHtml(contact.name)} (${link})` : link;
}

export function renderMail(input: MailTemplateInput): MailContent {
  const t = translatorFor(input.locale, "mail");
  const org = oneLine(input.organizationName);
  const evaluation = oneLine(input.evaluationName);
  const date = input.closesAt ? formatClosingDate(input.closesAt, input.locale) : null;
  const intro = t(input.kind === "invitation" ? "invitationIntro" : "reminderIntro", { org, evaluation });
  const subject = t(input.kind === "invitation" ? "invitationSubject" : "reminderSubject", { org, evaluation });
  const closes = date ? t("closes", { date }) : null;
  // A marker no translation contains stands for the contact, so the sentence is escaped once and the link added.
  const contactMarker = "\u0000";
  const contact = t("contact", { contact: contactMarker });

  const text = [
    t("greeting"),
    "",
    intro,
    t("linkLead"),
    "",
    input.link,
    "",
    ...(closes ? [closes] : []),
    t("resume"),
    t("personal"),
    "",
    contact.replace(contactMarker, contactText(input.contact)),
    "",
  ].join("\n");

  const link = escapeHtml(input.link);
  const paragraph = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="${languageOf(input.locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328">',
    '<div style="max-width:560px;margin:0 auto">',
    paragraph(escapeHtml(t("greeting"))),
    paragraph(escapeHtml(intro)),
    paragraph(escapeHtml(t("linkLead"))),
    paragraph(
      `<a href="${link}" style="display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(t("button"))}</a>`,
    ),
    paragraph(`<a href="${link}" style="color:#0b5cad;word-break:break-all">${link}</a>`),
    ...(closes ? [paragraph(escapeHtml(closes))] : []),
    paragraph(escapeHtml(t("resume"))),
    paragraph(escapeHtml(t("personal"))),
    paragraph(escapeHtml(contact).replace(contactMarker, contactHtml(input.contact))),
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");

  return { subject, text, html };
}
