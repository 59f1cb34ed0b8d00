/**
 * Starts the real worker (`worker/main.ts`) as its own process, the way `npm run worker` does, for tests
 * that kill or stop it. Node runs it directly with tsx's loader — not through the `tsx` launcher, which
 * would be the process a test signals, leaving the worker itself running after a SIGKILL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export type WorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", WORKER_METRICS_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}
