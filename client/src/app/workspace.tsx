import { lazy, Suspense, useEffect } from "react";
import { Navigate, NavLink, Route, Routes } from "react-router";
import "./workspace.css";
import { LoginPage } from "../features/auth/login-page.tsx";
import { AccountMenu } from "../features/auth/account-menu.tsx";
import { EvaluationPage } from "../features/evaluations/evaluation-page.tsx";
import { EvaluationsPage } from "../features/evaluations/evaluations-page.tsx";
import { NewEvaluationPage } from "../features/evaluations/new-evaluation-page.tsx";
import { FieldWorkProvider, SyncBadge } from "../features/interviews/field-work.tsx";
import { InterviewsPage } from "../features/interviews/interviews-page.tsx";
import { NewInterviewPage } from "../features/interviews/new-interview-page.tsx";
import { QuestionnairesPage } from "../features/questionnaires/questionnaires-page.tsx";
import { OrganizationsPage } from "../features/organizations/organizations-page.tsx";
import { ResponsesPage } from "../features/review/responses-page.tsx";
import { ScoresPage } from "../features/scores/scores-page.tsx";
import { UsersPage } from "../features/users/users-page.tsx";
import { TokensPage } from "../features/tokens/tokens-page.tsx";
import { AuditPage } from "../features/audit/audit-page.tsx";
import { applyUiLanguage, usePageTitle, useTranslation } from "../lib/i18n.ts";
import { SessionProvider, useSession } from "../lib/session.tsx";
import { LanguageSwitch } from "../features/auth/language-switch.tsx";

// The pages that render a questionnaire, or read its choice labels (answer-labels.ts), load survey-core (most of
// the weight) only when opened.
const InterviewPage = lazy(() => import("../features/interviews/interview-page.tsx"));
const ConflictPage = lazy(() =>
  import("../features/interviews/conflict-page.tsx").then((m) => ({ default: m.ConflictPage })),
);
const OrganizationProfilePage = lazy(() =>
  import("../features/scores/organization-profile-page.tsx").then((m) => ({ default: m.OrganizationProfilePage })),
);
const SummaryPage = lazy(() => import("../features/scores/summary-page.tsx").then((m) => ({ default: m.SummaryPage })));
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
  const { t } = useTranslation();
  const chosen = session?.user.uiLanguage;
  // Until the server has answered, the language of the first paint stays (the remembered choice, boot-language.ts).
  useEffect(() => {
    if (!loading) applyUiLanguage(chosen);
  }, [chosen, loading]);
  if (loading) return <p className="boot">{t("boot:loading")}</p>;
  if (!session) return <LoginPage />;
  return (
    <FieldWorkProvider>
      <div className="workspace">
        <header className="topbar">
          <NavLink to="/evaluations" className="brand">
            Sapat
          </NavLink>
          <nav aria-label={t("nav.label")}>
            <NavLink to="/evaluations">{t("nav.evaluations")}</NavLink>
            <NavLink to="/organizations">{t("nav.organisations")}</NavLink>
            <NavLink to="/interviews">{t("nav.interviews")}</NavLink>
            <NavLink to="/responses">{t("nav.responses")}</NavLink>
            <NavLink to="/questionnaires">{t("nav.questionnaires")}</NavLink>
            {session.user.role === "admin" && <NavLink to="/users">{t("nav.users")}</NavLink>}
            {session.user.role === "admin" && <NavLink to="/audit">{t("audit.nav")}</NavLink>}
            <NavLink to="/tokens">{t("tokens.nav")}</NavLink>
          </nav>
          {session.offline && (
            <span className="offline-flag" title={t("nav.offlineHint")}>
              {t("nav.offline")}
            </span>
          )}
          <SyncBadge />
          <LanguageSwitch />
          <AccountMenu />
        </header>
        <main className="content">
          <Suspense fallback={<p className="muted">{t("boot:loading")}</p>}>
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
              <Route path="/tokens" element={<TokensPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
      </div>
    </FieldWorkProvider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t("nav.notFound"));
  return <p>{t("nav.notFound")}</p>;
}
