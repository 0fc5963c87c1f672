// The fixed words of the PDF and HTML reports. The questionnaire's own texts (titles, choices, dimensions) come
// from the questionnaire in the report's language; these are the headings around them, in English, Russian and
// Kyrgyz. The Kyrgyz words follow the questionnaires' own (баалоочу, маек, отчет, бейөкмөт уюм).

const en = {
  responseReport: "Response report",
  respondentCopy: "Copy of your answers",
  draftBanner: "DRAFT: not submitted; answers may still change",
  organisation: "Organisation",
  region: "Region",
  evaluation: "Evaluation",
  questionnaire: "Questionnaire",
  status: "Status",
  submitted: "Submitted",
  draft: "Draft",
  lastSaved: "Last saved",
  mode: "Mode",
  link: "Link",
  interview: "Interview",
  responseId: "Response",
  generated: "Generated",
  answers: "Answers",
  noAnswers: "No answers yet.",
  capacityProfile: "Capacity profile",
  self: "Self-reported",
  verified: "Verified",
  dimension: "Dimension",
  overall: "Overall",
  level: "Level",
  band: "Band",
  coverage: "Coverage",
  answeredApplicable: "Answered / applicable",
  itemsWithoutLevel: "Items without a level",
  traceSummary: "How the scores were made",
  notScored: "not scored",
  weakest: "Weakest dimension",
  criticalGaps: "Critical gaps (below 1.75)",
  none: "none",
  scale: "Levels: 1 Nascent, 2 Emerging, 3 Expanding, 4 Mature. Scores describe a capacity profile, not a ranking.",
  reportTitle: "Capacity assessment report",
  round: "Round",
  method: "Method",
  invited: "Organisations invited",
  responded: "Organisations that responded",
  byMode: "Responses by mode",
  responseRate: "Response rate",
  dates: "Dates",
  created: "Created",
  closes: "Closes",
  firstSubmission: "First submission",
  lastSubmission: "Last submission",
  baseline: "Baseline evaluation",
  scoringModel: "Scoring model",
  basis: "Basis",
  minGroup: "Group statistics are suppressed below {n} scored organisations.",
  cohort: "Cohort capacity by dimension",
  n: "n",
  mean: "Mean",
  median: "Median",
  sd: "SD",
  min: "Min",
  max: "Max",
  suppressed: "suppressed",
  heatmapOrganisations: "Heat map: organisations by dimension",
  heatmapItems: "Heat map: items by level",
  item: "Item",
  answered: "Answered",
  regional: "Regional table",
  organisations: "Organisations",
  organisationPages: "Organisations",
  keyFigures: "Key figures",
  profile: "Profile",
  change: "Change since baseline",
  noBaseline: "This evaluation has no baseline evaluation.",
  notComparable: "not comparable",
  paired: "Paired",
  baseLevel: "Baseline level",
  endLevel: "This round",
  delta: "Change",
  meanChange: "Mean change",
  improved: "Improved",
  stable: "Stable",
  declined: "Declined",
  conclusions: "Conclusions",
  recommendations: "Recommendations",
  toBeWritten: "(to be written by the evaluator)",
  noResponses: "No submitted responses yet.",
  kind: "Kind",
  orgType: "Type",
  legend: "Colours: Nascent, Emerging, Expanding, Mature; grey: not scored.",
} as const;

export type LabelKey = keyof typeof en;
export type Labels = Record<LabelKey, string>;

