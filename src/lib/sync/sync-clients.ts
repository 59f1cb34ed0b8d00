/**
 * The YouTube clients the sync engine's checks share: one for the feed path (0 units, built once per
 * process, so a check allocates no client, logger or breaker), and a factory for the rare checks that
 * spend units (playlist fallback, backfill, channel confirmation), which count what they spend.
 */
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import type { Logger } from "~/server/logger";
import type { CheckClients } from "./run-check";

export function createSyncClients(logger: Logger): CheckClients {
  return {
    feeds: createDefaultYouTubeClient({ logger, purpose: "background" }),
    counting: (onUnitsSpent) => createDefaultYouTubeClient({ logger, purpose: "background", onUnitsSpent }),
  };
}
