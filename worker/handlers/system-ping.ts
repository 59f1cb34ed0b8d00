import { hostname } from "node:os";
import type { systemPingJob } from "~/lib/jobs/system-ping.job";
import { recordPing } from "~/lib/system/record-ping";
import type { JobHandler } from "../lib/run-job";

const WORKER_IDENTITY = `${hostname()}:${process.pid}`;

// system.ping — idempotent per pingId (upsert); retried on database errors.
export const handleSystemPing: JobHandler<typeof systemPingJob> = (payload, { logger }) =>
  recordPing({ pingId: payload.pingId, handledBy: WORKER_IDENTITY, logger });
