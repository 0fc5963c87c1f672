import path from "node:path";
import { defineConfig } from "vite";
import { precompress } from "./vite/precompress.ts";
import { respondentServiceWorker } from "./vite/respondent-service-worker.ts";

// The respondent's page (client/respond.html, served for /r/<token>), built after vite.config.ts into the same
// dist/client: `npm run build` runs both, and so does server/start.ts. Its React code runs on preact/compat here,
// ~50 kB less than React on a respondent's first visit (docs/benchmarks.md, "Page weight"); the evaluator workspace
// stays on React. survey-react-ui is known to run on preact/compat: SurveyJS builds its own survey-js-ui from it so.
const html = path.join(import.meta.dirname, "client", "respond.html");

export default defineConfig({
  root: "client",
  resolve: {
    alias: [
      { find: /^react$/, replacement: "preact/compat" },
      { find: /^react-dom$/, replacement: "preact/compat" },
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
      { find: /^react\/jsx-runtime$/, replacement: "preact/compat/jsx-runtime" },
      { find: /^react\/jsx-dev-runtime$/, replacement: "preact/compat/jsx-dev-runtime" },
    ],
  },
  plugins: [
    respondentServiceWorker({
      source: path.join(import.meta.dirname, "client", "src", "features", "respond", "service-worker.ts"),
      html,
    }),
    precompress(),
  ],
  build: {
    outDir: "../dist/client",
    // The workspace's build has just filled it (and emptied it first).
    emptyOutDir: false,
    // No source maps in the production build: they would publish the whole source to anyone (issue #12).
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      input: { respond: html },
      output: {
        // Next to the workspace's files in assets/ (immutable, precompressed), under names of their own.
        entryFileNames: "assets/[name]-[hash].js",
        chunkFileNames: "assets/respond-[name]-[hash].js",
        assetFileNames: "assets/respond-[name]-[hash][extname]",
        // The survey engine and Preact in a file of their own, which a new release of the page's code leaves cached.
        codeSplitting: { groups: [{ name: "engine", test: /node_modules/ }] },
      },
    },
  },
});
