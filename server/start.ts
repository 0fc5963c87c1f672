import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./config.ts";
import { runMain } from "./main.ts";

// `npm start` on a fresh clone: build the client when it is missing or older than its sources, then serve.

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtIndex = path.join(projectRoot, "dist", "client", "index.html");
const sources = [
  path.join(projectRoot, "client"),
  path.join(projectRoot, "server", "survey-model"),
  // The build's own plugins (precompression).
  path.join(projectRoot, "vite"),
];
const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
if (sources.some((dir) => newestMtime(dir) > builtAt)) {
  console.log("Building the client...");
  const { build } = await import("vite");
  await build({ configFile: path.join(projectRoot, "vite.config.ts"), logLevel: "warn" });
}
runMain();
