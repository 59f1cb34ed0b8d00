/**
 * `npm test`: every test lane, then one summary line `N passed, N failed, N skipped` summed over them.
 *   unit  vitest, pure logic (*.test.ts)
 *   int   vitest on a fresh migrated + seeded database (*.int.test.ts)
 *   fault vitest, the same setup as int: injected faults against real worker processes, the emulator and
 *         Postgres (fault/*.fault.test.ts); each scenario prints a `fault.<name>:` line with its figures
 *   e2e   Playwright in Debian's Chromium against `npm run build` output: web and worker started as
 *         separate processes on their own fresh database
 * `npm test -- --lane unit --lane int` picks lanes; `--skip-build` reuses an existing build for e2e;
 * `--spec e2e/x.spec.ts` (repeatable) runs only those e2e files.
 * The database server is DATABASE_URL's when set, otherwise an embedded PostgreSQL (.data/pg-test).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs, stripVTControlCharacters } from "node:util";
import { e2eEmulatorUrl } from "./dev/emulator-env";

type Counts = { passed: number; failed: number; skipped: number };
/** A failed test as the summary names it: where, which, and the first lines of why. */
type Failure = { lane: Lane; where: string; name: string; why: string };
type Lane = "unit" | "int" | "fault" | "e2e";
type VitestLane = Exclude<Lane, "e2e">;

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS_DIR = path.join(ROOT, ".data/test-results");
const BIN = path.join(ROOT, "node_modules/.bin");
const E2E_AUTH_SECRET = "e2e-only-secret-0123456789abcdef0123456789";
/** 32 bytes, base64: e2e only. */
const E2E_TOKEN_ENCRYPTION_KEY = Buffer.from("e2e-only-token-key-0123456789abc").toString("base64");

const { values } = parseArgs({
  options: {
    lane: { type: "string", multiple: true },
    "skip-build": { type: "boolean", default: false },
    spec: { type: "string", multiple: true },
  },
});
const lanes = (values.lane ?? ["unit", "int", "fault", "e2e"]) as Lane[];
/**
 * Every failure, repeated after the lane totals: CI keeps only the tail of a run's output, and a lane's own
 * report of a failure scrolls out of it behind the lanes that follow.
 */
const failures: Failure[] = [];
const FAILURE_LINES = 6;

function firstLines(text: string | undefined): string {
  // Reporters colour their messages; the summary is plain text.
  const plain = stripVTControlCharacters(text ?? "");
  return (
    plain
      .split("\n")
      // Frames inside dependencies say nothing about which of our lines failed.
      .filter((line) => line.trim() !== "" && !/node_modules|node:internal|new Promise/.test(line))
      .slice(0, FAILURE_LINES)
      .join("\n")
  );
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function readJson<T>(file: string): Promise<T | undefined> {
  return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as T) : undefined;
}

async function vitestLane(lane: VitestLane): Promise<Counts> {
  const output = path.join(RESULTS_DIR, `vitest-${lane}.json`);
  const code = await run(path.join(BIN, "vitest"), [
    "run",
    "--project",
    lane,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${output}`,
  ]);
  const report = await readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
    testResults: {
      name: string;
      message?: string;
      assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
    }[];
  }>(output);
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  for (const file of report.testResults) {
    const where = path.relative(ROOT, file.name);
    const failed = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of failed)
      failures.push({ lane, where, name: test.fullName, why: firstLines(test.failureMessages[0]) });
    // A file that fails before its tests run (an import error, a hook) has no failed test, only a message.
    if (failed.length === 0 && file.message)
      failures.push({ lane, where, name: "(the file)", why: firstLines(file.message) });
  }
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  // A crash outside any test (setup, import errors) still has to fail the run.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (report.numTotalTests === 0) counts.failed += 1;
  return counts;
}

type PlaywrightSuite = {
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { projectName: string; status: string; results: { error?: { message?: string } }[] }[];
  }[];
};
type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
};

function collectPlaywrightFailures(suites: PlaywrightSuite[] = []): void {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests.filter((t) => t.status === "unexpected")) {
        const lastTry = test.results.at(-1);
        failures.push({
          lane: "e2e",
          where: `${spec.file}:${spec.line}`,
          name: `[${test.projectName}] ${spec.title}`,
          why: firstLines(lastTry?.error?.message),
        });
      }
    }
    collectPlaywrightFailures(suite.suites);
  }
}

async function e2eLane(): Promise<Counts> {
  // Built as on a deployer's build machine, which holds no runtime secrets (docs/deploy.md); empty is unset.
  const buildEnv = {
    BETTER_AUTH_SECRET: "",
    TOKEN_ENCRYPTION_KEY: "",
    NEXT_TELEMETRY_DISABLED: "1",
    // next.config.ts's Content-Security-Policy (API routes, static files) is fixed at build time, and the
    // demo's images come from the lane's emulator; pages get theirs at request time from src/proxy.ts.
    YOUTUBE_API_BASE_URL: e2eEmulatorUrl(),
  };
  if (
    !values["skip-build"] ||
    !existsSync(path.join(ROOT, ".next/BUILD_ID")) ||
    !existsSync(path.join(ROOT, "dist/worker/main.mjs"))
  ) {
    console.log("\n[e2e] npm run build");
    const buildCode = await run("npm", ["run", "build"], buildEnv);
    if (buildCode !== 0) return { passed: 0, failed: 1, skipped: 0 };
  }
  // The seed seals the demo connection's token with the key the e2e app uses, so it must load the env
  // module (which reads the key once) only after the key is set.
  process.env.TOKEN_ENCRYPTION_KEY = E2E_TOKEN_ENCRYPTION_KEY;
  process.env.BETTER_AUTH_SECRET = E2E_AUTH_SECRET;
  const { createTestDatabase } = await import("./db/test-database");
  const database = await createTestDatabase({
    prefix: "showreel_e2e",
    withDemoConnection: true,
    log: (line) => console.log(`[e2e] ${line}`),
  });
  const output = path.join(RESULTS_DIR, "playwright.json");
  try {
    const code = await run(path.join(BIN, "playwright"), ["test", ...(values.spec ?? [])], {
      E2E_DATABASE_URL: database.url,
      E2E_AUTH_SECRET,
      E2E_TOKEN_ENCRYPTION_KEY,
      PLAYWRIGHT_JSON_OUTPUT_NAME: output,
    });
    const report = await readJson<PlaywrightReport>(output);
    if (!report) return { passed: 0, failed: 1, skipped: 0 };
    collectPlaywrightFailures(report.suites);
    const counts = {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
      skipped: report.stats.skipped,
    };
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } finally {
    await database.drop();
  }
}

await rm(RESULTS_DIR, { recursive: true, force: true });
await mkdir(RESULTS_DIR, { recursive: true });
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const perLane: string[] = [];
for (const lane of lanes) {
  console.log(`\n━━ ${lane} ━━`);
  const counts = lane === "e2e" ? await e2eLane() : await vitestLane(lane);
  perLane.push(`${lane}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
if (failures.length > 0) {
  console.log(`\n━━ failed (${failures.length}) ━━`);
  for (const failure of failures) {
    console.log(`\n✗ ${failure.lane} · ${failure.where} · ${failure.name}`);
    if (failure.why) console.log(failure.why.replace(/^/gm, "    "));
  }
}
console.log(`\n${perLane.join("\n")}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
