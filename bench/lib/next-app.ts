/**
 * The web app as production runs it, for the API-load benchmark's full mode: the `next build` output
 * served by `next start` in its own process.
 *
 * The build is made as the e2e lane (scripts/test.ts) makes it: as on a deployer's build machine, with no
 * runtime secrets (empty is unset), and the secrets given only to `next start`. A build is reused when a
 * stamp written next to it says it was built from the app sources the current commit has (a commit that
 * changes only benchmarks or docs keeps the build), with no uncommitted change to them; otherwise the app
 * is built again, which takes minutes here.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@test/free-port";
import { ROOT, runProcessToExit, startProcess, type BenchProcess } from "./processes";

const BUILD_DIR = path.join(ROOT, ".next");
/** Ours, not Next's: `next build` replaces the directory, so a stamp left over from another build cannot match its BUILD_ID. */
const STAMP_FILE = path.join(BUILD_DIR, "showreel-bench-build.json");
/** What a production build of the web app is made from: a change under these means the build is stale. */
const APP_SOURCES = [
  "src",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** `sources`: the git ids of APP_SOURCES at the commit built, which identify what the build was made from. */
type BuildStamp = { commit: string; sources: string; buildId: string };
type SourceVersion = { commit: string; sources: string };

function git(args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
}

/** The commit and the app sources' ids in it, or null when some sources differ from it (uncommitted edits). */
function sourceVersion(): SourceVersion | null {
  const paths = APP_SOURCES.filter((entry) => existsSync(path.join(ROOT, entry)));
  if (git(["status", "--porcelain", "--", ...paths]) !== "") return null;
  return { commit: git(["rev-parse", "HEAD"]), sources: git(["ls-tree", "HEAD", "--", ...paths]) };
}

function readBuildId(): string | null {
  const file = path.join(BUILD_DIR, "BUILD_ID");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/** The stamp of the build in `.next` when it is a build of these sources, else null. */
function currentBuild(version: SourceVersion | null): BuildStamp | null {
  const buildId = readBuildId();
  if (version === null || buildId === null || !existsSync(STAMP_FILE)) return null;
  const stamp = JSON.parse(readFileSync(STAMP_FILE, "utf8")) as Partial<BuildStamp>;
  return stamp.sources === version.sources && stamp.buildId === buildId && typeof stamp.commit === "string"
    ? (stamp as BuildStamp)
    : null;
}

/** `next build` of the app in `directory`, with that directory's own Next, as the e2e lane builds (no runtime secrets). */
async function runNextBuild(directory: string): Promise<void> {
  const { code, tail } = await runProcessToExit({
    name: "next build",
    args: [nextBinIn(directory), "build", directory],
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
  if (code !== 0) throw new Error(`next build of ${directory} exited with ${code}:\n${tail}`);
}

function nextBinIn(directory: string): string {
  return path.join(directory, "node_modules/next/dist/bin/next");
}

/** Reuses `.next` when it is a build of the current commit's app sources; otherwise runs `next build` (minutes). */
export async function ensureNextBuild(
  log: (line: string) => void,
): Promise<{ reused: boolean; commit: string | null }> {
  const version = sourceVersion();
  const current = currentBuild(version);
  if (current) {
    log(
      `next build: reusing .next (built from ${current.commit.slice(0, 8)}, whose app sources are the current commit's)`,
    );
    return { reused: true, commit: current.commit };
  }
  log(
    `next build: ${version === null ? "the app's sources have uncommitted changes" : `no build of ${version.commit.slice(0, 8)}'s app sources in .next`} — building the app, which takes minutes on this machine`,
  );
  const started = performance.now();
  await runNextBuild(ROOT);
  const buildId = readBuildId();
  if (buildId === null) throw new Error(`next build left no ${path.join(BUILD_DIR, "BUILD_ID")}`);
  // A build of uncommitted sources gets no stamp, so it is never mistaken for a commit's.
  if (version !== null) writeFileSync(STAMP_FILE, `${JSON.stringify({ ...version, buildId } satisfies BuildStamp)}\n`);
  log(`next build: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { reused: false, commit: version?.commit ?? null };
}

/**
 * The node flags `npm run start` gives `next start`: those between `node` and Next's bin in package.json's
 * `start` script (none when it calls `next` directly). BENCH_WEB_NODE_FLAGS replaces them, for comparing
 * flags without a rebuild ("" runs with none).
 */
export function webNodeFlags(
  startScript: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start,
  override: string | undefined = process.env.BENCH_WEB_NODE_FLAGS,
): string[] {
  if (override !== undefined) return override.split(" ").filter(Boolean);
  const match = /(?:^|\s)node((?:\s+--\S+)*)\s+\S*next\/dist\/bin\/next\s+start\b/.exec(startScript);
  return match ? match[1]!.split(/\s+/).filter(Boolean) : [];
}

/**
 * `next start` of the build in `.next` on loopback, as `npm run start` runs it (with its node flags,
 * webNodeFlags); `nodeArgs` are added to them.
 * `directory`: another app's directory (ensureBaselineBuild) instead of this checkout.
 */
export async function startNextServer(options: {
  env: Record<string, string | undefined>;
  nodeArgs?: string[];
  directory?: string;
}): Promise<{ server: BenchProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const directory = options.directory ?? ROOT;
  const { process: server } = await startProcess({
    name: options.directory ? `next start ${path.basename(directory)}` : "next start",
    // Keep-alive longer than a user's think time, so each simulated user keeps one connection.
    args: [
      ...webNodeFlags(),
      ...(options.nodeArgs ?? []),
      nextBinIn(directory),
      "start",
      directory,
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
      "--keepAliveTimeout",
      "60000",
    ],
    env: { ...options.env, PORT: String(port), APP_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    ready: /Ready in/,
    timeoutMs: 120_000,
  });
  return { server, url };
}

/**
 * A production build of another commit's app, to serve beside this checkout's and compare on the same
 * machine at the same moment (runs minutes apart on a shared machine differ more than most changes do).
 * The commit's files (`git archive`) go into a directory under the system's temp dir, with this checkout's
 * packages hard-linked in (nothing is copied; a build writes new files only) and its generated Prisma
 * client copied; so the commit must have this checkout's package-lock.json and Prisma schema. The build is
 * kept and reused for the same commit.
 */
export async function ensureBaselineBuild(
  ref: string,
  log: (line: string) => void,
): Promise<{ directory: string; commit: string }> {
  const commit = git(["rev-parse", "--verify", `${ref}^{commit}`]);
  for (const file of ["package-lock.json", "prisma/schema.prisma"]) {
    if (git(["diff", "--name-only", commit, "HEAD", "--", file]) !== "")
      throw new Error(
        `baseline ${commit.slice(0, 8)} has another ${file}: its packages or generated client would not be the ones installed here`,
      );
  }
  const directory = path.join(os.tmpdir(), `showreel-baseline-${commit.slice(0, 12)}`);
  const stamp = path.join(directory, ".showreel-baseline-build");
  if (
    existsSync(stamp) &&
    readFileSync(stamp, "utf8").trim() === commit &&
    existsSync(path.join(directory, ".next/BUILD_ID"))
  ) {
    log(`baseline: reusing the build of ${commit.slice(0, 8)} in ${directory}`);
    return { directory, commit };
  }
  log(`baseline: building ${commit.slice(0, 8)} in ${directory}, which takes minutes on this machine`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  execFileSync("sh", ["-c", 'git archive "$1" | tar -x -C "$2"', "archive", commit, directory], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(directory, "node_modules")]);
  execFileSync("cp", ["-r", path.join(ROOT, "src/generated"), path.join(directory, "src/generated")]);
  const started = performance.now();
  await runNextBuild(directory);
  writeFileSync(stamp, `${commit}\n`);
  log(`baseline: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { directory, commit };
}
