import { purgeAccount } from "~/lib/account/purge-account";
import type { accountPurgeJob } from "~/lib/jobs/account-purge.job";
import type { JobHandler } from "../lib/run-job";

// account.purge — resumable chunked deletion of a closed account; idempotent per userId; queues itself for the user row
export const handleAccountPurge: JobHandler<typeof accountPurgeJob> = (payload, { logger, signal, boss }) =>
  purgeAccount({ userId: payload.userId, boss, logger, signal });
