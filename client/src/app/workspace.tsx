import { lazy, Suspense } from "react";
import { Navigate, NavLink, Route, Routes } from "react-router";
import "./workspace.css";
import { LoginPage } from "../features/auth/login-page.tsx";
import { AccountMenu } from "../features/auth/account-menu.tsx";
import { EvaluationPage } from "../features/evaluations/evaluation-page.tsx";
import { EvaluationsPage } from "../features/evaluations/evaluations-page.tsx";
import { NewEvaluationPage } from "../features/evaluations/new-evaluation-page.tsx";
import { ConflictPage } from "../features/interviews/conflict-page.tsx";
import { FieldWorkProvider, SyncBadge } from "../features/interviews/field-work.tsx";
import { InterviewsPage } from "../features/interviews/interviews-page.tsx";
import { NewInterviewPage } from "../features/interviews/new-interview-page.tsx";
import { QuestionnairesPage } from "../features/questionnaires/questionnaires-page.tsx";
import { OrganizationsPage } from "../features/organizations/organizations-page.tsx";
import { ResponsesPage } from "../features/review/responses-page.tsx";
import { OrganizationProfilePage } from "../features/scores/organization-profile-page.tsx";
import { ScoresPage } from "../features/scores/scores-page.tsx";
import { SummaryPage } from "../features/scores/summary-page.tsx";
import { UsersPage } from "../features/users/users-page.tsx";
import { SessionProvider, useSession } from "../lib/session.tsx";

// The pages that render a questionnaire load survey-core (most of the weight) only when opened.
const InterviewPage = lazy(() => import("../features/interviews/interview-page.tsx"));
const ResponsePage = lazy(() => import("../features/review/response-page.tsx"));
const QuestionnairePage = lazy(() => import("../features/questionnaires/questionnaire-page.tsx"));

export default function Workspace() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

function Gate() {
  const { session, loading } = useSession();
  if (loading) return <p className="boot">Loading…</p>;
  if (!session) return <LoginPage />;
  return (
    <FieldWorkProvider>
      <div className="workspace">
        <header className="topbar">
          <NavLink to="/evaluations" className="brand">
            Sapat
          </NavLink>
          <nav>
            <NavLink to="/evaluations">Evaluations</NavLink>
            <NavLink to="/organizations">Organisations</NavLink>
            <NavLink to="/interviews">Interviews</NavLink>
            <NavLink to="/responses">Responses</NavLink>
            <NavLink to="/questionnaires">Questionnaires</NavLink>
            {session.user.role === "admin" && <NavLink to="/users">Users</NavLink>}
          </nav>
          {session.offline && (
            <span className="offline-flag" title="The server cannot be reached; work is kept on this device">
              offline
            </span>
          )}
          <SyncBadge />
          <AccountMenu />
        </header>
        <main className="content">
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Routes>
              <Route path="/" element={<Navigate to="/evaluations" replace />} />
              <Route path="/login" element={<Navigate to="/evaluations" replace />} />
              <Route path="/evaluations" element={<EvaluationsPage />} />
              <Route path="/evaluations/new" element={<NewEvaluationPage />} />
              <Route path="/evaluations/:id" element={<EvaluationPage />} />
              <Route path="/evaluations/:id/scores" element={<ScoresPage />} />
              <Route path="/evaluations/:id/summary" element={<SummaryPage />} />
              <Route path="/evaluations/:id/responses/:responseId/profile" element={<OrganizationProfilePage />} />
              <Route path="/organizations" element={<OrganizationsPage />} />
              <Route path="/interviews" element={<InterviewsPage />} />
              <Route path="/interviews/new" element={<NewInterviewPage />} />
              <Route path="/interviews/:clientId" element={<InterviewPage />} />
              <Route path="/interviews/:clientId/conflict" element={<ConflictPage />} />
              <Route path="/responses" element={<ResponsesPage />} />
              <Route path="/responses/:id" element={<ResponsePage />} />
              <Route path="/questionnaires" element={<QuestionnairesPage />} />
              <Route path="/questionnaires/:id" element={<QuestionnairePage />} />
              <Route path="/users" element={<UsersPage />} />
              <Route path="*" element={<p>This page does not exist.</p>} />
            </Routes>
          </Suspense>
        </main>
      </div>
    </FieldWorkProvider>
  );
}
