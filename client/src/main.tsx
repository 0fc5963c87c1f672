import { createRoot } from "react-dom/client";
import { AppRouter } from "./app/router.tsx";
import "./styles.css";

// No <StrictMode>: survey-react-ui 3.0 attaches its dropdown popups once per mount, and StrictMode's
// double mount leaves them detached (the region dropdown would not open).
createRoot(document.getElementById("root")!).render(<AppRouter />);
