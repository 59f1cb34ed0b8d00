/**
 * Cron schedules, applied at every boot (pg-boss upserts them by name). Times are UTC unless a schedule
 * says otherwise; pg-boss evaluates cron about every 30 s, so nothing here is finer than a minute.
 */
import type { PgBoss } from "pg-boss";
import { dataExportPruneJob } from "~/lib/jobs/data-export-prune.job";
import { enqueue } from "~/lib/jobs/enqueue";
import { opsSampleJob } from "~/lib/jobs/ops-sample.job";
import { projectsRefreshJob } from "~/lib/jobs/projects-refresh.job";
import { retentionPruneJob } from "~/lib/jobs/retention-prune.job";
import { systemPingJob } from "~/lib/jobs/system-ping.job";
import { websubRenewJob } from "~/lib/jobs/websub-renew.job";

const SCHEDULES = [
  // Heartbeat: proves a worker is consuming jobs; /ops shows the last one.
  { job: systemPingJob, cron: "*/5 * * * *", tz: "UTC", payload: {} },
  // WebSub leases renew ~80 % into their length; a run every minute queues what fell due since the last.
  { job: websubRenewJob, cron: "* * * * *", tz: "UTC", payload: {} },
  // Retention: small chunked runs all day (src/lib/retention/prune-expired-rows.ts), never a nightly burst.
  { job: retentionPruneJob, cron: "*/10 * * * *", tz: "UTC", payload: {} },
  // One minute of /ops history (queue depths, job durations, quota, sync lag).
  { job: opsSampleJob, cron: "* * * * *", tz: "UTC", payload: {} },
  // YouTube data renewed a slice at a time all day (REFRESH_TICK_MS in src/lib/projects/refresh-plan.ts).
  { job: projectsRefreshJob, cron: "*/5 * * * *", tz: "UTC", payload: {} },
  // Export files expire DATA_EXPORT_TTL_HOURS after they are ready; the hour after, they are gone.
  { job: dataExportPruneJob, cron: "17 * * * *", tz: "UTC", payload: {} },
] as const;

export async function applySchedules(boss: PgBoss): Promise<void> {
  for (const schedule of SCHEDULES) {
    await boss.schedule(schedule.job.name, schedule.cron, schedule.job.schema.parse(schedule.payload) as object, {
      ...schedule.job.defaults,
      tz: schedule.tz,
    });
  }
  // The first cron tick can be up to 90 s away; a sample now gives /ops a point at once after a deploy.
  await enqueue(boss, opsSampleJob, {});
}
