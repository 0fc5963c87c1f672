import { uiLanguageOf } from "./languages.ts";

// Dates and numbers as each UI language writes them, the same on the server (emails, reports) and in the
// browser. Intl's Kyrgyz data differs between runtimes (some print "2027 M01 6" or an English month), so
// Kyrgyz dates are spelled here from CLDR's own Kyrgyz pattern and month names, identically everywhere.

const kyMonthsLong = [
  "январь",
  "февраль",
  "март",
  "апрель",
  "май",
  "июнь",
  "июль",
  "август",
  "сентябрь",
  "октябрь",
  "ноябрь",
  "декабрь",
];
const kyMonthsShort = ["янв.", "фев.", "мар.", "апр.", "май", "июн.", "июл.", "авг.", "сен.", "окт.", "ноя.", "дек."];

export interface DateOptions {
  /** "long" spells the month in full (sentences, emails); "medium" abbreviates it (tables). */
  style?: "long" | "medium";
  /** Also the time of day. */
  time?: boolean;
  /** A time zone; default: the runtime's. Closing dates are stored as the end of a UTC day and shown in UTC. */
  timeZone?: string;
}

const intlLocale = { en: "en-GB", ru: "ru-RU", ky: "ky-KG" } as const;

function kyrgyzDate(date: Date, options: DateOptions): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: options.timeZone,
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const month = (options.style === "long" ? kyMonthsLong : kyMonthsShort)[Number(parts.month) - 1];
  const day = `${parts.year}-ж., ${Number(parts.day)}-${month}`;
  return options.time ? `${day} ${parts.hour}:${parts.minute}` : day;
}

/** A date (or instant) in the language; "—" when there is none. */
export function formatDate(iso: string | null | undefined, lang: string, options: DateOptions = {}): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const ui = uiLanguageOf(lang) ?? "en";
  if (ui === "ky") return kyrgyzDate(date, options);
  return new Intl.DateTimeFormat(intlLocale[ui], {
    dateStyle: options.style ?? "medium",
    ...(options.time ? { timeStyle: "short" } : {}),
    timeZone: options.timeZone,
  }).format(date);
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  return formatDate(iso, lang, { time: true });
}

/** A number with the language's digit grouping and decimal sign (Kyrgyz writes them as Russian does). */
export function formatNumber(value: number, lang: string, maximumFractionDigits = 2): string {
  const ui = uiLanguageOf(lang) ?? "en";
  return new Intl.NumberFormat(ui === "ky" ? "ru-RU" : intlLocale[ui], { maximumFractionDigits }).format(value);
}

/**
 * A sentence whose placeholder ended with a full stop ("до 6 января 2027 г.") before the sentence's own: one
 * stop, not two. An ellipsis ("...") is left alone, and so is a range between numbers ("levels 1..4").
 */
export function tidyStops(text: string): string {
  return text.replace(/(?<![.\d])\.\.(?![.\d])/g, ".");
}
