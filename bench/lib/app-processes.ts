/**
 * The app's own processes, started the way production starts them: the worker bundled as `npm run build`
 * bundles it (scripts/build-worker.ts) and run with plain node and the worker's V8 flags
 * (worker/lib/node-flags.ts), as `npm run start:worker` does — so its CPU and memory are the deployed
 * worker's, not tsx's.
 * Their environment is built here from scratch on top of PATH and friends, so nothing from the caller's
 * shell or test lane (PUBLIC_URL, AI_*) leaks in unnoticed.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { emulatorEnv } from "../../scripts/dev/emulator-env";
import { WORKER_NODE_FLAGS } from "../../worker/lib/node-flags";
import { ROOT, startProcess, type BenchProcess } from "./processes";

/**
 * Where the bench's worker bundles go: a tool cache that git and eslint already ignore. Not dist/, which
 * `npm run build` deletes and rebuilds, maybe while a benchmark runs.
 */
const BUILD_DIR = path.join(ROOT, "node_modules/.cache/showreel-bench");

/**
 * Bundles an entry point with the options of scripts/build-worker.ts (our code bundled, packages
 * external), one file per bench process and name so concurrent runs never share one; `remove` deletes
 * it. A bundle starts in a fraction of tsx's time, which matters when a benchmark starts 20 processes.
 */
export async function buildBundle(entry: string, name: string): Promise<{ file: string; remove: () => Promise<void> }> {
  const file = path.join(BUILD_DIR, `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile: file,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    packages: "external",
    alias: { "~": path.join(ROOT, "src") },
    sourcemap: true,
    logLevel: "warning",
  });
  return {
    file,
    remove: () => Promise.all([rm(file, { force: true }), rm(`${file}.map`, { force: true })]).then(() => {}),
  };
}

/** worker/main.ts bundled as `npm run build` bundles it. */
export function buildWorkerBundle(): Promise<{ file: string; remove: () => Promise<void> }> {
  return buildBundle("worker/main.ts", "worker");
}

/** Variables whose values change what a benchmark measures: printed and recorded with every result. */
export type AppSettings = Record<string, string>;

/** Worker log lines at warn or worse, counted so a run that "worked" while logging failures is noticed. */
export const WARN_OR_WORSE = /"level":"(warn|error|fatal)"/;

export function benchAppEnv(options: {
  databaseUrl: string;
  emulatorUrl: string;
  settings: AppSettings;
}): Record<string, string | undefined> {
  return {
    ...process.env,
    ...emulatorEnv(options.emulatorUrl),
    // Production mode (its secrets made up per run); no demo mode, no WebSub (polling only), no AI pass.
    NODE_ENV: "production",
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    DEMO_MODE: "false",
    PUBLIC_URL: "",
    AI_BASE_URL: "",
    AI_API_KEY: "",
    DATABASE_URL: options.databaseUrl,
    WORKER_METRICS_PORT: "0",
    LOG_LEVEL: "info",
    ...options.settings,
  };
}

export type BenchWorker = BenchProcess & { metricsUrl: string };

export async function startWorkers(
  count: number,
  env: Record<string, string | undefined>,
  bundle: string,
): Promise<BenchWorker[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const { process: worker, match } = await startProcess({
        name: `worker ${index + 1}`,
        // The V8 flags `npm run start:worker` runs the deployed worker with; BENCH_WORKER_NODE_ARGS (e.g.
        // "--cpu-prof --cpu-prof-dir=/tmp/prof") adds to them, and a flag given there again wins (node takes the last).
        args: [...WORKER_NODE_FLAGS, ...(process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean), bundle],
        env,
        ready: /"msg":"worker ready"/,
        countPatterns: [WARN_OR_WORSE],
      });
      const port = /"metricsPort":(\d+)/.exec(match.input)?.[1];
      return { ...worker, metricsUrl: `http://127.0.0.1:${port}/metrics` };
    }),
  );
}

/** Heap figures from a worker's /metrics (prom-client's default Node metrics), in MB. */
export async function workerHeapMb(
  worker: BenchWorker,
): Promise<{ heapUsed: number; heapTotal: number; external: number } | null> {
  try {
    const text = await (await fetch(worker.metricsUrl)).text();
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? Number.NaN) / 1024 ** 2;
    return {
      heapUsed: Math.round(read("nodejs_heap_size_used_bytes")),
      heapTotal: Math.round(read("nodejs_heap_size_total_bytes")),
      external: Math.round(read("nodejs_external_memory_bytes")),
    };
  } catch {
    return null;
  }
}

export async function stopAll(processes: readonly BenchProcess[]): Promise<void> {
  await Promise.all(processes.map((child) => child.stop()));
}
