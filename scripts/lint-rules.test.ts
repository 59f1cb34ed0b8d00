/**
 * Proves that the house rules in eslint.config.js and .dependency-cruiser.cjs actually fire.
 * It writes deliberately bad (and deliberately clean) fixture files into temporary
 * `__rule-fixtures-<random>__` folders inside src/ and worker/ (the rules are path-based, so the
 * fixtures must live where real code lives), runs the real CLIs on them, and always deletes them.
 * Every fixture is valid TypeScript so a concurrent `tsc --noEmit` is not disturbed.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TIMEOUT_MS = 60_000;
const FIXTURE_DIR_NAME = `__rule-fixtures-${randomBytes(4).toString("hex")}__`;

const LIB_DIR = `src/lib/${FIXTURE_DIR_NAME}`;
const COMPONENTS_DIR = `src/components/${FIXTURE_DIR_NAME}`;
const WORKER_DIR = `worker/${FIXTURE_DIR_NAME}`;
const SCRIPTS_DIR = `scripts/${FIXTURE_DIR_NAME}`;
const FIXTURE_DIRS = [LIB_DIR, COMPONENTS_DIR, WORKER_DIR, SCRIPTS_DIR];
const LIB_ALIAS = `~/lib/${FIXTURE_DIR_NAME}`;

const FILES = {
  // dependency-cruiser fixtures
  libReadsHeaders: `${LIB_DIR}/reads-headers.ts`,
  libUsesReact: `${LIB_DIR}/uses-react.ts`,
  workerBad: `${WORKER_DIR}/bad.ts`,
  libSchema: `${LIB_DIR}/widget.schema.ts`,
  libClean: `${LIB_DIR}/clean.ts`,
  componentRuntimeImport: `${COMPONENTS_DIR}/runtime-import.ts`,
  componentAllowedImports: `${COMPONENTS_DIR}/allowed-imports.ts`,
  // ESLint fixtures
  libReadsEnv: `${LIB_DIR}/reads-env.ts`,
  libReadsEnvViaGlobalThis: `${LIB_DIR}/reads-env-via-global-this.ts`,
  libBadFileName: `${LIB_DIR}/BadFileName.ts`,
  libValueImportUsedAsType: `${LIB_DIR}/value-import-used-as-type.ts`,
  scriptReadsEnv: `${SCRIPTS_DIR}/reads-env.ts`,
  libDoubleCast: `${LIB_DIR}/double-cast.ts`,
  scriptDoubleCast: `${SCRIPTS_DIR}/double-cast.ts`,
  libLongFunction: `${LIB_DIR}/long-function.ts`,
} as const;

const CONTENTS: Record<keyof typeof FILES, string> = {
  libReadsHeaders: `import { headers } from "next/headers";

export async function readHost(): Promise<string | null> {
  return (await headers()).get("host");
}
`,
  libUsesReact: `import { createElement } from "react";

export function makeNode() {
  return createElement("div");
}
`,
  // worker → lib fixture → react: only reachable transitively, never imported directly.
  workerBad: `import { makeNode } from "${LIB_ALIAS}/uses-react";

export const node = makeNode();
`,
  libSchema: `import { z } from "zod";

export const widgetSchema = z.object({ name: z.string().trim().min(1).max(200) });
export type Widget = z.infer<typeof widgetSchema>;
`,
  libClean: `import { widgetSchema, type Widget } from "./widget.schema";

export class WidgetBox {
  constructor(readonly widget: Widget) {}
}

export function parseWidget(input: unknown): Widget {
  return widgetSchema.parse(input);
}
`,
  componentRuntimeImport: `import { parseWidget } from "${LIB_ALIAS}/clean";

export const widget = parseWidget({ name: "x" });
`,
  componentAllowedImports: `import type { WidgetBox } from "${LIB_ALIAS}/clean";
import { widgetSchema } from "${LIB_ALIAS}/widget.schema";

export const schema = widgetSchema;
export type Box = WidgetBox;
`,
  libReadsEnv: `export const foo = process.env.FOO;
`,
  libReadsEnvViaGlobalThis: `export const foo = globalThis.process.env.FOO;
`,
  libBadFileName: `export const badFileName = 1;
`,
  libValueImportUsedAsType: `import { WidgetBox } from "./clean";

export type Box = WidgetBox;
`,
  scriptReadsEnv: `export const foo = process.env.FOO;
`,
  libDoubleCast: `export const count = "1" as unknown as number;
`,
  scriptDoubleCast: `export const count = "1" as unknown as number;
`,
  // 82 lines from `export function` to its closing brace.
  libLongFunction: `export function long(): number {
  let total = 0;
${"  total += 1;\n".repeat(78)}  return total;
}
`,
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a node_modules/.bin CLI with the Node that runs vitest; resolves on any exit code. */
function runBin(bin: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/.bin", bin), ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`${bin} failed to run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}

interface CruiseViolation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  via?: Array<{ name: string } | string>;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
}

