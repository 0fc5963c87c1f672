import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";

// Two separately loaded parts: respondents never download the evaluator workspace, and evaluators get
// survey-core only on the pages that render a questionnaire.
const RespondentPage = lazy(() => import("../features/respond/respondent-page.tsx"));
const Workspace = lazy(() => import("./workspace.tsx"));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="boot">Loading…</p>}>
        <Routes>
          <Route path="/r/:token" element={<RespondentPage />} />
          <Route path="/*" element={<Workspace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