const ru: Labels = {
  responseReport: "Отчёт по анкете",
  respondentCopy: "Копия ваших ответов",
  draftBanner: "ЧЕРНОВИК: анкета не отправлена, ответы могут измениться",
  organisation: "Организация",
  region: "Регион",
  evaluation: "Оценка",
  questionnaire: "Анкета",
  status: "Статус",
  submitted: "Отправлено",
  draft: "Черновик",
  lastSaved: "Последнее сохранение",
  mode: "Способ",
  link: "Ссылка",
  interview: "Интервью",
  responseId: "Ответ",
  generated: "Создано",
  answers: "Ответы",
  noAnswers: "Ответов пока нет.",
  capacityProfile: "Профиль потенциала",
  self: "Самооценка",
  verified: "Проверено",
  dimension: "Направление",
  overall: "Общий уровень",
  level: "Уровень",
  band: "Ступень",
  coverage: "Охват",
  answeredApplicable: "Отвечено / применимо",
  itemsWithoutLevel: "Вопросы без уровня",
  traceSummary: "Как получены оценки",
  notScored: "не оценено",
  weakest: "Самое слабое направление",
  criticalGaps: "Критические пробелы (ниже 1,75)",
  none: "нет",
  scale:
    "Уровни: 1 начальный, 2 развивающийся, 3 расширяющийся, 4 зрелый. Оценки описывают профиль потенциала, а не рейтинг.",
  reportTitle: "Отчёт об оценке потенциала",
  round: "Этап",
  method: "Метод",
  invited: "Приглашено организаций",
  responded: "Ответили организаций",
  byMode: "Ответы по способу",
  responseRate: "Доля ответивших",
  dates: "Даты",
  created: "Создана",
  closes: "Закрывается",
  firstSubmission: "Первый ответ",
  lastSubmission: "Последний ответ",
  baseline: "Базовая оценка",
  scoringModel: "Модель оценки",
  basis: "Основа",
  minGroup: "Статистика групп скрыта, если оценено менее {n} организаций.",
  cohort: "Потенциал группы по направлениям",
  n: "n",
  mean: "Среднее",
  median: "Медиана",
  sd: "СО",
  min: "Мин.",
  max: "Макс.",
  suppressed: "скрыто",
  heatmapOrganisations: "Тепловая карта: организации по направлениям",
  heatmapItems: "Тепловая карта: вопросы по уровням",
  item: "Вопрос",
  answered: "Ответили",
  regional: "Таблица по регионам",
  organisations: "Организации",
  organisationPages: "Организации",
  keyFigures: "Ключевые показатели",
  profile: "Профиль",
  change: "Изменения с базовой оценки",
  noBaseline: "У этой оценки нет базовой оценки.",
  notComparable: "несопоставимо",
  paired: "Пар",
  baseLevel: "Базовый уровень",
  endLevel: "Этот этап",
  delta: "Изменение",
  meanChange: "Среднее изменение",
  improved: "Улучшение",
  stable: "Без изменений",
  declined: "Ухудшение",
  conclusions: "Выводы",
  recommendations: "Рекомендации",
  toBeWritten: "(заполняет оценщик)",
  noResponses: "Отправленных ответов пока нет.",
  kind: "Вид",
  orgType: "Тип",
  legend: "Цвета: начальный, развивающийся, расширяющийся, зрелый; серый: не оценено.",
};

