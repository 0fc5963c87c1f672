// The words of the invitation and reminder emails, in the languages Sapat serves. Pure: no I/O, no clock.

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

interface Words {
  dateLocale: string;
  invitationSubject: string;
  reminderSubject: string;
  greeting: string;
  invitationIntro: string;
  reminderIntro: string;
  linkLead: string;
  button: string;
  closes: string;
  resume: string;
  personal: string;
  contact: string;
}

// Placeholders: {org}, {evaluation}, {date}, {contact}. Organisation names are not declined (ru, ky), so
// sentences put them in apposition, in parentheses, rather than in a grammatical case.
const words: Record<"en" | "ru" | "ky", Words> = {
  en: {
    dateLocale: "en-GB",
    invitationSubject: "{evaluation}: questionnaire for {org}",
    reminderSubject: "Reminder: {evaluation}: questionnaire for {org}",
    greeting: "Dear colleagues,",
    invitationIntro: "Your organisation ({org}) is invited to take part in the evaluation “{evaluation}”.",
    reminderIntro:
      "This is a reminder about the questionnaire of the evaluation “{evaluation}” for your organisation ({org}). We have not received your answers yet.",
    linkLead: "Please fill in the questionnaire at your personal link:",
    button: "Open the questionnaire",
    closes: "Please answer by {date}.",
    resume: "Your answers are saved as you go: you can stop and come back later with the same link, from any device.",
    personal: "This link is for your organisation only: please do not forward it.",
    contact: "If you have questions, please contact {contact}.",
  },
  ru: {
    dateLocale: "ru-RU",
    invitationSubject: "{evaluation}: анкета для {org}",
    reminderSubject: "Напоминание: {evaluation}: анкета для {org}",
    greeting: "Уважаемые коллеги!",
    invitationIntro: "Приглашаем вашу организацию ({org}) принять участие в оценке «{evaluation}».",
    reminderIntro:
      "Напоминаем об анкете оценки «{evaluation}» для вашей организации ({org}). Мы ещё не получили ваши ответы.",
    linkLead: "Пожалуйста, заполните анкету по персональной ссылке:",
    button: "Открыть анкету",
    closes: "Пожалуйста, ответьте до {date}.",
    resume:
      "Ответы сохраняются по ходу заполнения: можно прерваться и вернуться позже по той же ссылке, с любого устройства.",
    personal: "Эта ссылка предназначена только для вашей организации: пожалуйста, не пересылайте её.",
    contact: "Если у вас есть вопросы, обращайтесь: {contact}.",
  },
  ky: {
    dateLocale: "ky-KG",
    invitationSubject: "{evaluation}: {org} үчүн анкета",
    reminderSubject: "Эскертүү: {evaluation}: {org} үчүн анкета",
    greeting: "Урматтуу кесиптештер!",
    invitationIntro: "Сиздин уюмуңузду ({org}) «{evaluation}» баалоосуна катышууга чакырабыз.",
    reminderIntro:
      "Сиздин уюмуңуз ({org}) үчүн «{evaluation}» баалоосунун анкетасы тууралуу эскертебиз. Биз сиздин жоопторуңузду азырынча ала элекпиз.",
    linkLead: "Сураныч, анкетаны жеке шилтемеңиз аркылуу толтуруңуз:",
    button: "Анкетаны ачуу",
    closes: "Сураныч, {date} чейин жооп бериңиз.",
    resume:
      "Жоопторуңуз толтуруу учурунда сакталат: токтоп, кийинчерээк ошол эле шилтеме аркылуу каалаган түзмөктөн уланта аласыз.",
    personal: "Бул шилтеме сиздин уюмуңуз үчүн гана: сураныч, аны башкаларга жөнөтпөңүз.",
    contact: "Суроолоруңуз болсо, кайрылыңыз: {contact}.",
  },
};

const languageOf = (locale: string): keyof typeof words => (locale === "ru" || locale === "ky" ? locale : "en");
const wordsFor = (locale: string): Words => words[languageOf(locale)];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}

// A subject is one header line: names typed with line breaks or runs of spaces must not break it.
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

/**
 * The closing date as people write it in that language. Shown in UTC: a closing date entered as a bare day is
 * stored as the end of that day in UTC, and must read as the day the evaluator typed.
 */
export function formatClosingDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(wordsFor(locale).dateLocale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(iso),
  );
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
  const w = wordsFor(input.locale);
  const org = oneLine(input.organizationName);
  const evaluation = oneLine(input.evaluationName);
  const date = input.closesAt ? formatClosingDate(input.closesAt, input.locale) : null;
  const intro = input.kind === "invitation" ? w.invitationIntro : w.reminderIntro;
  const subject = fill(input.kind === "invitation" ? w.invitationSubject : w.reminderSubject, { org, evaluation });

  const text = [
    w.greeting,
    "",
    fill(intro, { org, evaluation }),
    w.linkLead,
    "",
    input.link,
    "",
    ...(date ? [fill(w.closes, { date })] : []),
    w.resume,
    w.personal,
    "",
    fill(w.contact, { contact: contactText(input.contact) }),
    "",
  ].join("\n");

  const e = {
    org: escapeHtml(org),
    evaluation: escapeHtml(evaluation),
    link: escapeHtml(input.link),
    date: date ? escapeHtml(date) : "",
  };
  const paragraph = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="${languageOf(input.locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328">',
    '<div style="max-width:560px;margin:0 auto">',
    paragraph(escapeHtml(w.greeting)),
    paragraph(fill(escapeHtml(intro), e)),
    paragraph(escapeHtml(w.linkLead)),
    paragraph(
      `<a href="${e.link}" style="display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(w.button)}</a>`,
    ),
    paragraph(`<a href="${e.link}" style="color:#0b5cad;word-break:break-all">${e.link}</a>`),
    ...(date ? [paragraph(fill(escapeHtml(w.closes), e))] : []),
    paragraph(escapeHtml(w.resume)),
    paragraph(escapeHtml(w.personal)),
    paragraph(fill(escapeHtml(w.contact), { contact: contactHtml(input.contact) })),
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");

  return { subject, text, html };
}
