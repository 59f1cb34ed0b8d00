/**
 * Two processes racing for one connection's token refresh, set up so that they really overlap: the other
 * process reports ready before anything starts, and `waitForRefreshWaiter` sees it waiting on the refresh
 * lock (pg_advisory_xact_lock on the connection id) while the first refresh is held at the token endpoint.
 * Used by get-access-token.int.test.ts and connect-flow.int.test.ts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { db } from "~/server/db";

const ROOT = path.resolve(import.meta.dirname, "..");

export type TokenRacer = { go: () => void; tokens: Promise<string[]> };

/** Starts `token-racer.ts` and resolves once it has booted and connected; `go()` fires its calls. */
export async function startTokenRacer(
  connectionId: string,
  count: number,
  env: Record<string, string> = {},
): Promise<TokenRacer> {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["test/token-racer.ts", connectionId, String(count)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = new Promise<void>((resolve, reject) => {
    lines.once("line", (line) => (line === "ready" ? resolve() : reject(new Error(`racer said ${line}`))));
    void exited.then((code) => reject(new Error(`racer exited ${code} before it was ready`)));
  });
  await ready;
  const tokens = new Promise<string[]>((resolve, reject) => {
    lines.once("line", (line) => resolve((JSON.parse(line) as { tokens: string[] }).tokens));
    void exited.then((code) => reject(new Error(`racer exited ${code} without an answer`)));
  });
  return { go: () => child.stdin.end("go\n"), tokens };
}

/**
 * Resolves true once some session of this database waits for the connection's refresh lock, false if none
 * did within `timeoutMs` (as when the lock is missing and both processes refresh on their own).
 */
export async function waitForRefreshWaiter(
  connectionId: string,
  timeoutMs: number,
  stopEarly: () => boolean = () => false,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopEarly()) {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND objid = hashtext(${connectionId})::oid
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    if ((row?.waiting ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
