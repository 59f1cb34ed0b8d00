/** The machine a run happened on, printed with its figures (docs/benchmarks.md never mixes machines). */
import os from "node:os";
import type pg from "pg";

export type MachineInfo = {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  loadAverage: number[];
};

export async function describeMachine(pool: pg.Pool): Promise<MachineInfo> {
  const { rows } = await pool.query<{ version: string }>("SELECT version()");
  const postgres = /^PostgreSQL [\d.]+/.exec(rows[0]?.version ?? "")?.[0] ?? rows[0]?.version ?? "unknown";
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export function machineLine(machine: MachineInfo): string {
  return `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.postgres}; load average at start ${machine.loadAverage.join(" / ")}`;
}
