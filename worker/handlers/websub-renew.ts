import { enqueueMany } from "~/lib/jobs/enqueue";
import type { websubRenewJob } from "~/lib/jobs/websub-renew";
import { websubSubscribeJob } from "~/lib/jobs/websub-subscribe";
import { findDueSubscriptions } from "~/lib/sync/websub";
import type { JobHandler } from "../lib/run-job";

/** Renewals queued per run; the hourly schedule and the jittered renew times keep the backlog small. */
export const RENEWALS_PER_RUN = 5_000;

// websub.renew — hourly; queues one websub.subscribe per channel due (exclusive queue: never twice)
export const handleWebsubRenew: JobHandler<typeof websubRenewJob> = async (_payload, { logger, boss }) => {
  const channelIds = await findDueSubscriptions(RENEWALS_PER_RUN);
  await enqueueMany(boss, websubSubscribeJob, channelIds.map((channelId) => ({ channelId })), { singletonKeyOf: (payload) => payload.channelId });
  logger.info({ queued: channelIds.length }, "websub.renewals_queued");
  return { queued: channelIds.length };
};
