/**
 * Drivers: short-lived child processes that call the app's own use cases (src/lib) against a benchmark's
 * database, so the harness never loads the app's env, Prisma client or pg-boss into its own process (its
 * DATABASE_URL is the server's, or the test lane's in the smoke tests). Input goes through a temporary
 * JSON file (too big for an environment variable); the driver prints one `RESULT <json>` line and exits.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startTsProcess } from "./processes";

const INPUT_FILE_VARIABLE = "BENCH_DRIVER_INPUT_FILE";
const RESULT_LINE = /^RESULT (.*)$/;

/** Writes a child's input to a temporary file; `env` points the child at it, `remove` deletes it. */
export function driverInput(input: unknown): { env: Record<string, string>; remove: () => void } {
  const directory = mkdtempSync(path.join(tmpdir(), "showreel-bench-"));
  const file = path.join(directory, "input.json");
  writeFileSync(file, JSON.stringify(input));
  return { env: { [INPUT_FILE_VARIABLE]: file }, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

export async function runDriver<T>(options: {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
  input: unknown;
  timeoutMs?: number;
}): Promise<T> {
  const input = driverInput(options.input);
  try {
    const { process: child, match } = await startTsProcess({
      name: options.name,
      script: options.script,
      env: { ...options.env, ...input.env },
      ready: RESULT_LINE,
      timeoutMs: options.timeoutMs ?? 120_000,
    });
    await child.stop(10_000);
    return JSON.parse(match[1]!) as T;
  } finally {
    input.remove();
  }
}

/** In a driver: its input. */
export function readDriverInput<T>(): T {
  const file = process.env[INPUT_FILE_VARIABLE];
  if (!file) throw new Error(`${INPUT_FILE_VARIABLE} is not set: drivers are started by runDriver`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** In a driver: hands the result back and exits (open pools would otherwise keep the process alive). */
export function reportDriverResult(value: unknown): never {
  process.stdout.write(`RESULT ${JSON.stringify(value)}\n`, () => process.exit(0));
  // The write callback exits; this only satisfies `never` for callers.
  return undefined as never;
}