const ky: Labels = {
  responseReport: "Анкета боюнча отчет",
  respondentCopy: "Жоопторуңуздун көчүрмөсү",
  draftBanner: "КАРАЛАМА: анкета жөнөтүлө элек, жооптор дагы өзгөрүшү мүмкүн",
  organisation: "Уюм",
  region: "Аймак",
  evaluation: "Баалоо",
  questionnaire: "Анкета",
  status: "Абалы",
  submitted: "Жөнөтүлдү",
  draft: "Каралама",
  lastSaved: "Акыркы жолу сакталган",
  mode: "Толтуруу ыкмасы",
  link: "Шилтеме",
  interview: "Маек",
  responseId: "Жооп",
  generated: "Түзүлдү",
  answers: "Жооптор",
  noAnswers: "Азырынча жооп жок.",
  capacityProfile: "Потенциалдын профили",
  self: "Өзүн-өзү баалоо",
  verified: "Текшерилген",
  dimension: "Багыт",
  overall: "Жалпы деңгээл",
  level: "Деңгээл",
  band: "Баскыч",
  coverage: "Камтуу",
  answeredApplicable: "Жооп берилген / тиешелүү",
  itemsWithoutLevel: "Деңгээли жок суроолор",
  traceSummary: "Баалар кантип эсептелди",
  notScored: "бааланган жок",
  weakest: "Эң алсыз багыт",
  criticalGaps: "Критикалык кемчиликтер (1,75тен төмөн)",
  none: "жок",
  scale:
    "Деңгээлдер: 1 баштапкы, 2 өнүгүп жаткан, 3 кеңейип жаткан, 4 жетилген. Баалар уюмдун потенциалынын профилин сүрөттөйт, рейтинг эмес.",
  reportTitle: "Потенциалды баалоо боюнча отчет",
  round: "Этап",
  method: "Усул",
  invited: "Чакырылган уюмдар",
  responded: "Жооп берген уюмдар",
  byMode: "Толтуруу ыкмасы боюнча жооптор",
  responseRate: "Жооп бергендердин үлүшү",
  dates: "Даталар",
  created: "Түзүлгөн",
  closes: "Жабылат",
  firstSubmission: "Биринчи жооп",
  lastSubmission: "Акыркы жооп",
  baseline: "Базалык баалоо",
  scoringModel: "Баалоо модели",
  basis: "Негиз",
  minGroup: "Топтук статистика бааланган уюмдардын саны кеминде {n} болгондо гана көрсөтүлөт.",
  cohort: "Топтун потенциалы багыттар боюнча",
  n: "n",
  mean: "Орточо",
  median: "Медиана",
  sd: "Ст. четтөө",
  min: "Мин.",
  max: "Макс.",
  suppressed: "жашырылган",
  heatmapOrganisations: "Жылуулук картасы: уюмдар багыттар боюнча",
  heatmapItems: "Жылуулук картасы: суроолор деңгээлдер боюнча",
  item: "Суроо",
  answered: "Жооп бергендер",
  regional: "Аймактар боюнча таблица",
  organisations: "Уюмдар",
  organisationPages: "Уюмдар",
  keyFigures: "Негизги көрсөткүчтөр",
  profile: "Профиль",
  change: "Базалык баалоодон бери болгон өзгөрүүлөр",
  noBaseline: "Бул баалоонун базалык баалоосу жок.",
  notComparable: "салыштырууга болбойт",
  paired: "Жуптар",
  baseLevel: "Базалык деңгээл",
  endLevel: "Бул этап",
  delta: "Өзгөрүү",
  meanChange: "Орточо өзгөрүү",
  improved: "Жакшырды",
  stable: "Өзгөргөн жок",
  declined: "Начарлады",
  conclusions: "Корутундулар",
  recommendations: "Сунуштар",
  toBeWritten: "(баалоочу толтурат)",
  noResponses: "Азырынча жөнөтүлгөн жооптор жок.",
  kind: "Түрү",
  orgType: "Тиби",
  legend: "Түстөр: баштапкы, өнүгүп жаткан, кеңейип жаткан, жетилген; боз: бааланган жок.",
};

const bandsRu: Record<string, string> = {
  Nascent: "Начальный",
  Emerging: "Развивающийся",
  Expanding: "Расширяющийся",
  Mature: "Зрелый",
};

const statusesRu: Record<string, string> = {
  scored: "оценено",
  insufficient_data: "недостаточно данных",
  not_applicable: "не применимо",
  incomplete: "неполно",
  answered: "отвечено",
  missing: "нет ответа",
  dont_know: "не знаю",
  improved: "улучшение",
  stable: "без изменений",
  declined: "ухудшение",
  not_comparable: "несопоставимо",
};

