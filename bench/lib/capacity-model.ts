/**
 * The sync engine's capacity on paper, from what a benchmark run measured (docs/capacity.md is written
 * from this): CPU per check for each process and WAL per check, turned into
 * - the throughput a machine should reach with W worker processes (checked against the measured runs);
 * - the cores workers and Postgres need at a fleet size and cadence;
 * - the fleet size at which one Postgres server stops being enough.
 *
 * The model: a worker process is one thread (Node's event loop), so it cannot exceed 1 / (its CPU per
 * check); all processes share the machine's cores, so together they cannot exceed cores / (the sum of CPU
 * per check over every process on the box). Throughput is the smaller of the two. Latency is absorbed by
 * concurrency (checks in flight), not modelled.
 */

export type MeasuredCheckCost = {
  /** CPU milliseconds per check, per process kind, averaged over a measured run. */
  workerMs: number;
  postgresMs: number;
  /** The emulator stands in for Google on the benchmark machine; in production it is not on our cores. */
  upstreamMs: number;
  /** WAL bytes Postgres wrote per check. */
  walBytes: number;
};

/** Checks per second `workers` worker processes can reach on `cores` cores, everything on one box. */
export function predictedChecksPerSecond(cost: MeasuredCheckCost, workers: number, cores: number): number {
  const perWorkerCeiling = 1000 / cost.workerMs;
  const machineCeiling = (cores * 1000) / (cost.workerMs + cost.postgresMs + cost.upstreamMs);
  return Math.min(workers * perWorkerCeiling, machineCeiling);
}

/** The share of a core a sized deployment plans to use, leaving headroom for bursts and other work. */
export const PLANNED_UTILISATION = 0.6;
/**
 * One Postgres server's ceiling, for the verdict on when to scale out: cores of a large single server
 * (cloud instances top out around 96–192 vCPUs; we plan on 64 for sync), and a sustained WAL rate a
 * single primary and its replicas keep up with (replication, archiving, checkpoints) — 100 MB/s.
 */
export const SINGLE_POSTGRES = { cores: 64, walBytesPerSecond: 100 * 1024 * 1024 } as const;

export type FleetPlan = {
  channels: number;
  checksPerSecond: number;
  workerCores: number;
  workers: number;
  postgresCores: number;
  walMBPerSecond: number;
  fitsOnePostgres: boolean;
};

/** Sizing for `channels` checked every `cadenceSeconds` (the worst case: every channel on the active tier). */
export function planFleet(cost: MeasuredCheckCost, channels: number, cadenceSeconds: number): FleetPlan {
  const checksPerSecond = channels / cadenceSeconds;
  const workerCores = (checksPerSecond * cost.workerMs) / 1000 / PLANNED_UTILISATION;
  const postgresCores = (checksPerSecond * cost.postgresMs) / 1000 / PLANNED_UTILISATION;
  const walBytesPerSecond = checksPerSecond * cost.walBytes;
  return {
    channels,
    checksPerSecond,
    workerCores,
    // One worker process per core it may use.
    workers: Math.max(1, Math.ceil(workerCores)),
    postgresCores,
    walMBPerSecond: walBytesPerSecond / (1024 * 1024),
    fitsOnePostgres: postgresCores <= SINGLE_POSTGRES.cores && walBytesPerSecond <= SINGLE_POSTGRES.walBytesPerSecond,
  };
}

/** The largest fleet one Postgres server carries at `cadenceSeconds`, and what limits it first. */
export function singlePostgresLimit(
  cost: MeasuredCheckCost,
  cadenceSeconds: number,
): { channels: number; limitedBy: "cpu" | "wal" } {
  const byCpu = ((SINGLE_POSTGRES.cores * PLANNED_UTILISATION * 1000) / cost.postgresMs) * cadenceSeconds;
  const byWal = (SINGLE_POSTGRES.walBytesPerSecond / cost.walBytes) * cadenceSeconds;
  return byCpu <= byWal ? { channels: byCpu, limitedBy: "cpu" } : { channels: byWal, limitedBy: "wal" };
}