const createdParents: string[] = [];
let cruisePromise: Promise<{ violations: CruiseViolation[] }> | undefined;
let lintPromise: Promise<{ code: number; byFile: Map<string, LintMessage[]> }> | undefined;

function cruise() {
  cruisePromise ??= runBin("depcruise", [
    "--config",
    ".dependency-cruiser.cjs",
    "--output-type",
    "json",
    LIB_DIR,
    COMPONENTS_DIR,
    WORKER_DIR,
  ]).then(({ code, stdout, stderr }) => {
    if (!stdout.trim()) throw new Error(`depcruise printed nothing (exit ${code}):\n${stderr}`);
    const result = JSON.parse(stdout) as { summary: { violations: CruiseViolation[] } };
    return { violations: result.summary.violations };
  });
  return cruisePromise;
}

function lint() {
  const files = [
    FILES.libReadsEnv,
    FILES.libReadsEnvViaGlobalThis,
    FILES.libBadFileName,
    FILES.libValueImportUsedAsType,
    FILES.libClean,
    FILES.libSchema,
    FILES.scriptReadsEnv,
    FILES.libDoubleCast,
    FILES.scriptDoubleCast,
    FILES.libLongFunction,
  ];
  lintPromise ??= runBin("eslint", ["--format", "json", "--no-warn-ignored", ...files]).then(
    ({ code, stdout, stderr }) => {
      if (!stdout.trim()) throw new Error(`eslint printed nothing (exit ${code}):\n${stderr}`);
      const results = JSON.parse(stdout) as Array<{ filePath: string; messages: LintMessage[] }>;
      const byFile = new Map(
        results.map((r) => [path.relative(ROOT, r.filePath).split(path.sep).join("/"), r.messages]),
      );
      return { code, byFile };
    },
  );
  return lintPromise;
}

function violationsFrom(violations: CruiseViolation[], file: string) {
  return violations.filter((v) => v.from === file);
}

function messagesFor(byFile: Map<string, LintMessage[]>, file: string) {
  const messages = byFile.get(file);
  if (!messages) throw new Error(`eslint reported nothing for ${file}; was it linted?`);
  return messages;
}

function ruleIdsFor(byFile: Map<string, LintMessage[]>, file: string) {
  return messagesFor(byFile, file).map((m) => m.ruleId);
}

beforeAll(async () => {
  for (const dir of FIXTURE_DIRS) {
    const parent = path.dirname(path.join(ROOT, dir));
    if (!existsSync(parent)) {
      await mkdir(parent, { recursive: true });
      createdParents.push(parent);
    }
    await mkdir(path.join(ROOT, dir), { recursive: true });
  }
  for (const [key, file] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
    await writeFile(path.join(ROOT, file), CONTENTS[key]);
  }
});

afterAll(async () => {
  for (const dir of FIXTURE_DIRS) {
    await rm(path.join(ROOT, dir), { recursive: true, force: true });
  }
  // Only remove a parent folder this test created, and only if nobody put anything in it meanwhile.
  for (const parent of createdParents) {
    await rmdir(parent).catch(() => undefined);
  }
});

