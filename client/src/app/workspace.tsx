import { Navigate, NavLink, Route, Routes } from "react-router";
import "./workspace.css";
import { LoginPage } from "../features/auth/login-page.tsx";
import { AccountMenu } from "../features/auth/account-menu.tsx";
import { EvaluationPage } from "../features/evaluations/evaluation-page.tsx";
import { EvaluationsPage } from "../features/evaluations/evaluations-page.tsx";
import { NewEvaluationPage } from "../features/evaluations/new-evaluation-page.tsx";
import { OrganizationsPage } from "../features/organizations/organizations-page.tsx";
import { OrganizationProfilePage } from "../features/scores/organization-profile-page.tsx";
import { ScoresPage } from "../features/scores/scores-page.tsx";
import { SummaryPage } from "../features/scores/summary-page.tsx";
import { UsersPage } from "../features/users/users-page.tsx";
import { SessionProvider, useSession } from "../lib/session.tsx";

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
    <div className="workspace">
      <header className="topbar">
        <NavLink to="/evaluations" className="brand">
          Sapat
        </NavLink>
        <nav>
          <NavLink to="/evaluations">Evaluations</NavLink>
          <NavLink to="/organizations">Organisations</NavLink>
          {session.user.role === "admin" && <NavLink to="/users">Users</NavLink>}
        </nav>
        <AccountMenu />
      </header>
      <main className="content">
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
          <Route path="/users" element={<UsersPage />} />
          <Route path="*" element={<p>This page does not exist.</p>} />
        </Routes>
      </main>
    </div>
  );
}
