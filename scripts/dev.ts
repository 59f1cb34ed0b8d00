/**
 * `npm run dev`: everything Showreel needs, from a fresh clone, in one terminal.
 * 1. PostgreSQL: DATABASE_URL when set, otherwise an embedded server in .data/pg on 127.0.0.1:54329
 *    (initialised on first run, reused afterwards — also when another `npm run dev` already runs it);
 * 2. migrations, pg-boss schema and queues, and the seed (all idempotent);
 * 3. demo mode — when no YOUTUBE_API_KEY is configured — the Google emulator on 127.0.0.1:4100, with the
 *    app's YouTube base URLs pointed at it;
 * 4. the worker and the Next.js dev server, their logs prefixed;
 * Ctrl-C stops the web and the worker gracefully, then the embedded database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { seed } from "../prisma/seed";
import { applyMigrations } from "./db/apply-migrations";
import { ensureDatabase, withDatabase } from "./db/ensure-database";
import { prepareJobQueues } from "./db/prepare-job-queues";
import { devLog, prefixLines, type ProcessName } from "./dev/log-lines";
import { DEMO_EMULATOR_ENV, emulatorEnv } from "./dev/emulator-env";

const ROOT = path.resolve(import.meta.dirname, "..");
const EMBEDDED_PORT = 54329;
const EMBEDDED_DATABASE = "showreel";
const EMULATOR_PORT = process.env.EMULATOR_PORT ?? "4100";
const STOP_TIMEOUT_MS = 35_000;
const port = process.env.PORT ?? "3000";

async function prepareDatabase() {
  if (process.env.DATABASE_URL) {
    devLog("using DATABASE_URL");
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/dev/embedded-db-process.ts", path.join(ROOT, ".data/pg"), String(EMBEDDED_PORT)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  createInterface({ input: child.stderr! }).on("line", (line) => devLog(line));
  const ready = await new Promise<{ serverUrl: string } | null>((resolve) => {
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve(JSON.parse(line) as { serverUrl: string }),
    );
    child.once("exit", () => resolve(null));
  });
  // The database process has already printed the one line saying why and what to do.
  if (!ready) process.exit(1);
  return {
    url: withDatabase(ready.serverUrl, EMBEDDED_DATABASE),
    stop: async () => {
      signalGroup(child, "SIGTERM");
      await waitForExit(child);
    },
  };
}

function start(name: ProcessName, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(path.join(ROOT, "node_modules/.bin", command), args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group: a terminal Ctrl-C reaches only this launcher, which then stops the children in
    // order (web and worker drain first, the database goes last).
    detached: true,
  });
  prefixLines(name, child.stdout!);
  prefixLines(name, child.stderr!);
  return child;
}

/** Signals the child's whole process group (next dev runs next-server as its own child). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

const database = await prepareDatabase();
try {
  if (await ensureDatabase(database.url)) devLog("created database");
  const migrations = await applyMigrations({ connectionString: database.url, log: (line) => devLog(line) });
  await prepareJobQueues(database.url);
  const seedClient = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
  const isDemoMode = !process.env.YOUTUBE_API_KEY;
  const seeded = await seed(seedClient, { withDemoConnection: isDemoMode }).finally(() => seedClient.$disconnect());
  devLog(
    `database ready: ${migrations.applied.length} migration(s) applied, ${migrations.alreadyApplied.length} already; ` +
      `${seeded.tools} tools, ${seeded.categories} categories, demo user`,
  );
} catch (error) {
  devLog(`could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  await database.stop();
  process.exit(1);
}

/** Demo mode: no Google credentials, so Google is the local emulator. */
async function startEmulator(): Promise<{ env: Record<string, string>; child: ChildProcess } | null> {
  if (process.env.YOUTUBE_API_KEY) return null;
  const child = start("emulator", "tsx", ["emulator/main.ts"], { ...DEMO_EMULATOR_ENV, ...process.env, EMULATOR_PORT });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /emulator ready (http\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the emulator did not start (exit ${code})`)));
  });
  devLog(`demo mode: no YOUTUBE_API_KEY, so YouTube and Google sign-in are the local emulator at ${url}`);
  return { child, env: emulatorEnv(url) };
}

const emulator = await startEmulator().catch(async (error: unknown) => {
  devLog(error instanceof Error ? error.message : String(error));
  await database.stop();
  process.exit(1);
});

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...emulator?.env,
  DATABASE_URL: database.url,
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  // In demo mode the emulator's WebSub hub can reach this machine, so followed channels get pushes too.
  ...(emulator ? { PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}` } : {}),
  NODE_ENV: "development",
  NEXT_TELEMETRY_DISABLED: "1",
};
const children: ChildProcess[] = [
  start("worker", "tsx", ["watch", "--clear-screen=false", "worker/main.ts"], childEnv),
  start("web", "next", ["dev", "--hostname", "127.0.0.1", "--port", port], childEnv),
];
devLog(`Showreel is starting at http://localhost:${port} (Ctrl-C stops everything)`);

let isStopping = false;
async function stopAll(reason: string, exitCode: number): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  devLog(`${reason}: stopping web and worker…`);
  for (const child of children) signalGroup(child, "SIGTERM");
  const timeout = setTimeout(() => {
    for (const child of children) signalGroup(child, "SIGKILL");
  }, STOP_TIMEOUT_MS);
  await Promise.all(children.map(waitForExit));
  clearTimeout(timeout);
  if (emulator) {
    signalGroup(emulator.child, "SIGTERM");
    await waitForExit(emulator.child);
  }
  await database.stop();
  devLog("stopped");
  process.exit(exitCode);
}

process.on("SIGINT", () => void stopAll("Ctrl-C", 0));
process.on("SIGTERM", () => void stopAll("SIGTERM", 0));
for (const [index, child] of children.entries()) {
  child.once("exit", (code, signal) => {
    if (!isStopping) void stopAll(`${index === 0 ? "worker" : "web"} exited (${signal ?? code})`, 1);
  });
}
