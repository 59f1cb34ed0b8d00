import type { syncCheckChannelJob } from "~/lib/jobs/sync-check-channel";
import { checkChannel } from "~/lib/sync/check-channel";
import type { JobHandler } from "../lib/run-job";

// sync.check-channel — one per channel at a time (exclusive queue); waits for Google become the channel's nextCheckAt
export const handleSyncCheckChannel: JobHandler<typeof syncCheckChannelJob> = (payload, { logger, signal, boss }) =>
  checkChannel({ channelId: payload.channelId, trigger: payload.trigger, boss, logger, signal });
