import type { websubRenewJob } from "~/lib/jobs/websub-renew.job";
import { queueDueRenewals } from "~/lib/sync/websub-renewals";
import type { JobHandler } from "../lib/run-job";

// websub.renew — every minute; queues one websub.subscribe per due channel, up to a capacity that follows scale
export const handleWebsubRenew: JobHandler<typeof websubRenewJob> = async (_payload, { logger, boss }) => {
  const run = await queueDueRenewals({ boss });
  logger.info(run, "websub.renewals_queued");
  return run;
};
