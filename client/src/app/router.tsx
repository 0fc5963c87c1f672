import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { HomePage } from "../features/home/home-page.tsx";

// The respondent page pulls in survey-core and its styles: loaded on demand so the first paint does not wait.
const RespondentPage = lazy(() => import("../features/respond/respondent-page.tsx"));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="boot">Loading…</p>}>
        <Routes>
          <Route path="/r/:token" element={<RespondentPage />} />
          <Route path="*" element={<HomePage />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
