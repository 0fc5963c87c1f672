import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default, one worker less than the cores, is one worker on a 2-core machine; but a test file spends
    // much of its time waiting for a disk, PostgreSQL, an SMTP server or a child process, and two workers there ran
    // the server suite in 492 s instead of 704 s.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "server",
          include: ["test/server/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          // Client code that runs without a browser (the interview sync queue); no DOM, no IndexedDB.
          name: "client",
          include: ["test/client/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
