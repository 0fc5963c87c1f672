import { escapeHtml } from "../../../server/escape-html.ts";
import { describe, expect, it } from "vitest";
import { parseAddress, retryDelayMs } from "../../../server/modules/mail/mail.service.ts";
import { formatClosingDate, renderMail, type MailTemplateInput } from "../../../server/modules/mail/mail.templates.ts";

const base: MailTemplateInput = {
  kind: "invitation",
  locale: "en",
  organizationName: "Ak Jol",
  evaluationName: "Baseline 2026",
  link: "https://sapat.example.org/r/abcdefghijklmnopqrstuvwx",
  closesAt: "2099-06-30T23:59:59.999Z",
  contact: { name: "Aigul Evaluator", email: "aigul@example.org" },
};

describe("renderMail", () => {
  it.each([
    ["en", "invitation", "Baseline 2026: questionnaire for Ak Jol", "30 June 2099", "Please answer by"],
    ["en", "reminder", "Reminder: Baseline 2026: questionnaire for Ak Jol", "30 June 2099", "This is a reminder"],
    ["ru", "invitation", "Baseline 2026: анкета для Ak Jol", "30 июня 2099", "Пожалуйста, ответьте до"],
    ["ru", "reminder", "Напоминание: Baseline 2026: анкета для Ak Jol", "30 июня 2099", "Напоминаем"],
    ["ky", "invitation", "Baseline 2026: Ak Jol үчүн анкета", "2099", "чейин жооп бериңиз"],
    ["ky", "reminder", "Эскертүү: Baseline 2026: Ak Jol үчүн анкета", "2099", "эскертебиз"],
  ] as const)(
    "%s %s: subject, closing date, link and contact in text and HTML",
    (locale, kind, subject, date, phrase) => {
      const mail = renderMail({ ...base, locale, kind });
      expect(mail.subject).toBe(subject);
      for (const body of [mail.text, mail.html]) {
        expect(body).toContain(base.link);
        expect(body).toContain("Ak Jol");
        expect(body).toContain("Baseline 2026");
        expect(body).toContain(date);
        expect(body).toContain(phrase);
        expect(body).toContain("Aigul Evaluator");
        expect(body).toContain("aigul@example.org");
      }
      expect(mail.html).toContain(`href="${base.link}"`);
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.text).not.toMatch(/<\/?(p|a|div|html)\b/);
    },
  );

  it("falls back to English for an unknown language", () => {
    expect(renderMail({ ...base, locale: "fr" }).subject).toBe(renderMail(base).subject);
  });

  it("leaves out the closing sentence when there is no closing date", () => {
    const mail = renderMail({ ...base, closesAt: null });
    expect(mail.text).not.toContain("Please answer by");
    expect(mail.html).not.toContain("Please answer by");
  });

  it("escapes HTML in the names but keeps the plain text as typed", () => {
    const mail = renderMail({
      ...base,
      organizationName: "<b>A&B</b>",
      evaluationName: `"Quoted" & <i>it</i>`,
      contact: { name: "O'Brien <script>", email: "ob@example.org" },
    });
    expect(mail.html).toContain("&lt;b&gt;A&amp;B&lt;/b&gt;");
    expect(mail.html).toContain("&quot;Quoted&quot; &amp; &lt;i&gt;it&lt;/i&gt;");
    expect(mail.html).toContain("O&#39;Brien &lt;script&gt;");
    expect(mail.html).not.toContain("<b>A&B</b>");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<i>");
    expect(mail.text).toContain("<b>A&B</b>");
    expect(mail.subject).toBe(`"Quoted" & <i>it</i>: questionnaire for <b>A&B</b>`);
  });

  it("keeps the subject on one line whatever the names hold", () => {
    const mail = renderMail({ ...base, organizationName: "Ak\r\nJol", evaluationName: " Base\tline " });
    expect(mail.subject).toBe("Base line: questionnaire for Ak Jol");
  });

  it("names the sender address when there is no evaluator to contact", () => {
    const mail = renderMail({ ...base, contact: { name: null, email: "sapat@example.org" } });
    expect(mail.text).toContain("please contact sapat@example.org.");
    expect(mail.html).toContain('<a href="mailto:sapat@example.org">sapat@example.org</a>');
  });
});

describe("helpers", () => {
  it("escapes the five HTML special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("formats the closing date as the day entered, in each language", () => {
    // Stored as the end of the day in UTC; east of UTC that is already the next morning.
    expect(formatClosingDate("2026-12-31T23:59:59.999Z", "en")).toBe("31 December 2026");
    expect(formatClosingDate("2026-12-31T23:59:59.999Z", "ru")).toBe("31 декабря 2026 г.");
    expect(formatClosingDate("2026-12-31T23:59:59.999Z", "ky")).toContain("31");
  });

  it("reads sender addresses with and without a name", () => {
    expect(parseAddress("Sapat <no-reply@example.org>")).toEqual({ name: "Sapat", email: "no-reply@example.org" });
    expect(parseAddress('"Sapat team" <a@b.kg>')).toEqual({ name: "Sapat team", email: "a@b.kg" });
    expect(parseAddress("a@b.kg")).toEqual({ name: null, email: "a@b.kg" });
  });

  it("doubles the retry delay from the base, with a cap", () => {
    const minute = 60_000;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, minute) / minute)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });
});
