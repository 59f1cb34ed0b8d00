import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { siblingDatabaseUrl, testDatabaseUrl } from "@test/test-db-url";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from "./apply-migrations";
import { dropDatabase, ensureDatabase } from "./ensure-database";

const scratchUrls: string[] = [];

async function scratchDatabase(label: string): Promise<string> {
  const url = siblingDatabaseUrl(`showreel_mig_${label}_${process.pid}_${Date.now().toString(36)}`);
  await ensureDatabase(url);
  scratchUrls.push(url);
  return url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "showreel-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

afterAll(async () => {
  await Promise.all(scratchUrls.map((url) => dropDatabase(url)));
});

describe("applyMigrations", () => {
  it("is re-runnable: the test database is fully migrated, so a second run applies nothing", async () => {
    const result = await applyMigrations({ connectionString: testDatabaseUrl() });
    const onDisk = await readMigrations(DEFAULT_MIGRATIONS_DIR);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toEqual(onDisk.map((migration) => migration.name));
  });

  it("records each migration in _prisma_migrations as Prisma does (name, sha256 checksum, finished)", async () => {
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      testDatabaseUrl(),
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const onDisk = await readMigrations(DEFAULT_MIGRATIONS_DIR);
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(onDisk.map((m) => [m.name, m.checksum]));
    expect(rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
    expect(onDisk[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rolls a failed migration back completely and leaves earlier ones applied", async () => {
    const url = await scratchDatabase("fail");
    const dir = await migrationsDir({
      "20260101000000_good": `CREATE TABLE "Good" (id int PRIMARY KEY);`,
      "20260102000000_bad": `CREATE TABLE "Half" (id int PRIMARY KEY);\nINSERT INTO "Good" VALUES (1);\nSELECT no_such_function();`,
    });
    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /migration 20260102000000_bad failed and was rolled back: .*no_such_function/,
    );
    const tables = await query<{ tablename: string }>(
      url,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((row) => row.tablename)).toEqual(["Good", "_prisma_migrations"]);
    expect(await query(url, `SELECT * FROM "Good"`)).toEqual([]);
    const recorded = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((row) => row.migration_name)).toEqual(["20260101000000_good"]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await scratchDatabase("edit");
    const dir = await migrationsDir({ "20260101000000_first": `CREATE TABLE "First" (id int);` });
    await applyMigrations({ connectionString: url, migrationsDir: dir });
    await writeFile(path.join(dir, "20260101000000_first", "migration.sql"), `CREATE TABLE "First" (id bigint);`);
    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /edited after it was applied/,
    );
  });

  it("serialises concurrent runners: two at once apply each migration exactly once", async () => {
    const url = await scratchDatabase("race");
    const dir = await migrationsDir({
      "20260101000000_a": `CREATE TABLE "A" (id int);`,
      "20260102000000_b": `CREATE TABLE "B" (id int);`,
    });
    const [first, second] = await Promise.all([
      applyMigrations({ connectionString: url, migrationsDir: dir }),
      applyMigrations({ connectionString: url, migrationsDir: dir }),
    ]);
    expect([...first.applied, ...second.applied].sort()).toEqual(["20260101000000_a", "20260102000000_b"]);
    const count = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(count[0]?.n).toBe(2);
  });

  it("rejects a folder that does not follow <timestamp>_<name>", async () => {
    const dir = await migrationsDir({ "add-stuff": `SELECT 1;` });
    await expect(readMigrations(dir)).rejects.toThrow(/must be named <14-digit timestamp>_<snake_name>/);
  });
});
