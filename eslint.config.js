import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** `no-restricted-imports` patterns that name what a folder must not import, with the reason. */
const forbid = (regex, message) => ({ regex, message });

const pureCore = [
  forbid("^(fastify|fastify-plugin|@fastify/.*)$", "Pure code takes values and returns values: no HTTP."),
  forbid("^(kysely|better-sqlite3)$", "Pure code does no I/O: the caller reads the database."),
  forbid("^\\.\\.?/(\\.\\./)*(db|modules|plugins)/", "Pure code imports no database or module code."),
];

/**
 * The module folders from the bottom up: a module imports only those before it, so no two modules can import
 * each other, even through a third (import-x/no-cycle sees cycles of files; this one sees cycles of folders).
 * A new folder takes its place here.
 */
const moduleLayers = [
  "audit",
  "auth",
  "tokens",
  "users",
  "members",
  "organizations",
  "questionnaires",
  "evaluations",
  "invitations",
  "scores",
  "responses",
  "respond",
  "interviews",
  "mail",
  "reports",
  "audit-log",
  "health",
];

const moduleDirections = moduleLayers.map((area, layer) => ({
  files: [`server/modules/${area}/**/*.ts`],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: moduleLayers.slice(layer + 1).map((above) =>
          forbid(
            // Module folders are flat: a sibling is ../<area>/ (server/reports/ is another folder, ../../reports/).
            `^(\\.\\./${above}/|(\\.\\./)+modules/${above}/)`,
            `${area} sits below ${above} (moduleLayers in eslint.config.js): ${above} may import ${area}, not the reverse.`,
          ),
        ),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["dist/", "data/", "coverage/", ".tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Modules that import each other (even through others) cannot be understood, tested or loaded one by one.
    files: ["server/**/*.ts", "client/**/*.{ts,tsx}", "migrations/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      // The TypeScript parser reads the imported files too; the node resolver finds them (imports name the .ts file).
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // The directions of the server (docs/architecture.md): routes -> services -> repositories -> db.
  {
    files: ["server/modules/**/*.routes.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            // transaction.ts is allowed: the caller opens the transaction (inTransaction) and hands it to the services.
            forbid("(\\.repository\\.ts|/db/(?!(schema|transaction)\\.ts$).*)$", "Routes call services, not queries."),
            forbid("^kysely$", "Routes call services, not queries."),
            forbid("/plugins/", "Modules never import plugins: plugins build on modules."),
          ],
        },
      ],
    },
  },
  {
    files: ["server/modules/**/*.service.ts", "server/modules/**/*.repository.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid("(\\.routes\\.ts|^fastify|^@fastify/.*)$", "Services and queries know no HTTP."),
            forbid("/plugins/", "Modules never import plugins: plugins build on modules."),
          ],
        },
      ],
    },
  },
  {
    files: ["server/modules/**/*.repository.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid("\\.(service|routes)\\.ts$", "Queries call no use case: services call them."),
            forbid("^(fastify|@fastify/.*)$", "Services and queries know no HTTP."),
            forbid("/plugins/", "Modules never import plugins: plugins build on modules."),
          ],
        },
      ],
    },
  },
  ...moduleDirections,
  {
    files: [
      "server/scoring/**/*.ts",
      "server/reports/**/*.ts",
      "server/survey-model/**/*.ts",
      "server/i18n/**/*.ts",
      "server/value-lists.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: pureCore }] },
  },
  {
    // The client runs in the browser: from the server it takes types only (erased at build), plus the pure modules
    // both sides share: the survey-core setup (so that they read questionnaires alike) and the answers in words
    // (survey-model/answer-labels.ts), the translation catalogue
    // and formatting (server/i18n/), the bands and rules in words (server/scoring/bands.ts,
    // rule-in-words.ts) and
    // the closed value lists (server/value-lists.ts: roles, organisation kinds, statuses, rounds).
    files: ["client/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^(\\.\\./)+server/(?!survey-model/(setup-survey-core|answer-labels)\\.ts$|i18n/|scoring/(bands|rule-in-words)\\.ts$|value-lists\\.ts$)",
              allowTypeImports: true,
              message:
                "The client imports only types from the server (import type), and the shared modules: survey-core setup, answer labels, i18n, bands, rules in words, value lists.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["client/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
