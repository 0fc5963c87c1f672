import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes, useParams } from "react-router";

// Two separately loaded parts: respondents never download the evaluator workspace, and evaluators get
// survey-core only on the pages that render a questionnaire.
const RespondentPage = lazy(() => import("../features/respond/respondent-page.tsx"));
const Workspace = lazy(() => import("./workspace.tsx"));

function RespondentRoute() {
  const { token = "" } = useParams();
  return <RespondentPage token={token} />;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="boot">Loading…</p>}>
        <Routes>
          <Route path="/r/:token" element={<RespondentRoute />} />
          <Route path="/*" element={<Workspace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
