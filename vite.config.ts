import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    // The survey engine is one large chunk, loaded only on respondent pages; its weight is tracked in docs/benchmarks.md.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { "/api": "http://localhost:3000" },
    fs: { allow: [".."] },
  },
});
