/**
 * Calls `save` (if given) whenever the page may be going away: hidden (another tab or app; a phone may then end it without
 * any further event) or closed (`pagehide`, the last event a closing page gets). `save` must do its work
 * synchronously, or issue a request that outlives the page (fetch keepalive).
 *
 * First the field being typed in is committed by taking the focus from it: survey-core takes some text only on
 * blur even in its "onTyping" mode (the comment area of a rating, boolean or matrix question; masked and date
 * inputs). When the page is shown again, the focus goes back to that field.
 *
 * Returns the function that stops watching.
 */
export function watchPageLeave(save: () => void = () => {}): () => void {
  let blurred: HTMLElement | null = null;

  const commitFocusedField = () => {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
      blurred = active;
      active.blur();
    }
  };
  const leave = () => {
    commitFocusedField();
    save();
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === "hidden") return leave();
    const field = blurred;
    blurred = null;
    if (field?.isConnected && (document.activeElement === null || document.activeElement === document.body)) {
      field.focus({ preventScroll: true });
    }
  };

  document.addEventListener("visibilitychange", onVisibilityChange);
  window.addEventListener("pagehide", leave);
  return () => {
    document.removeEventListener("visibilitychange", onVisibilityChange);
    window.removeEventListener("pagehide", leave);
  };
}
