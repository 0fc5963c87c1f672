import { createRoot } from "react-dom/client";
import { AppRouter } from "./app/router.tsx";
import { bootLanguage } from "./lib/boot-language.ts";
import "./styles.css";

// The evaluator workspace. A respondent's link /r/<token> never comes here: the server sends it respond.html, a build
// of its own (respond.tsx, vite.respond.config.ts).

// index.html has no words (it cannot know the reader's language): from here on the page speaks it, and says so.
const lang = bootLanguage();
document.documentElement.lang = lang;

// No <StrictMode>: survey-react-ui 3.0 attaches its dropdown popups once per mount, and StrictMode's
// double mount leaves them detached (the region dropdown would not open).
createRoot(document.getElementById("root")!).render(<AppRouter lang={lang} />);
