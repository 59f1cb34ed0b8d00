/**
 * The restore drill (docs/operations.md, "Backup and restore"): a working database — a channel import in
 * flight, its worker killed mid-batch, a job queued and not yet run — is dumped with pg_dump, restored
 * with pg_restore into a new database, and a worker started on the copy finishes the work: every video a
 * project exactly once, the run done, the queued job run, nothing left claimed or queued. The checks the
 * runbook asks for after a restore (migrations table, pg-boss schema version) are made on the copy.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createCaller } from "~/trpc/routers/_app";
import { databaseNameOf, dropDatabase, ensureDatabase } from "../scripts/db/ensure-database";
import {
  channelWithUploads,
  cleanUpAfterEachScenario,
  control,
  importRun,
  jobStatesOfRun,
  killStartedWorkers,
  printOutcome,
  startChannelImport,
  startReadyWorker,
  until,
} from "@test/fault-harness";
import { createTestUser } from "@test/test-user";
import { siblingDatabaseUrl, testDatabaseUrl } from "@test/test-db-url";

const run = promisify(execFile);

/** No AI pass: the drill counts import jobs only. */
const WORKER_ENV = { AI_BASE_URL: "" };

cleanUpAfterEachScenario();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // The copy's worker goes first (this hook may run before the harness's own).
  killStartedWorkers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One statement against a database other than the test's own (the restored copy). */
async function queryOn<Row extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const majorOf = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

/** pg_dump refuses a server newer than itself: say which client to install rather than fail obscurely. */
async function assertClientCanDump(url: string): Promise<string> {
  const { stdout } = await run("pg_dump", ["--version"]);
  const [server] = await queryOn<{ server_version: string }>(url, "SHOW server_version");
  const client = majorOf(stdout);
  const serverMajor = majorOf(server?.server_version ?? "");
  if (client < serverMajor)
    throw new Error(
      `pg_dump ${client} cannot dump PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor}`,
    );
  return `pg_dump ${/\(PostgreSQL\) (\S+)/.exec(stdout)?.[1] ?? stdout.trim()}, server ${server?.server_version ?? "?"}`;
}

async function runOnCopy(url: string, runId: string) {
  const [row] = await queryOn<{ status: string; total: number; imported: number; skipped: number; failed: number }>(
    url,
    `SELECT status::text AS status, total, imported, skipped, failed FROM "ImportRun" WHERE id = $1`,
    [runId],
  );
  if (!row) throw new Error(`run ${runId} is missing from ${databaseNameOf(url)}`);
  return row;
}

