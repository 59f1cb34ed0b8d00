/**
 * Health of this process's dependencies, for /api/health, /api/ready and the tRPC `system.health` query.
 * Each probe is bounded by HEALTH_PROBE_TIMEOUT_MS so a hung database makes the check fail, not hang.
 */
import { BOSS_SCHEMA } from "~/server/boss";
import { db } from "~/server/db";

const HEALTH_PROBE_TIMEOUT_MS = 2_000;

export type ProbeResult = { ok: boolean; latencyMs: number; error?: string };
export type HealthReport = { status: "ok" | "degraded"; checks: Record<string, ProbeResult> };

async function probe(check: () => Promise<unknown>): Promise<ProbeResult> {
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${HEALTH_PROBE_TIMEOUT_MS} ms`)),
          HEALTH_PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    // Connection errors can carry the URL; report only the kind of failure.
    const code = (error as { code?: string }).code;
    const message = error instanceof Error && error.message.startsWith("no answer") ? error.message : "unreachable";
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - startedAt),
      error: code ? `${message} (${code})` : message,
    };
  } finally {
    clearTimeout(timer);
  }
}

function report(checks: Record<string, ProbeResult>): HealthReport {
  return { status: Object.values(checks).every((check) => check.ok) ? "ok" : "degraded", checks };
}

/** Liveness plus the database: what a load balancer needs. */
export async function checkHealth(): Promise<HealthReport> {
  return report({ database: await probe(() => db.$queryRaw`SELECT 1`) });
}

/** Readiness: the database answers and pg-boss's schema is installed (jobs can be enqueued). */
export async function checkReadiness(): Promise<HealthReport> {
  const [database, jobQueue] = await Promise.all([
    probe(() => db.$queryRaw`SELECT 1`),
    probe(async () => {
      const rows = await db.$queryRawUnsafe<{ version: number }[]>(`SELECT version FROM "${BOSS_SCHEMA}".version`);
      if (rows.length === 0) throw new Error("pg-boss schema not installed");
    }),
  ]);
  return report({ database, jobQueue });
}
