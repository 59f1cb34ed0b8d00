import type { opsSampleJob } from "~/lib/jobs/ops-sample.job";
import { recordOpsSample } from "~/lib/ops/record-ops-sample";
import type { JobHandler } from "../lib/run-job";

// ops.sample — every minute; idempotent per minute (the sample row is keyed by it); retried once.
export const handleOpsSample: JobHandler<typeof opsSampleJob> = (_payload, { logger }) => recordOpsSample({ logger });
