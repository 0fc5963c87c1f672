import { createRoot } from "react-dom/client";
import RespondentPage from "./features/respond/respondent-page.tsx";
import { registerRespondentWorker } from "./features/respond/respondent-worker.ts";
import "./styles.css";

// The respondent's link `/r/<token>` (the server sends respond.html for it): its own build, vite.respond.config.ts,
// where React is preact/compat, so that an NGO on a slow connection downloads the page, the survey engine and little
// else. No router and no workspace code. No <StrictMode>, as in main.tsx (survey-react-ui's dropdown popups).
const token = /^\/r\/([^/]+)\/?$/.exec(window.location.pathname)?.[1] ?? "";
createRoot(document.getElementById("root")!).render(<RespondentPage token={decodeURIComponent(token)} />);
registerRespondentWorker();
