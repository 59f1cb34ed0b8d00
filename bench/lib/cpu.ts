/**
 * Who spent the CPU during a measured interval: tracked processes by pid, this database's Postgres backends
 * (backends that appear during the interval count from zero), the harness itself (bench/run.ts — the load
 * generator or scheduler loop when it runs in-process) and the whole machine, other tenants included.
 */
import type pg from "pg";
import { cpuSecondsOf, machineCpuTicks, treeCpuSecondsOf } from "./processes";

export type CpuSnapshot = {
  processes: Map<number, number>;
  postgres: Map<number, number>;
  harness: number;
  machine: { busy: number; total: number };
};

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
  const usage = process.cpuUsage();
  const cpuOf = options.withDescendants ? treeCpuSecondsOf : cpuSecondsOf;
  return {
    processes: new Map(pids.map((pid) => [pid, cpuOf(pid)])),
    postgres: new Map(backends.map((pid) => [pid, cpuSecondsOf(pid)])),
    harness: (usage.user + usage.system) / 1e6,
    machine: machineCpuTicks(),
  };
}

/** CPU seconds used between two snapshots: per tracked pid, by this database's Postgres backends, by the harness; and the machine's busy share. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
  const of = (pid: number) => (after.processes.get(pid) ?? 0) - (before.processes.get(pid) ?? 0);
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  const machine = (after.machine.busy - before.machine.busy) / Math.max(1, after.machine.total - before.machine.total);
  return { of, postgres, harness: after.harness - before.harness, machineBusyShare: machine };
}