const reasonsRu: Record<string, string> = {
  "not applicable: dimension applicableIf false": "не применимо: направление не относится к организации",
  "not applicable: applicableIf false": "не применимо к организации",
  "not applicable: question not shown": "не применимо: вопрос не показывался",
  "not applicable: answered n/a": "не применимо (ответ «н/п»)",
  "don't know": "не знаю",
  "no answer": "нет ответа",
  "no reporting period": "не указан отчётный период",
  "not answered in both rounds": "нет ответа в обоих этапах",
};

const bandsKy: Record<string, string> = {
  Nascent: "Баштапкы",
  Emerging: "Өнүгүп жаткан",
  Expanding: "Кеңейип жаткан",
  Mature: "Жетилген",
};

const statusesKy: Record<string, string> = {
  scored: "бааланды",
  insufficient_data: "маалымат жетишсиз",
  not_applicable: "тиешеси жок",
  incomplete: "толук эмес",
  answered: "жооп берилди",
  missing: "жооп жок",
  dont_know: "билбейм",
  improved: "жакшырды",
  stable: "өзгөргөн жок",
  declined: "начарлады",
  not_comparable: "салыштырууга болбойт",
};

const reasonsKy: Record<string, string> = {
  "not applicable: dimension applicableIf false": "тиешеси жок: багыт уюмга тиешелүү эмес",
  "not applicable: applicableIf false": "уюмга тиешеси жок",
  "not applicable: question not shown": "тиешеси жок: суроо көрсөтүлгөн эмес",
  "not applicable: answered n/a": "тиешеси жок («тиешеси жок» деп жооп берилген)",
  "don't know": "билбейм",
  "no answer": "жооп жок",
  "no reporting period": "отчеттук мезгил көрсөтүлгөн эмес",
  "not answered in both rounds": "эки этапта тең жооп жок",
};

export interface ReportWords {
  lang: string;
  t: Labels;
  band(band: string | null): string;
  status(status: string): string;
  reason(reason: string): string;
}

interface Translation {
  t: Labels;
  bands: Record<string, string>;
  statuses: Record<string, string>;
  reasons: Record<string, string>;
}

const translations: Record<string, Translation> = {
  ru: { t: ru, bands: bandsRu, statuses: statusesRu, reasons: reasonsRu },
  ky: { t: ky, bands: bandsKy, statuses: statusesKy, reasons: reasonsKy },
};

/** The report's fixed words in a language (en, ru, ky; any other is English). */
export function reportWords(lang: string): ReportWords {
  const words = translations[lang];
  const pick = (map: "bands" | "statuses" | "reasons", key: string, fallback: string) => words?.[map][key] ?? fallback;
  return {
    lang,
    t: words?.t ?? en,
    band: (band) => (band === null ? "" : pick("bands", band, band)),
    status: (status) => pick("statuses", status, status.replaceAll("_", " ")),
    reason: (reason) => pick("reasons", reason, reason),
  };
}

// ---- numbers and dates as reports show them ----

/** Levels to 2 decimals (docs/scoring.md: only reports round); "–" for none. */
export function formatLevel(level: number | null | undefined): string {
  return level === null || level === undefined ? "–" : level.toFixed(2);
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined ? "–" : `${Math.round(share * 100)}%`;
}

export function formatDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return "–";
  return `${delta > 0 ? "+" : delta < 0 ? "−" : ""}${Math.abs(delta).toFixed(2)}`;
}

/** The date part of an ISO instant. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "–";
}

/** A number as written in the answers, with thin grouping of thousands. */
export function formatNumber(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) {
    return Number.isInteger(value) ? value.toLocaleString("en-US").replaceAll(",", " ") : String(value);
  }
  if (value === null || value === undefined || value === "") return "–";
  return String(value);
}

/** `colour` blended with white by a share (0..1) of organisations: the more, the stronger (heat map of items). */
export function tint(colour: string, share: number): string {
  const weight = 0.25 + 0.75 * Math.max(0, Math.min(1, share));
  const channel = (i: number) => {
    const c = parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(255 - (255 - c) * weight)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
