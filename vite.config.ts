import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { precompress } from "./vite/precompress.ts";

export default defineConfig({
  root: "client",
  plugins: [
    react(),
    // The evaluator's offline app: a Workbox service worker that precaches the app shell. The workspace registers it
    // (features/interviews/offline-app.ts), never the respondent pages; no manifest, no automatic registration.
    VitePWA({
      strategies: "generateSW",
      injectRegister: false,
      manifest: false,
      // vitest runs with NODE_ENV=test, which would otherwise give the e2e server Workbox's development build.
      mode: "production",
      workbox: {
        // index.html and the hashed JS/CSS: the app shell, the workspace and the survey engine. Not the respondent's
        // page (vite.respond.config.ts, built after this one into the same directory): it has its own worker.
        globPatterns: ["index.html", "assets/**/*.{js,css}"],
        globIgnores: ["assets/respond-*"],
        // survey-core's chunk is larger than Workbox's default 2 MiB limit allows for comfort.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: "index.html",
        // API answers never come from the service worker: offline data lives in IndexedDB, which the app controls.
        // Respondent pages are left to the network here: their own worker (/r/sw.js, scope /r/) takes them.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/r\//, /^\/healthz$/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        // Take the open page at once, so that the chunks it loads later (the survey engine) come from the cache.
        clientsClaim: true,
        // A new release waits until the evaluator reloads (the page offers it): swapping caches under an open
        // interview would break its lazily loaded chunks.
        skipWaiting: false,
      },
    }),
    // .br and .gz next to every built file, served as they are (server/plugins/client.ts).
    precompress(),
    // `npx vite`: a respondent's link opens respond.html, as the server does (on React here, not preact/compat).
    {
      name: "sapat:respondent-page-in-development",
      apply: "serve",
      configureServer(server) {
        server.middlewares.use((request, _response, next) => {
          if (/^\/r\/[^/]+\/?(?:\?|$)/.test(request.url ?? "")) request.url = "/respond.html";
          next();
        });
      },
    },
  ],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // No source maps in the production build: they would publish the whole source to anyone (issue #12).
    sourcemap: false,
    // The survey engine is one large chunk, loaded only on the pages that render a questionnaire; its weight is
    // tracked in docs/benchmarks.md.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { "/api": "http://localhost:3000" },
    fs: { allow: [".."] },
  },
});
