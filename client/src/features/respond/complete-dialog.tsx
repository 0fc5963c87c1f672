import { useEffect, useRef } from "react";
import { fill, messagesFor, plural } from "./messages.ts";
import type { UnansweredQuestion } from "./unanswered-questions.ts";

/** What the respondent chose: submit now, go and answer a question, or go back to the questionnaire. */
export type CompleteChoice = { kind: "submit" } | { kind: "goTo"; name: string } | { kind: "stay" };

/**
 * Asks before submitting, which cannot be undone: how many questions are still unanswered, each a link to the
 * question. A modal <dialog>: the browser keeps the focus inside and Escape means "back to the questionnaire".
 */
export function CompleteDialog(props: {
  locale: string;
  unanswered: UnansweredQuestion[];
  onChoice: (choice: CompleteChoice) => void;
}) {
  const { locale, unanswered, onChoice } = props;
  const t = messagesFor(locale);
  const dialog = useRef<HTMLDialogElement>(null);
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    firstButton.current?.focus();
    return () => element.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="complete-dialog"
      aria-labelledby="complete-dialog-title"
      aria-describedby="complete-dialog-summary"
      onCancel={(event) => {
        event.preventDefault();
        onChoice({ kind: "stay" });
      }}
    >
      <h2 id="complete-dialog-title">{t.confirmTitle}</h2>
      <p id="complete-dialog-summary">
        {unanswered.length === 0 ? t.confirmAllAnswered : plural(t.unanswered, unanswered.length, locale)}
      </p>
      {unanswered.length > 0 && (
        <ul className="unanswered">
          {unanswered.map((question) => (
            <li key={question.name}>
              <a
                href={`#${question.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  onChoice({ kind: "goTo", name: question.name });
                }}
              >
                {question.title}
              </a>{" "}
              <span className="muted">({fill(t.pageNumber, { n: String(question.pageNumber) })})</span>
            </li>
          ))}
        </ul>
      )}
      <p>{t.confirmFinal}</p>
      <div className="dialog-actions">
        {/* The safe choice first and focused: Enter on an unread dialog must not submit. */}
        <button ref={firstButton} type="button" onClick={() => onChoice({ kind: "stay" })}>
          {t.keepAnswering}
        </button>
        <button type="button" className="primary" onClick={() => onChoice({ kind: "submit" })}>
          {unanswered.length === 0 ? t.submitNow : t.submitAnyway}
        </button>
      </div>
    </dialog>
  );
}
