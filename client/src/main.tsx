import { createRoot } from "react-dom/client";
import "./styles.css";

// No <StrictMode>: survey-react-ui 3.0 attaches its dropdown popups once per mount, and StrictMode's
// double mount leaves them detached (the region dropdown would not open).
const root = createRoot(document.getElementById("root")!);

// A respondent's link opens the respondent page alone: no router and no workspace code to download on what is
// often a slow connection. Everything else goes through the router (which also knows /r/:token, for links
// followed inside the app).
const respondentToken = /^\/r\/([^/]+)\/?$/.exec(window.location.pathname)?.[1];
const page =
  respondentToken !== undefined
    ? import("./features/respond/respondent-page.tsx").then(({ default: RespondentPage }) => (
        <RespondentPage token={decodeURIComponent(respondentToken)} />
      ))
    : import("./app/router.tsx").then(({ AppRouter }) => <AppRouter />);
void page.then((element) => root.render(element));
