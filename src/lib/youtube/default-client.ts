/**
 * Builds the YouTube client the app uses: configured base URLs and API key, the process's pooled Agent,
 * the process's breakers (one per upstream, shared by every client built here), and the Postgres quota
 * ledger for the given purpose and user (background work through the process's lease of units).
 */
import { env } from "~/env";
import { recordBreakerTransition } from "~/lib/ops/record-breaker-transition";
import { recordConfigError } from "~/lib/ops/record-config-error";
import { markQuotaExhausted } from "~/lib/quota/mark-quota-exhausted";
import { backgroundQuotaLease } from "~/lib/quota/quota-lease";
import { reserveQuota, type QuotaPurpose } from "~/lib/quota/reserve-quota";
import { createUpstreamBreaker, type UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import { httpAgent } from "~/server/http";
import { metrics } from "~/server/metrics";
import { processSingleton } from "~/server/process-singleton";
import type { Logger } from "~/server/logger";
import { createYouTubeClient, type YouTubeClient } from "./client";
import { YouTubeApiError } from "./errors";

/** Only outages open a breaker: 5xx, timeouts, network failures. */
export const isYouTubeOutage = (error: unknown) => error instanceof YouTubeApiError && error.kind === "server";

type YouTubeBreakers = { dataApi: UpstreamBreaker; feeds: UpstreamBreaker };

const STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

function observedBreaker(upstream: string, name: string): UpstreamBreaker {
  const breaker = createUpstreamBreaker(name, { isFailure: isYouTubeOutage });
  metrics.circuitState.set({ upstream }, STATE_VALUE.closed);
  breaker.onStateChange((state) => {
    metrics.circuitState.set({ upstream }, STATE_VALUE[state]);
    metrics.circuitTransitionsTotal.inc({ upstream, state });
    void recordBreakerTransition({ upstream, state });
  });
  return breaker;
}

/** The process's breakers; their state is exported as youtube_circuit_state{upstream}. */
export function youtubeBreakers(): YouTubeBreakers {
  return processSingleton(
    "showreelYouTubeBreakers",
    (): YouTubeBreakers => ({
      dataApi: observedBreaker("youtube_data_api", "YouTube Data API"),
      feeds: observedBreaker("youtube_feeds", "YouTube feeds"),
    }),
  );
}

export function createDefaultYouTubeClient(options: {
  logger: Logger;
  purpose: QuotaPurpose;
  /** Whose quota share pays, for work done on a user's behalf. */
  userId?: string | undefined;
  getAccessToken?: ((options: { forceRefresh: boolean }) => Promise<string>) | undefined;
  /** Told about every reservation, so a run can record the units it spent. */
  onUnitsSpent?: (units: number) => void;
}): YouTubeClient {
  return createYouTubeClient({
    apiBaseUrl: env.YOUTUBE_API_BASE_URL,
    feedBaseUrl: env.YOUTUBE_FEED_BASE_URL,
    apiKey: env.YOUTUBE_API_KEY,
    getAccessToken: options.getAccessToken,
    dispatcher: httpAgent,
    breakers: youtubeBreakers(),
    quota: {
      reserve: async (units) => {
        // Background work without a user takes from the process's lease; a user's work is charged exactly.
        if (options.purpose === "background" && !options.userId) await backgroundQuotaLease().take(units);
        else await reserveQuota({ units, purpose: options.purpose, userId: options.userId });
        options.onUnitsSpent?.(units);
      },
      markExhausted: async () => {
        const until = await markQuotaExhausted();
        // Units held for a day Google has closed would only buy more quotaExceeded answers.
        await backgroundQuotaLease().release();
        return until;
      },
    },
    onConfigError: (report) => void recordConfigError({ ...report, logger: options.logger }),
    logger: options.logger.child({ upstream: "youtube" }),
    timeoutMs: env.YOUTUBE_HTTP_TIMEOUT_MS,
  });
}
