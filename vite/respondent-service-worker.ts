import { createHash } from "node:crypto";
import type { Plugin } from "vite";

/**
 * Builds client/src/features/respond/service-worker.ts as `r/sw.js` (under /r/, so its scope is the respondent's pages
 * and nothing else, without a Service-Worker-Allowed header) and writes into it the names of the files this build
 * produced for the page: the worker keeps those and no others, and a new release is a new worker script, which the
 * browser installs on the next visit. `source` (the worker) and `html` (the page's entry): absolute paths.
 */
export function respondentServiceWorker(options: { source: string; html: string }): Plugin {
  const fileName = "r/sw.js";
  return {
    name: "sapat:respondent-service-worker",
    apply: "build",
    buildStart() {
      this.emitFile({ type: "chunk", id: options.source, fileName });
    },
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const worker = bundle[fileName];
        if (worker?.type !== "chunk") throw new Error(`${fileName} is missing from the bundle`);
        const files = Object.keys(bundle)
          .filter((name) => name.startsWith("assets/") && !name.endsWith(".map"))
          .sort()
          .map((name) => `/${name}`);
        const entry = Object.values(bundle).find(
          (output) => output.type === "chunk" && output.isEntry && output.facadeModuleId === options.html,
        );
        if (!entry) throw new Error(`the entry of ${options.html} is missing from the bundle`);
        const version = createHash("sha256").update(files.join("\n")).digest("base64url").slice(0, 12);
        const release = JSON.stringify({ version, entry: `/${entry.fileName}`, files });
        // The minifier may have changed the quotes around the placeholder, never its text.
        const placeholder = /(["'`])__SAPAT_RESPONDENT_RELEASE__\1/g;
        const code = worker.code.replace(placeholder, () => release);
        if (code === worker.code) throw new Error(`${fileName} has no release placeholder`);
        worker.code = code;
      },
    },
  };
}
