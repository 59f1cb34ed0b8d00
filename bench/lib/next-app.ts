/**
 * The web app as production runs it, for the API-load benchmark's full mode: the `next build` output
 * served by `next start` in its own process.
 *
 * The build is made as the e2e lane (scripts/test.ts) makes it: as on a deployer's build machine, with no
 * runtime secrets (empty is unset), and the secrets given only to `next start`. A build is reused when a
 * stamp written next to it says it was built from the current commit with no uncommitted change to the
 * app's sources; otherwise the app is built again, which takes minutes here.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT, runProcessToExit, startProcess, type BenchProcess } from "./processes";

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const BUILD_DIR = path.join(ROOT, ".next");
/** Ours, not Next's: `next build` replaces the directory, so a stamp left over from another build cannot match its BUILD_ID. */
const STAMP_FILE = path.join(BUILD_DIR, "showreel-bench-build.json");
/** What a production build of the web app is made from: a change under these means the build is stale. */
const APP_SOURCES = ["src", "public", "prisma/schema.prisma", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
const BUILD_TIMEOUT_MS = 20 * 60_000;

type BuildStamp = { commit: string; buildId: string };

function git(args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
}

/** The commit the app's sources are at, or null when some of them differ from it (uncommitted edits). */
function sourceCommit(): string | null {
  const changed = git(["status", "--porcelain", "--", ...APP_SOURCES.filter((entry) => existsSync(path.join(ROOT, entry)))]);
  return changed === "" ? git(["rev-parse", "HEAD"]) : null;
}

function readBuildId(): string | null {
  const file = path.join(BUILD_DIR, "BUILD_ID");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/** Whether `.next` holds a build of exactly `commit`. */
export function isBuildCurrent(commit: string | null): boolean {
  const buildId = readBuildId();
  if (commit === null || buildId === null || !existsSync(STAMP_FILE)) return false;
  const stamp = JSON.parse(readFileSync(STAMP_FILE, "utf8")) as Partial<BuildStamp>;
  return stamp.commit === commit && stamp.buildId === buildId;
}

/** Reuses `.next` when it is a build of the current commit; otherwise runs `next build` (minutes). */
export async function ensureNextBuild(log: (line: string) => void): Promise<{ reused: boolean; commit: string | null }> {
  const commit = sourceCommit();
  if (isBuildCurrent(commit)) {
    log(`next build: reusing .next (built from ${commit!.slice(0, 8)})`);
    return { reused: true, commit };
  }
  log(`next build: ${commit === null ? "the app's sources have uncommitted changes" : `no build of ${commit.slice(0, 8)} in .next`} — building the app, which takes minutes on this machine`);
  const started = performance.now();
  const { code, tail } = await runProcessToExit({
    name: "next build",
    args: [NEXT_BIN, "build"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_PHASE: "phase-production-build",
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_SECRET: "",
      TOKEN_ENCRYPTION_KEY: "",
    },
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  if (code !== 0) throw new Error(`next build exited with ${code}:\n${tail}`);
  const buildId = readBuildId();
  if (buildId === null) throw new Error(`next build left no ${path.join(BUILD_DIR, "BUILD_ID")}`);
  // A build of uncommitted sources gets no stamp, so it is never mistaken for a commit's.
  if (commit !== null) writeFileSync(STAMP_FILE, `${JSON.stringify({ commit, buildId } satisfies BuildStamp)}\n`);
  log(`next build: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { reused: false, commit };
}

/** A TCP port free on loopback right now (`next start` takes a fixed port, not 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `next start` of the build in `.next` on loopback, as `npm run start` runs it; `nodeArgs` go to its node. */
export async function startNextServer(options: { env: Record<string, string | undefined>; nodeArgs?: string[] }): Promise<{ server: BenchProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { process: server } = await startProcess({
    name: "next start",
    // Keep-alive longer than a user's think time, so each simulated user keeps one connection.
    args: [...(options.nodeArgs ?? []), NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port), "--keepAliveTimeout", "60000"],
    env: { ...options.env, PORT: String(port), APP_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    ready: /Ready in/,
    timeoutMs: 120_000,
  });
  return { server, url };
}
