import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./config.ts";
import { runMain } from "./main.ts";

// `npm start` on a fresh clone: build the client when it is missing or older than its sources, then serve.

function newestMtime(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

const builtClient = path.join(projectRoot, "dist", "client");
// Two builds into dist/client, as `npm run build` runs them: the workspace first (it empties the directory), then the
// respondent's page (React aliased to preact/compat). The older of their two pages dates the client.
const builds = ["vite.config.ts", "vite.respond.config.ts"];
const builtPages = ["index.html", "respond.html"].map((page) => path.join(builtClient, page));
const sources = [
  path.join(projectRoot, "client"),
  path.join(projectRoot, "server", "survey-model"),
  // The translation catalogue and the date/number formats both builds import.
  path.join(projectRoot, "server", "i18n"),
  // The build's own configuration and plugins (precompression, the respondent's service worker).
  path.join(projectRoot, "vite"),
  ...builds.map((config) => path.join(projectRoot, config)),
];
const builtAt = Math.min(...builtPages.map((page) => (fs.existsSync(page) ? fs.statSync(page).mtimeMs : 0)));
if (sources.some((source) => newestMtime(source) > builtAt)) {
  console.log("Building the client...");
  const { build } = await import("vite");
  for (const config of builds) await build({ configFile: path.join(projectRoot, config), logLevel: "warn" });
}
runMain();
