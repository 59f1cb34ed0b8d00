// @ts-check
/**
 * ESLint flat config. Syntax-only (no type-aware rules) so `npm run lint` stays fast; `tsc --noEmit`
 * does the type checking and dependency-cruiser (.dependency-cruiser.cjs) checks import direction.
 *
 * House rules enforced here (docs/house-rules.md):
 * - R21: only src/env.ts (and tooling outside the app) reads process.env;
 * - R23: kebab-case file names (local rule `showreel/kebab-case-filename`);
 * - R25: consistent type imports, checked in CI.
 */
import path from "node:path";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const PROCESS_ENV_MESSAGE = "Read configuration through ~/env (src/env.ts), the only reader of process.env.";

const PROCESS_ENV_SYNTAX = {
  selector: "MemberExpression[property.name='env'][object.type='MemberExpression'][object.property.name='process']",
  message: PROCESS_ENV_MESSAGE,
};

// No `x as unknown as T` outside tests and src/server (where the process singletons live): it turns the type
// checker off for one value; type the value (a parsed schema, a typed helper, `satisfies`) instead.
const DOUBLE_CAST_SYNTAX = {
  selector: "TSAsExpression > TSAsExpression.expression > TSUnknownKeyword.typeAnnotation",
  message: "No `as unknown as` outside tests and src/server: give the value a real type instead.",
};

// `_app.ts` (tRPC root router) is the one allowed leading underscore; dots separate role suffixes
// (`.schema.ts`, `.int.test.ts`, `.d.ts`).
const KEBAB_CASE_FILENAME = /^_?[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.(ts|tsx|js|mjs|cjs)$/;

/** @type {import("eslint").ESLint.Plugin} */
const showreelPlugin = {
  meta: { name: "showreel" },
  rules: {
    "kebab-case-filename": {
      meta: {
        type: "suggestion",
        docs: { description: "File names are kebab-case (docs/house-rules.md R23)." },
        schema: [],
        messages: {
          notKebab:
            "File name '{{name}}' is not kebab-case. Rename it to lower-case words joined by '-' (role suffixes such as .schema.ts or .int.test.ts are fine).",
        },
      },
      create(context) {
        const name = path.basename(context.filename);
        return {
          Program(node) {
            if (!KEBAB_CASE_FILENAME.test(name)) {
              context.report({ node, messageId: "notKebab", data: { name } });
            }
          },
        };
      },
    },
  },
};

// Node globals for the few plain-JS tooling files (no `globals` package is installed).
const nodeGlobals = Object.fromEntries(
  [
    "process",
    "console",
    "Buffer",
    "URL",
    "URLSearchParams",
    "AbortController",
    "AbortSignal",
    "TextEncoder",
    "TextDecoder",
    "fetch",
    "structuredClone",
    "queueMicrotask",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "clearImmediate",
  ].map((name) => [name, "readonly"]),
);

const APP_DIRS = ["src", "worker", "scripts", "test", "e2e", "emulator", "bench", "prisma"];

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    ".next/",
    "dist/",
    "src/generated/",
    ".data/",
    "coverage/",
    "test-results/",
    "playwright-report/",
    "next-env.d.ts",
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: "showreel/base",
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: true },
      ],
      // With verbatimModuleSyntax, `import { type A } from "x"` keeps a bare `import "x"` at runtime;
      // an all-type import must be `import type { A } from "x"`.
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],

      // docs/house-rules.md R21: src/env.ts is the only reader of process.env.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: PROCESS_ENV_MESSAGE }],
      "no-restricted-syntax": ["error", PROCESS_ENV_SYNTAX, DOUBLE_CAST_SYNTAX],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "process", importNames: ["env"], message: PROCESS_ENV_MESSAGE },
            { name: "node:process", importNames: ["env"], message: PROCESS_ENV_MESSAGE },
          ],
        },
      ],
    },
  },

  {
    name: "showreel/process-env-allowed",
    // Tooling that runs outside the app, tests (which start processes with a chosen environment), and the
    // env module itself.
    files: [
      "src/env.ts",
      "**/*.test.ts",
      "*.config.ts",
      "*.config.js",
      "*.config.cjs",
      "*.config.mjs",
      "scripts/**",
      "test/**",
      "e2e/**",
      "bench/**",
      "emulator/**",
      "prisma/**",
      "examples/**",
    ],
    rules: {
      "no-restricted-properties": "off",
      "no-restricted-syntax": ["error", DOUBLE_CAST_SYNTAX],
      "no-restricted-imports": "off",
    },
  },

  {
    // The process singletons and their typed wrappers around untyped libraries live in src/server.
    name: "showreel/double-cast-allowed-in-server",
    files: ["src/server/**"],
    rules: { "no-restricted-syntax": ["error", PROCESS_ENV_SYNTAX] },
  },

  {
    // Tests build fakes of large interfaces; a double cast there is a test's business.
    name: "showreel/double-cast-allowed-in-tests",
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "test/**"],
    rules: { "no-restricted-syntax": "off" },
  },

  {
    // A function longer than a screen does several things; name them. Tests are lists of cases and may run long.
    name: "showreel/short-functions",
    files: ["src/lib/**/*.ts", "worker/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80 }] },
  },

  {
    name: "showreel/kebab-case-filenames",
    files: APP_DIRS.map((dir) => `${dir}/**/*.{ts,tsx,js,mjs,cjs}`),
    plugins: { showreel: showreelPlugin },
    rules: { "showreel/kebab-case-filename": "error" },
  },

  {
    name: "showreel/plain-js-tooling",
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // typescript-eslint's base config parses every file as an ES module; .cjs files are CommonJS.
    name: "showreel/commonjs",
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        module: "writable",
        exports: "writable",
        require: "readonly",
        __dirname: "readonly",
        __filename: "readonly",
      },
    },
  },
);
