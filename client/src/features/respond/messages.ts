// The page's own words around the questionnaire, in the languages Sapat serves; survey-core translates its own.

/** Forms by CLDR plural category (Intl.PluralRules); `other` is the fallback. */
type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const en = {
  savedShort: "Saved",
  savingShort: "Saving…",
  unsavedShort: "Not saved yet",
  offlineShort: "Offline: kept on this device",
  stoppedShort: "Cannot save",
  loading: "Loading the questionnaire…",
  saved: "All changes saved",
  saving: "Saving…",
  unsaved: "Changes not yet saved",
  offline: "Offline: your answers are kept on this device and will be sent when the connection returns",
  stopped: "Your answers can no longer be saved",
  language: "Language",
  thanksTitle: "Thank you!",
  downloadCopy: "Download a copy of your answers (PDF)",
  thanksBody: "Your answers were received on {date}. You may close this page.",
  notFoundTitle: "This link is not valid",
  notFoundBody: "Check that you opened the whole link from your email, or ask the evaluator for a new one.",
  goneTitle: "This questionnaire is closed",
  submitFailed: "Your answers could not be sent. They are kept on this device; try again in a moment.",
  fixErrors: "Some answers need attention before the questionnaire can be submitted.",
  resumed: "Welcome back: you can continue where you stopped.",
  forOrganization: "for {org}",
  closesOn: "Please answer by {date}.",
  confirmTitle: "Submit your answers?",
  confirmAllAnswered: "Every question is answered.",
  unanswered: { one: "{count} question is not answered:", other: "{count} questions are not answered:" } as Plural,
  confirmFinal: "Once submitted, the answers can no longer be changed.",
  pageNumber: "page {n}",
  submitNow: "Submit",
  submitAnyway: "Submit anyway",
  keepAnswering: "Back to the questionnaire",
};

type Messages = typeof en;

const ru: Messages = {
  savedShort: "Сохранено",
  savingShort: "Сохранение…",
  unsavedShort: "Ещё не сохранено",
  offlineShort: "Нет связи: хранится на устройстве",
  stoppedShort: "Сохранение невозможно",
  loading: "Загрузка анкеты…",
  saved: "Все изменения сохранены",
  saving: "Сохранение…",
  unsaved: "Изменения ещё не сохранены",
  offline: "Нет связи: ответы хранятся на этом устройстве и будут отправлены, когда связь восстановится",
  stopped: "Ответы больше не могут быть сохранены",
  language: "Язык",
  thanksTitle: "Спасибо!",
  downloadCopy: "Скачать копию ваших ответов (PDF)",
  thanksBody: "Ваши ответы получены {date}. Эту страницу можно закрыть.",
  notFoundTitle: "Ссылка недействительна",
  notFoundBody: "Проверьте, что вы открыли ссылку из письма полностью, или попросите у оценщика новую.",
  goneTitle: "Анкета закрыта",
  submitFailed: "Не удалось отправить ответы. Они сохранены на этом устройстве; попробуйте ещё раз чуть позже.",
  fixErrors: "Некоторые ответы нужно исправить, прежде чем отправить анкету.",
  resumed: "С возвращением: можно продолжить с того места, где вы остановились.",
  forOrganization: "для {org}",
  closesOn: "Пожалуйста, ответьте до {date}.",
  confirmTitle: "Отправить ответы?",
  confirmAllAnswered: "Ответ дан на все вопросы.",
  unanswered: {
    one: "Без ответа остался {count} вопрос:",
    few: "Без ответа остались {count} вопроса:",
    many: "Без ответа остались {count} вопросов:",
    other: "Без ответа остались {count} вопроса:",
  },
  confirmFinal: "После отправки ответы изменить нельзя.",
  pageNumber: "стр. {n}",
  submitNow: "Отправить",
  submitAnyway: "Всё равно отправить",
  keepAnswering: "Вернуться к анкете",
};

const ky: Messages = {
  savedShort: "Сакталды",
  savingShort: "Сакталууда…",
  unsavedShort: "Азырынча сакталган жок",
  offlineShort: "Байланыш жок: түзмөктө сакталды",
  stoppedShort: "Сактоо мүмкүн эмес",
  loading: "Анкета жүктөлүүдө…",
  saved: "Бардык өзгөртүүлөр сакталды",
  saving: "Сакталууда…",
  unsaved: "Өзгөртүүлөр азырынча сакталган жок",
  offline: "Байланыш жок: жоопторуңуз ушул түзмөктө сакталып, байланыш калыбына келгенде жөнөтүлөт",
  stopped: "Жоопторуңузду мындан ары сактоо мүмкүн эмес",
  language: "Тил",
  thanksTitle: "Рахмат!",
  downloadCopy: "Жоопторуңуздун көчүрмөсүн жүктөп алуу (PDF)",
  thanksBody: "Жоопторуңуз {date} алынды. Бул баракты жапсаңыз болот.",
  notFoundTitle: "Бул шилтеме жараксыз",
  notFoundBody: "Каттагы шилтемени толук ачканыңызды текшериңиз же баалоочудан жаңы шилтеме сураңыз.",
  goneTitle: "Бул анкета жабылды",
  submitFailed:
    "Жоопторду жөнөтүү мүмкүн болгон жок. Алар ушул түзмөктө сакталды; бир аздан кийин кайра аракет кылыңыз.",
  fixErrors: "Анкетаны жөнөтүүдөн мурун айрым жоопторду оңдоо керек.",
  resumed: "Кош келиңиз: токтогон жериңизден уланта аласыз.",
  forOrganization: "{org} үчүн",
  closesOn: "Сураныч, {date} чейин жооп бериңиз.",
  confirmTitle: "Жоопторду жөнөтөсүзбү?",
  confirmAllAnswered: "Бардык суроолорго жооп берилди.",
  unanswered: { other: "{count} суроого жооп берилген жок:" },
  confirmFinal: "Жөнөтүлгөндөн кийин жоопторду өзгөртүүгө болбойт.",
  pageNumber: "{n}-бет",
  submitNow: "Жөнөтүү",
  submitAnyway: "Баары бир жөнөтүү",
  keepAnswering: "Анкетага кайтуу",
};

const catalog: Record<string, Messages> = { en, ru, ky };

export const languageNames: Record<string, string> = { en: "English", ru: "Русский", ky: "Кыргызча" };

export function messagesFor(locale: string): Messages {
  return catalog[locale] ?? en;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}

/** The form of `forms` for `count` in `locale`, with `{count}` filled in. */
export function plural(forms: Plural, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale === "ky" ? "ky-KG" : locale).select(count);
  return fill(forms[category] ?? forms.other, { count: String(count) });
}
