import { describe, expect, it } from "vitest";
import { namespaces, resources } from "../../server/i18n/catalogue.ts";
import { formatDate, formatNumber, tidyStops } from "../../server/i18n/format.ts";
import { pickUiLanguage, uiLanguages } from "../../server/i18n/languages.ts";
import { renderMail } from "../../server/modules/mail/mail.templates.ts";
import { reportWords } from "../../server/reports/report-labels.ts";

// The catalogue is complete: every language has every key of English, no key English lacks, the plural forms
// its grammar needs (Russian one/few/many, Kyrgyz and English one/other) and the same placeholders.

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === "string") out.set(path, child);
    else for (const [k, v] of flatten(child, path)) out.set(k, v);
  }
  return out;
}

/** The plural categories whole numbers take in a language (fractions aside: counts are whole). */
function integerCategories(lang: string): string[] {
  const rules = new Intl.PluralRules(lang);
  return [...new Set(Array.from({ length: 200 }, (_, n) => rules.select(n)))].sort();
}

function shape(lang: string, ns: string) {
  const entries = flatten(resources[lang as keyof typeof resources][ns as keyof (typeof resources)["en"]]);
  const plurals = new Map<string, string[]>();
  const plain = new Map<string, string>();
  for (const [key, text] of entries) {
    const match = pluralSuffix.exec(key);
    if (match) {
      const base = key.slice(0, match.index);
      plurals.set(base, [...(plurals.get(base) ?? []), match[1]!].sort());
    } else plain.set(key, text);
  }
  return { entries, plurals, plain };
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe("the translation catalogue", () => {
  it("has every namespace in every language", () => {
    for (const lang of uiLanguages) expect(Object.keys(resources[lang]).sort()).toEqual([...namespaces].sort());
  });

  describe.each(namespaces)("namespace %s", (ns) => {
    const en = shape("en", ns);

    it.each(["ru", "ky"])("%s has exactly English's keys", (lang) => {
      const other = shape(lang, ns);
      expect([...other.plain.keys()].sort()).toEqual([...en.plain.keys()].sort());
      expect([...other.plurals.keys()].sort()).toEqual([...en.plurals.keys()].sort());
    });

    it.each(uiLanguages)("%s has the plural forms of its grammar", (lang) => {
      for (const [key, forms] of shape(lang, ns).plurals)
        expect({ key, forms }).toEqual({ key, forms: integerCategories(lang) });
    });

    it.each(["ru", "ky"])("%s uses the same placeholders, none empty", (lang) => {
      const other = shape(lang, ns);
      for (const [key, text] of en.entries) {
        const base = key.replace(pluralSuffix, "");
        const theirs = [...other.entries].filter(([k]) => k.replace(pluralSuffix, "") === base);
        for (const [, translated] of theirs) {
          expect(translated.trim(), `${lang}:${ns}:${key}`).not.toBe("");
          // A plural form may leave the count out ("one" in Russian often reads without the number).
          const expected = placeholders(text).filter((p) => p !== "count");
          expect(
            placeholders(translated).filter((p) => p !== "count"),
            `${lang}:${ns}:${key}`,
          ).toEqual(expected);
        }
      }
    });

    it.each(uiLanguages)("%s wraps no words in a tag HTML treats as empty (<link>...)", (lang) => {
      // react-i18next's Trans parses the tags as HTML: a void element such as <link> holds no words, so a link
      // written <link>words</link> shows up empty with its words after it. Links are <a>words</a>.
      const voidTag = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)>[^<]/;
      for (const [key, text] of shape(lang, ns).entries) expect(text, `${lang}:${ns}:${key}`).not.toMatch(voidTag);
    });

    it.each(uiLanguages)("%s has no placeholder written the old way ({name})", (lang) => {
      for (const [key, text] of shape(lang, ns).entries)
        expect(text, `${lang}:${ns}:${key}`).not.toMatch(/(^|[^{])\{\w+\}/);
    });
  });
});

describe("dates and numbers per language", () => {
  const instant = "2027-01-06T10:00:00.000Z";

  it("writes dates as each language does, Kyrgyz without Intl's gaps", () => {
    expect(formatDate(instant, "en", { style: "long", timeZone: "UTC" })).toBe("6 January 2027");
    expect(formatDate(instant, "ru", { style: "long", timeZone: "UTC" })).toBe("6 января 2027 г.");
    expect(formatDate(instant, "ky", { style: "long", timeZone: "UTC" })).toBe("2027-ж., 6-январь");
    expect(formatDate(instant, "ky", { timeZone: "UTC" })).toBe("2027-ж., 6-янв.");
    expect(formatDate(instant, "ky", { time: true, timeZone: "UTC" })).toBe("2027-ж., 6-янв. 10:00");
    for (let month = 0; month < 12; month++) {
      const text = formatDate(new Date(Date.UTC(2027, month, 15)).toISOString(), "ky", { style: "long" });
      expect(text).not.toMatch(/[A-Za-z]|M\d/);
    }
    expect(formatDate(null, "ru")).toBe("—");
  });

  it("groups digits per language", () => {
    expect(formatNumber(12345.5, "en")).toBe("12,345.5");
    expect(formatNumber(12345.5, "ru").replace(/\s/g, " ")).toBe("12 345,5");
    expect(formatNumber(12345.5, "ky").replace(/\s/g, " ")).toBe("12 345,5");
  });

  it("never ends a sentence with a double stop after a Russian date", () => {
    expect(tidyStops("до 6 января 2027 г..")).toBe("до 6 января 2027 г.");
    expect(tidyStops("Ждите...")).toBe("Ждите...");
    expect(tidyStops("Общий уровень потенциала (1..4)")).toBe("Общий уровень потенциала (1..4)");
    const mail = renderMail({
      kind: "invitation",
      locale: "ru",
      organizationName: "Ak Jol",
      evaluationName: "Оценка",
      link: "https://sapat.example.org/r/x",
      closesAt: "2027-01-06T23:59:59.999Z",
      contact: { name: null, email: "a@example.org" },
    });
    expect(mail.text).toContain("Пожалуйста, ответьте до 6 января 2027 г.\n");
    expect(mail.text + mail.html).not.toContain("г..");
  });

  it("follows the browser's languages until one Sapat speaks", () => {
    expect(pickUiLanguage(["de-DE", "ru-RU", "en"])).toBe("ru");
    expect(pickUiLanguage(["ky"])).toBe("ky");
    expect(pickUiLanguage(["fr"])).toBe("en");
  });
});

describe("stored values in reports", () => {
  it("prints an evaluation's round and an organisation's kind and type in words, unknown values as typed", () => {
    const ru = reportWords("ru");
    expect(ru.stored("rounds", "endline")).toBe("итоговый");
    expect(ru.stored("kinds", "ngo")).toBe("НКО");
    expect(ru.stored("orgTypes", "crisis_centre")).toBe("Кризисный центр или приют");
    expect(ru.stored("orgTypes", "Ассоциация юристов")).toBe("Ассоциация юристов");
    expect(ru.stored("rounds", null)).toBe("–");
    expect(reportWords("ky").stored("kinds", "ngo")).toBe("бейөкмөт уюм");
    expect(reportWords("en").stored("kinds", "ngo")).toBe("NGO");
  });
});