describe("dependency-cruiser rules (.dependency-cruiser.cjs)", () => {
  it(
    "reports only error-severity violations, and the default (CI) reporter exits non-zero",
    async () => {
      const { violations } = await cruise();
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.rule.severity === "error")).toBe(true);
      // The json reporter always exits 0; the default `err` reporter that `npm run depcruise` uses
      // exits with the number of errors.
      const ci = await runBin("depcruise", ["--config", ".dependency-cruiser.cjs", LIB_DIR, WORKER_DIR]);
      expect(ci.code).not.toBe(0);
      expect(ci.stdout).toContain("worker-stays-off-next");
    },
    TIMEOUT_MS,
  );

  it(
    "lib-and-server-stay-off-next: src/lib importing next/headers or react",
    async () => {
      const { violations } = await cruise();
      const headersRules = violationsFrom(violations, FILES.libReadsHeaders).map((v) => v.rule.name);
      expect(headersRules).toContain("lib-and-server-stay-off-next");
      expect(headersRules).toContain("next-headers-only-in-app-and-trpc-server");
      expect(violationsFrom(violations, FILES.libUsesReact).map((v) => v.rule.name)).toContain(
        "lib-and-server-stay-off-next",
      );
    },
    TIMEOUT_MS,
  );

  it(
    "worker-stays-off-next: worker reaching react through a lib module",
    async () => {
      const { violations } = await cruise();
      const reach = violationsFrom(violations, FILES.workerBad).filter((v) => v.rule.name === "worker-stays-off-next");
      expect(reach).toHaveLength(1);
      expect(reach[0]?.to).toMatch(/^node_modules\/react\//);
      // The path goes through the lib fixture: the worker file never imports react itself.
      const via = (reach[0]?.via ?? []).map((step) => (typeof step === "string" ? step : step.name));
      expect(via).toContain(FILES.libUsesReact);
    },
    TIMEOUT_MS,
  );

  it(
    "components-no-server: runtime import of lib code fails; type-only and *.schema.ts imports pass",
    async () => {
      const { violations } = await cruise();
      const runtime = violationsFrom(violations, FILES.componentRuntimeImport);
      expect(runtime.map((v) => v.rule.name)).toEqual(["components-no-server"]);
      expect(runtime[0]?.to).toBe(FILES.libClean);
      expect(violationsFrom(violations, FILES.componentAllowedImports)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    "clean lib files have no violations",
    async () => {
      const { violations } = await cruise();
      expect(violationsFrom(violations, FILES.libClean)).toEqual([]);
      expect(violationsFrom(violations, FILES.libSchema)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

describe("ESLint rules (eslint.config.js)", () => {
  it(
    "forbids process.env outside src/env.ts, including via globalThis",
    async () => {
      const { code, byFile } = await lint();
      expect(code).not.toBe(0);
      const direct = messagesFor(byFile, FILES.libReadsEnv);
      expect(direct.map((m) => m.ruleId)).toEqual(["no-restricted-properties"]);
      expect(direct[0]?.message).toContain("~/env (src/env.ts)");
      expect(ruleIdsFor(byFile, FILES.libReadsEnvViaGlobalThis)).toEqual(["no-restricted-syntax"]);
    },
    TIMEOUT_MS,
  );

  it(
    "allows process.env in scripts/",
    async () => {
      const { byFile } = await lint();
      expect(ruleIdsFor(byFile, FILES.scriptReadsEnv)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    "showreel/kebab-case-filename rejects a PascalCase file name",
    async () => {
      const { byFile } = await lint();
      expect(ruleIdsFor(byFile, FILES.libBadFileName)).toEqual(["showreel/kebab-case-filename"]);
    },
    TIMEOUT_MS,
  );

  it(
    "forbids `as unknown as` outside tests and src/server, scripts included",
    async () => {
      const { byFile } = await lint();
      expect(ruleIdsFor(byFile, FILES.libDoubleCast)).toEqual(["no-restricted-syntax"]);
      expect(messagesFor(byFile, FILES.libDoubleCast)[0]?.message).toContain("as unknown as");
      expect(ruleIdsFor(byFile, FILES.scriptDoubleCast)).toEqual(["no-restricted-syntax"]);
    },
    TIMEOUT_MS,
  );

  it(
    "max-lines-per-function rejects a function in src/lib over 80 lines",
    async () => {
      const { byFile } = await lint();
      expect(ruleIdsFor(byFile, FILES.libLongFunction)).toEqual(["max-lines-per-function"]);
    },
    TIMEOUT_MS,
  );

  it(
    "consistent-type-imports flags a value import used only as a type",
    async () => {
      const { byFile } = await lint();
      expect(ruleIdsFor(byFile, FILES.libValueImportUsedAsType)).toEqual([
        "@typescript-eslint/consistent-type-imports",
      ]);
    },
    TIMEOUT_MS,
  );

  it(
    "clean files pass",
    async () => {
      const { byFile } = await lint();
      expect(ruleIdsFor(byFile, FILES.libClean)).toEqual([]);
      expect(ruleIdsFor(byFile, FILES.libSchema)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
