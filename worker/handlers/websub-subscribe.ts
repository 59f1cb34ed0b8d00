import type { websubSubscribeJob } from "~/lib/jobs/websub-subscribe.job";
import { requestSubscription } from "~/lib/sync/websub-subscribe";
import type { JobHandler } from "../lib/run-job";

// websub.subscribe — decides subscribe/unsubscribe from the channel's followers when it runs; hub 5xx → retry
export const handleWebsubSubscribe: JobHandler<typeof websubSubscribeJob> = (payload, { logger }) =>
  requestSubscription({ channelId: payload.channelId, logger });
