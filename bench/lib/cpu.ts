/**
 * Who spent the CPU during a measured interval: tracked processes by pid, this database's Postgres backends
 * (backends that appear during the interval count from zero), the backends that ended during it (any
 * database's: the postmaster's ended children, apart, for a caller whose load connects per request), the
 * harness itself (bench/run.ts — the load
 * generator or scheduler loop when it runs in-process) and the whole machine, other tenants included.
 */
import type pg from "pg";
import { cpuSecondsOf, machineCpuTicks, parentPidOf, reapedChildrenCpuSecondsOf, treeCpuSecondsOf } from "./processes";

export type CpuSnapshot = {
  processes: Map<number, number>;
  postgres: Map<number, number>;
  /** CPU seconds of the postmaster's ended children so far; 0 when Postgres is not on this machine. */
  postgresEnded: number;
  harness: number;
  machine: { busy: number; total: number };
};

/** The postmaster: the parent of this connection's backend (null when Postgres runs on another machine). */
async function postmasterPid(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return parentPidOf(rows[0]!.pid);
}

async function postgresBackendPids(pool: pg.Pool, excludeApplication: string | null): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND ($1::text IS NULL OR application_name IS DISTINCT FROM $1)`,
    [excludeApplication],
  );
  return rows.map((row) => row.pid);
}

/**
 * `excludeApplication`: backends with this application_name are left out of Postgres's CPU — the harness's
 * own connections, whose progress polling would otherwise be billed to the system under test.
 * `withDescendants`: each tracked pid counts with every process below it (a server that forks helpers).
 */
export async function snapshotCpu(
  pool: pg.Pool,
  pids: readonly number[],
  options: { excludeApplication?: string; withDescendants?: boolean } = {},
): Promise<CpuSnapshot> {
  const backends = await postgresBackendPids(pool, options.excludeApplication ?? null);
  const postmaster = await postmasterPid(pool);
  const usage = process.cpuUsage();
  const cpuOf = options.withDescendants ? treeCpuSecondsOf : cpuSecondsOf;
  return {
    processes: new Map(pids.map((pid) => [pid, cpuOf(pid)])),
    postgres: new Map(backends.map((pid) => [pid, cpuSecondsOf(pid)])),
    postgresEnded: postmaster === null ? 0 : reapedChildrenCpuSecondsOf(postmaster),
    harness: (usage.user + usage.system) / 1e6,
    machine: machineCpuTicks(),
  };
}

/**
 * CPU seconds used between two snapshots: per tracked pid, by this database's Postgres backends, by the
 * backends that ended in between (`postgresEnded`, any database's, apart from `postgres`, which reads only
 * backends alive at the second snapshot), by the harness; and the machine's busy share.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
  const of = (pid: number) => (after.processes.get(pid) ?? 0) - (before.processes.get(pid) ?? 0);
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  const machine = (after.machine.busy - before.machine.busy) / Math.max(1, after.machine.total - before.machine.total);
  // A backend of this database that ended in between counts in the ended children's CPU with its whole life:
  // take off what it had used by the first snapshot.
  let endedBefore = 0;
  for (const [pid, seconds] of before.postgres) if (!after.postgres.has(pid)) endedBefore += seconds;
  return {
    of,
    postgres,
    postgresEnded: Math.max(0, after.postgresEnded - before.postgresEnded - endedBefore),
    harness: after.harness - before.harness,
    machineBusyShare: machine,
  };
}
