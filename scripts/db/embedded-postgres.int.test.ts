/**
 * The zero-setup database of `npm run dev`, the tests and the benchmarks: first start initialises a data
 * directory, a second start while it runs reuses the running server, and a start after a stop reuses the
 * same data — from a checkout under a private (0700) folder, as `git clone` into `mktemp -d` or root's
 * home gives. Where it cannot start, the launcher's database process prints one line and exits at once.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@test/free-port";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Ports free right now, not picked by formula: a port such as 54000 + pid lies in the ephemeral range, where
// any outgoing connection of the tests running beside this one may hold it, and Postgres then cannot listen
// ("could not create any TCP/IP sockets").
const PORT = await freePort();
const SECOND_PORT = await freePort();
const cleanUps: (() => Promise<void>)[] = [];

async function query(serverUrl: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const cleanUp of cleanUps.reverse()) await cleanUp().catch(() => {});
});

describe("startEmbeddedPostgres", () => {
  it("starts from a checkout under a 0700 folder, reuses a running server, and keeps its data across restarts", async () => {
    const privateFolder = await mkdtemp(path.join(os.tmpdir(), "showreel-private-"));
    expect((await stat(privateFolder)).mode & 0o777).toBe(0o700);
    cleanUps.push(() => rm(privateFolder, { recursive: true, force: true }));
    const requestedDir = path.join(privateFolder, "checkout", ".data", "pg");
    const started: EmbeddedDatabase[] = [];
    cleanUps.push(async () => {
      for (const server of started) await server.stop();
      if (started[0]) await rm(started[0].dataDir, { recursive: true, force: true });
    });

    const lines: string[] = [];
    const first = await startEmbeddedPostgres({ dataDir: requestedDir, port: PORT, log: (line) => lines.push(line) });
    started.push(first);
    expect(first.wasRunning).toBe(false);
    expect(lines.some((line) => line.startsWith("initialising"))).toBe(true);
    expect(existsSync(path.join(first.dataDir, "PG_VERSION"))).toBe(true);
    // As root the server's user cannot enter the private folder: its data must live outside it.
    if (process.getuid?.() === 0) expect(first.dataDir.startsWith(privateFolder)).toBe(false);
    await query(first.serverUrl, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

    const second = await startEmbeddedPostgres({ dataDir: requestedDir, port: PORT });
    expect(second.wasRunning).toBe(true);
    expect(second.dataDir).toBe(first.dataDir);
    expect(await query(second.serverUrl, "SELECT id FROM kept")).toEqual([{ id: 42 }]);

    await first.stop();
    started.length = 0;
    lines.length = 0;
    const third = await startEmbeddedPostgres({ dataDir: requestedDir, port: PORT, log: (line) => lines.push(line) });
    started.push(third);
    expect(third.wasRunning).toBe(false);
    expect(third.dataDir).toBe(first.dataDir);
    expect(lines.some((line) => line.startsWith("initialising"))).toBe(false);
    expect(await query(third.serverUrl, "SELECT id FROM kept")).toEqual([{ id: 42 }]);
  }, 120_000);

  it("prints one line naming the cause and the fix, and exits non-zero, when it cannot start", async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), "showreel-unwritable-"));
    cleanUps.push(() => rm(scratch, { recursive: true, force: true }));
    // A regular file where the folder should be: nobody, root included, can create a folder inside it.
    const blocked = path.join(scratch, "not-a-folder");
    await writeFile(blocked, "");
    const home = path.join(blocked, "home");

    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/dev/embedded-db-process.ts", path.join(scratch, "pg"), String(SECOND_PORT)],
      {
        cwd: ROOT,
        env: { ...process.env, SHOWREEL_PG_HOME: home },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    const printed = stderr.trim().split("\n");
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(home);
    expect(printed[0]).toContain("ENOTDIR");
    expect(printed[0]).toMatch(/set DATABASE_URL .* or SHOWREEL_PG_HOME/);
    expect(printed[0]).not.toMatch(/\bat .*:\d+:\d+/);
  }, 60_000);
});
