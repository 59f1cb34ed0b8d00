/**
 * The zero-setup database of `npm run dev`: first start initialises a data directory, a second start while
 * it runs reuses the running server, and a start after a stop reuses the same data.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";

const PORT = 54000 + (process.pid % 900);
let dataDir: string | undefined;
const started: EmbeddedDatabase[] = [];

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
  for (const server of started.reverse()) await server.stop().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it("initialises once, reuses a running server, and keeps its data across restarts", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "showreel-embedded-"));
    // As root, postgres runs as a `postgres` system user, which must be able to reach the data directory.
    await chmod(dataDir, 0o755);
    const lines: string[] = [];
    const first = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: PORT, log: (line) => lines.push(line) });
    started.push(first);
    expect(first.wasRunning).toBe(false);
    expect(lines.some((line) => line.startsWith("initialising"))).toBe(true);
    await query(first.serverUrl, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

    const second = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: PORT });
    expect(second.wasRunning).toBe(true);
    expect(await query(second.serverUrl, "SELECT id FROM kept")).toEqual([{ id: 42 }]);

    await first.stop();
    started.length = 0;
    lines.length = 0;
    const third = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: PORT, log: (line) => lines.push(line) });
    started.push(third);
    expect(third.wasRunning).toBe(false);
    expect(lines.some((line) => line.startsWith("initialising"))).toBe(false);
    expect(await query(third.serverUrl, "SELECT id FROM kept")).toEqual([{ id: 42 }]);
  }, 120_000);
});
