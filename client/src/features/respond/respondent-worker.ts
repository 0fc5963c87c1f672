// The respondent's service worker (service-worker.ts, built as /r/sw.js with scope /r/): registered once the page has
// loaded, so that it neither delays the questionnaire nor downloads anything but its own small script.

export function registerRespondentWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () => {
    // Without the worker the page works as before, online; a browser that refuses it (private mode, storage
    // policy) is no error for the respondent.
    navigator.serviceWorker.register("/r/sw.js", { scope: "/r/" }).catch(() => undefined);
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
