import "survey-core/survey-core.fontless.css";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { formatDate as formatDateIn } from "../../../../server/i18n/format.ts";
import { pickUiLanguage } from "../../../../server/i18n/languages.ts";
import { setupSurveyCore } from "../../../../server/survey-model/setup-survey-core.ts";
import { ApiError, NetworkError } from "../../lib/http.ts";
import { watchPageLeave } from "../../lib/watch-page-leave.ts";
import { fetchQuestionnaire, postOpened, postSubmission, putDraft, type RespondentView } from "./api.ts";
import { CompleteDialog, type CompleteChoice } from "./complete-dialog.tsx";
import { DraftSync } from "./draft-sync.ts";
import { fill, languageNames, messagesFor } from "./messages.ts";
import { listUnansweredQuestions, type UnansweredQuestion } from "./unanswered-questions.ts";

setupSurveyCore();

type Phase =
  | { kind: "loading" }
  | { kind: "failed"; status: number; message: string }
  | { kind: "ready"; view: LoadedView }
  | { kind: "submitted"; at: string; locale: string };

const viewCacheKey = (token: string) => `sapat:view:${token}`;

/** A view whose questionnaire JSON is there (the server leaves it out when the page said it holds it). */
type LoadedView = RespondentView & { questionnaire: { json: Record<string, unknown> } };

function cachedView(token: string): LoadedView | null {
  try {
    const raw = localStorage.getItem(viewCacheKey(token));
    const view = raw ? (JSON.parse(raw) as RespondentView) : null;
    return view?.questionnaire.json ? (view as LoadedView) : null;
  } catch {
    return null;
  }
}

/**
 * The last questionnaire seen, so that a respondent who loses the connection can reload and go on; and so that a
 * respondent who comes back does not download the questionnaire again (`have`: versions never change).
 */
async function loadView(token: string): Promise<LoadedView> {
  const cached = cachedView(token);
  try {
    const have = cached ? `${cached.questionnaire.id}@${cached.questionnaire.version}` : undefined;
    let fresh = await fetchQuestionnaire(token, have);
    if (fresh.questionnaire.json === null && !cached) fresh = await fetchQuestionnaire(token);
    const json = fresh.questionnaire.json ?? cached!.questionnaire.json;
    const view: LoadedView = { ...fresh, questionnaire: { ...fresh.questionnaire, json } };
    // Only the evaluator's "opened" column depends on it: a failure is not the respondent's concern.
    postOpened(token).catch(() => undefined);
    try {
      localStorage.setItem(viewCacheKey(token), JSON.stringify(view));
    } catch {
      // No room for the cache: the page still works online.
    }
    return view;
  } catch (error) {
    if (error instanceof NetworkError && cached) return cached;
    throw error;
  }
}

/** Before the questionnaire says its language (and when the link fails): the browser's, among Sapat's. */
const browserLanguage = pickUiLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);

/** <html lang> names the language the page speaks, so that a screen reader reads it with the right voice. */
function useDocumentLanguage(lang: string | null): void {
  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);
}

// A closing date is stored as the end of the UTC day the evaluator typed, so it reads in UTC (as in the emails).
function formatDate(iso: string, locale: string, timeZone?: string): string {
  return formatDateIn(iso, locale, { style: "long", timeZone });
}

