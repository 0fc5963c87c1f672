// The survey worker thread's entry. Workers do not inherit the TypeScript loader of the thread that starts them
// under Vitest, so each registers tsx itself (harmless under `node --import tsx`, which registers it too).
import { register } from "tsx/esm/api";

register();
const worker = await import("./survey-worker.ts");

export default worker.default;
