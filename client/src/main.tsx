import { createRoot } from "react-dom/client";
import { AppRouter } from "./app/router.tsx";
import "./styles.css";

// The evaluator workspace. A respondent's link /r/<token> never comes here: the server sends it respond.html, a build
// of its own (respond.tsx, vite.respond.config.ts).

// No <StrictMode>: survey-react-ui 3.0 attaches its dropdown popups once per mount, and StrictMode's
// double mount leaves them detached (the region dropdown would not open).
createRoot(document.getElementById("root")!).render(<AppRouter />);