/** The page of a respondent's link `/r/<token>`; main.tsx renders it without the router. */
export default function RespondentPage({ token }: { token: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });

  useEffect(() => {
    let live = true;
    loadView(token).then(
      (view) => {
        if (!live) return;
        if (view.response?.status === "submitted") {
          localStorage.removeItem(`sapat:draft:${token}`);
          setPhase({
            kind: "submitted",
            at: view.response.submittedAt ?? view.response.updatedAt,
            locale: view.locale,
          });
        } else setPhase({ kind: "ready", view });
      },
      (error: unknown) => {
        if (!live) return;
        const status = error instanceof ApiError ? error.status : 0;
        setPhase({ kind: "failed", status, message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  // The questionnaire names its own language once shown (Questionnaire).
  useDocumentLanguage(phase.kind === "ready" ? null : phase.kind === "submitted" ? phase.locale : browserLanguage);

  if (phase.kind === "loading") return <p className="boot">{messagesFor(browserLanguage).loading}</p>;
  if (phase.kind === "failed") return <LinkProblem status={phase.status} message={phase.message} />;
  if (phase.kind === "submitted") return <ThankYou token={token} at={phase.at} locale={phase.locale} />;
  return (
    <Questionnaire
      token={token}
      view={phase.view}
      onSubmitted={(at, locale) => setPhase({ kind: "submitted", at, locale })}
    />
  );
}

function Questionnaire(props: { token: string; view: LoadedView; onSubmitted: (at: string, locale: string) => void }) {
  const { token, view, onSubmitted } = props;
  const [locale, setLocale] = useState(view.locale);
  useDocumentLanguage(locale || "en");
  const t = messagesFor(locale);
  const [confirming, setConfirming] = useState<{
    unanswered: UnansweredQuestion[];
    choose: (choice: CompleteChoice) => void;
  } | null>(null);

  const { model, sync, resumed } = useMemo(() => {
    const model = new Model(view.questionnaire.json);
    // Every keystroke is a change: survey-core's default takes text only when the field loses the focus, and a
    // respondent who closes the page from inside a field would lose what they typed there.
    model.textUpdateMode = "onTyping";
    const sync = new DraftSync({ token, send: (draft, options) => putDraft(token, draft, options) });
    const unsent = sync.unsent();
    const saved = view.response;
    model.locale = unsent?.locale ?? view.locale;
    model.data = unsent?.data ?? saved?.data ?? {};
    const page = unsent?.currentPage ?? saved?.currentPage ?? 0;
    if (page > 0 && page < model.visiblePages.length) model.currentPageNo = page;
    // Progress is the header's "Page 3 of 10" (PageProgress): survey-core's own bar is step buttons without words,
    // a row of dots on a phone.
    model.showProgressBar = false;
    // The answers of earlier sittings that never reached the server go out now.
    if (unsent) sync.flush();
    return { model, sync, resumed: Boolean(unsent || saved) };
  }, [token, view]);

  useEffect(() => {
    const draft = () => ({ data: model.data, currentPage: model.currentPageNo, locale: model.locale || "en" });
    model.onValueChanged.add(() => sync.change(draft()));
    model.onCurrentPageChanged.add(() => sync.change(draft(), true));
    const askToComplete = (unanswered: UnansweredQuestion[]) =>
      new Promise<CompleteChoice>((resolve) =>
        setConfirming({
          unanswered,
          choose: (choice) => {
            setConfirming(null);
            resolve(choice);
          },
        }),
      );
    model.onCompleting.add(async (_, options) => {
      // Required answers anywhere block, shown on their questions (survey-core checked only the last page).
      if (!model.validate(true, true)) {
        options.allow = false;
        options.message = messagesFor(model.locale).fixErrors;
        return;
      }
      const choice = await askToComplete(listUnansweredQuestions(model));
      if (choice.kind !== "submit") {
        options.allow = false;
        // After the handler: survey-core keeps the page still while completing is undecided.
        if (choice.kind === "goTo") setTimeout(() => model.focusQuestion(choice.name));
        return;
      }
      // No draft may reach the server after the submission (it would be refused) or race it.
      await sync.pause();
      try {
        const result = await postSubmission(token, model.data, model.locale || "en");
        sync.clear();
        sync.stop();
        onSubmitted(result.submittedAt, model.locale || "en");
      } catch (error) {
        sync.resume();
        options.allow = false;
        if (error instanceof ApiError && error.status === 422) {
          options.message = messagesFor(model.locale).fixErrors;
          const details = error.body.details ?? [];
          for (const detail of details) {
            const name = detail.question?.split(/[.[]/)[0];
            if (name) model.getQuestionByName(name)?.addError(detail.message);
          }
          const first = details[0]?.question?.split(/[.[]/)[0];
          if (first) model.focusQuestion(first);
        } else if (error instanceof ApiError) {
          options.message = error.body.message;
        } else {
          options.message = messagesFor(model.locale).submitFailed;
        }
      }
    });
    const stopWatching = watchPageLeave(() => sync.flushBeforeLeaving());
    const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
      if (!sync.hasUnsent()) return;
      // On its way already, in case the respondent leaves anyway.
      sync.flushBeforeLeaving();
      event.preventDefault();
      // Chromium before 119 shows the warning only with a returnValue.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warnBeforeLeaving);
    return () => {
      stopWatching();
      window.removeEventListener("beforeunload", warnBeforeLeaving);
      sync.stop();
    };
  }, [model, sync, token, onSubmitted]);

  const locales = model.getUsedLocales().filter((l) => l in languageNames);
  const changeLocale = (next: string) => {
    switchLanguage(model, sync, next);
    setLocale(next);
  };

  return (
    <div className="respondent">
      <header className="respondent-bar">
        <div className="respondent-who">
          {/* Titles: a phone shows each fact on one line, cut (styles.css). */}
          <strong title={view.evaluation.name}>{view.evaluation.name}</strong>
          <span title={fill(t.forOrganization, { org: view.organization.name })}>
            {fill(t.forOrganization, { org: view.organization.name })}
          </span>
          {view.evaluation.closesAt && (
            <span>{fill(t.closesOn, { date: formatDate(view.evaluation.closesAt, locale, "UTC") })}</span>
          )}
        </div>
        <div className="respondent-tools">
          {locales.length > 1 && (
            <label>
              <span className="visually-hidden">{t.language}</span>
              <select value={locale} onChange={(e) => changeLocale(e.target.value)} aria-label={t.language}>
                {locales.map((l) => (
                  <option key={l} value={l}>
                    {languageNames[l]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <SaveIndicator sync={sync} locale={locale} />
        </div>
        <PageProgress model={model} locale={locale} />
      </header>
      {resumed && <p className="resumed">{t.resumed}</p>}
      <Survey model={model} />
      {confirming && <CompleteDialog locale={locale} unanswered={confirming.unanswered} onChoice={confirming.choose} />}
    </div>
  );
}

/** The survey model is survey-core's own mutable store; the choice is saved with the draft. */
function switchLanguage(model: Model, sync: DraftSync, locale: string): void {
  model.locale = locale;
  sync.change({ data: model.data, currentPage: model.currentPageNo, locale });
}

/** "Page 3 of 10" and a thin bar along the header's lower edge; pages shown or hidden by answers are counted as shown. */
function PageProgress({ model, locale }: { model: Model; locale: string }) {
  const subscribe = useMemo(
    () => (changed: () => void) => {
      model.onCurrentPageChanged.add(changed);
      model.onPageVisibleChanged.add(changed);
      return () => {
        model.onCurrentPageChanged.remove(changed);
        model.onPageVisibleChanged.remove(changed);
      };
    },
    [model],
  );
  const position = useSyncExternalStore(subscribe, () => `${model.currentPageNo + 1}/${model.visiblePageCount}`);
  const [n, total] = position.split("/").map(Number) as [number, number];
  if (total < 2) return null;
  const text = fill(messagesFor(locale).progress, { n: String(n), total: String(total) });
  return (
    <div
      className="page-progress"
      role="progressbar"
      aria-valuemin={1}
      aria-valuemax={total}
      aria-valuenow={n}
      aria-valuetext={text}
      aria-label={text}
    >
      <span className="page-progress-text">{text}</span>
      <span className="page-progress-bar" style={{ width: `${(100 * n) / total}%` }} />
    </div>
  );
}

function SaveIndicator({ sync, locale }: { sync: DraftSync; locale: string }) {
  const state = useSyncExternalStore(sync.subscribe, sync.getState);
  const t = messagesFor(locale);
  return (
    <span className={`save-state save-${state}`} role="status" aria-live="polite" data-state={state} title={t[state]}>
      {t[`${state}Short`]}
    </span>
  );
}

function ThankYou({ token, at, locale }: { token: string; at: string; locale: string }) {
  const t = messagesFor(locale);
  return (
    <main className="page narrow thanks">
      <h1>{t.thanksTitle}</h1>
      <p>{fill(t.thanksBody, { date: formatDate(at, locale) })}</p>
      <p>
        <a href={`/api/respond/${encodeURIComponent(token)}/copy.pdf`}>{t.downloadCopy}</a>
      </p>
    </main>
  );
}

function LinkProblem({ status, message }: { status: number; message: string }) {
  const t = messagesFor(browserLanguage);
  const title = status === 410 ? t.goneTitle : status === 404 ? t.notFoundTitle : t.submitFailed;
  return (
    <main className="page narrow problem">
      <h1>{title}</h1>
      <p>{status === 404 ? t.notFoundBody : message}</p>
    </main>
  );
}
