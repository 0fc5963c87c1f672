import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import type { UiLanguage } from "../../../server/i18n/languages.ts";
import { bootText } from "../lib/boot-language.ts";

// The workspace, loaded on its own after the router; evaluators get survey-core only on the pages that render a
// questionnaire. A respondent's link is not a route here: it is a page of its own (client/respond.html), and the
// workspace only ever links to it with a plain <a href> or shows it to be copied, a full page load either way.
const Workspace = lazy(() => import("./workspace.tsx"));

/** `lang`: the language of the first paint (main.tsx), in which the wait for the workspace is said. */
export function AppRouter({ lang }: { lang: UiLanguage }) {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="boot">{bootText(lang).loading}</p>}>
        <Routes>
          <Route path="/*" element={<Workspace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