describe("restore drill", () => {
  it("pg_dump of a working database → pg_restore into a new one → a worker there finishes the import: nothing lost or duplicated", async () => {
    const VIDEOS = 200;
    const source = testDatabaseUrl();
    const versions = await assertClientCanDump(source);
    const channel = await channelWithUploads(VIDEOS);
    // Slow videos.list replies keep batches in flight when the worker is killed.
    await control("POST", "/faults", { kind: "latency", endpoint: "videos", latencyMs: 1_500 });
    const { user, runId } = await startChannelImport(channel.id, VIDEOS);

    const first = await startReadyWorker(WORKER_ENV);
    await until(
      async () => {
        const states = await jobStatesOfRun(runId);
        return (
          (await importRun(runId)).imported > 0 &&
          Object.entries(states).some(([key, count]) => key.endsWith(":active") && count > 0)
        );
      },
      "a batch applied and another in flight",
      90_000,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    // Work queued after the crash, waiting for a worker: a system ping.
    const admin = await createTestUser({ role: "admin" });
    const { pingId } = await createCaller(admin.context).system.ping();
    const atDump = await importRun(runId);
    const jobsAtDump = await jobStatesOfRun(runId);
    expect(atDump.imported).toBeLessThan(VIDEOS);

    const dumpFile = path.join(os.tmpdir(), `showreel-drill-${randomBytes(4).toString("hex")}.dump`);
    cleanups.push(() => rm(dumpFile, { force: true }));
    const dumpStarted = Date.now();
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-acl", `--file=${dumpFile}`, `--dbname=${source}`]);
    const dumpMs = Date.now() - dumpStarted;
    const dumpBytes = (await stat(dumpFile)).size;

    const copy = siblingDatabaseUrl(`${databaseNameOf(source).slice(0, 40)}_restored`);
    await ensureDatabase(copy);
    cleanups.push(() => dropDatabase(copy));
    const restoreStarted = Date.now();
    await run("pg_restore", ["--no-owner", "--no-acl", "--exit-on-error", `--dbname=${copy}`, dumpFile]);
    const restoreMs = Date.now() - restoreStarted;

    // The runbook's checks after a restore: every migration recorded, the same pg-boss schema version, the
    // queue tables and the run's jobs exactly as dumped.
    const migrationsSql = `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const [sourceMigrations] = await queryOn<{ n: number }>(source, migrationsSql);
    const [copyMigrations] = await queryOn<{ n: number }>(copy, migrationsSql);
    expect(copyMigrations?.n).toBe(sourceMigrations?.n);
    const versionSql = "SELECT version FROM pgboss.version";
    expect(await queryOn(copy, versionSql)).toEqual(await queryOn(source, versionSql));
    const statesOnCopy = await queryOn<{ key: string; n: number }>(
      copy,
      `SELECT name || ':' || state::text AS key, count(*)::int AS n FROM pgboss.job WHERE data->>'runId' = $1 GROUP BY 1`,
      [runId],
    );
    expect(Object.fromEntries(statesOnCopy.map((row) => [row.key, row.n]))).toEqual(jobsAtDump);

    await control("DELETE", "/faults");
    const restoredAt = Date.now();
    await startReadyWorker({ ...WORKER_ENV, DATABASE_URL: copy });
    await until(
      async () => (await runOnCopy(copy, runId)).status === "done",
      "the run to finish on the restored copy",
      150_000,
    );
    await until(
      async () =>
        (await queryOn(copy, `SELECT 1 FROM "SystemPing" WHERE id = $1 AND "handledAt" IS NOT NULL`, [pingId]))
          .length === 1,
      "the queued ping to run on the copy",
      60_000,
    );
    const finishedInMs = Date.now() - restoredAt;

    const finished = await runOnCopy(copy, runId);
    expect(finished).toEqual({ status: "done", total: VIDEOS, imported: VIDEOS, skipped: 0, failed: 0 });
    const [projects] = await queryOn<{ projects: number; distinct_videos: number }>(
      copy,
      `SELECT count(*)::int AS projects, count(DISTINCT "youtubeVideoId")::int AS distinct_videos FROM "Project" WHERE "userId" = $1`,
      [user.id],
    );
    expect(projects).toEqual({ projects: VIDEOS, distinct_videos: VIDEOS });
    // A job killed after its batch committed but before pg-boss heard so is run again (after its heartbeat
    // lapsed, as a retry) and finds the batch applied: once retries settle, every job of the run completed.
    const unsettled = () =>
      queryOn<{ key: string }>(
        copy,
        `SELECT name || ':' || state::text AS key FROM pgboss.job WHERE (data->>'runId' = $1 OR data->>'pingId' = $2) AND state <> 'completed'`,
        [runId, pingId],
      );
    let leftOver = await unsettled();
    const unsettledAtDone = leftOver.map((row) => row.key);
    await until(
      async () => (leftOver = await unsettled()).length === 0,
      "every job of the run to complete on the copy",
      60_000,
      () => JSON.stringify(leftOver),
    );
    expect(leftOver).toEqual([]);
    expect(await runOnCopy(copy, runId)).toEqual(finished);
    // The worker ran on the copy alone: the original still shows the run where the crash left it.
    expect((await importRun(runId)).imported).toBe(atDump.imported);

    printOutcome("restore_drill", {
      versions,
      videos: VIDEOS,
      importedAtDump: atDump.imported,
      jobsAtDump,
      dumpBytes,
      dumpMs,
      restoreMs,
      finishedInMs,
      unsettledAtDone,
      projects: projects?.projects,
      duplicates: (projects?.projects ?? 0) - (projects?.distinct_videos ?? 0),
    });
  });
});
