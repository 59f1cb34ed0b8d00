/**
 * A circuit breaker per upstream (YouTube Data API, YouTube feeds, the AI provider), on opossum. Only
 * outages count as failures — 5xx, timeouts, network errors; a 4xx is the upstream working correctly and
 * passes through untouched. While open, calls are refused at once with UPSTREAM_UNAVAILABLE and a retryAt
 * (when the breaker will let a probe through), so jobs reschedule instead of burning retries and the
 * upstream gets no traffic. State lives in this process; each process decides for itself.
 */
import CircuitBreaker from "opossum";
import { AppError } from "~/lib/errors";
import { retryAtAfter } from "./vendor-request";

/** Failure share, over the rolling window, that opens the breaker. */
const BREAKER_ERROR_THRESHOLD_PERCENT = 50;
/** Calls needed in the window before the share is trusted (one bad call must not open it). */
export const BREAKER_VOLUME_THRESHOLD = 10;
export const BREAKER_ROLLING_WINDOW_MS = 10_000;
/** How long an open breaker refuses calls before letting one probe through (half-open). */
export const BREAKER_RESET_TIMEOUT_MS = 30_000;

export type BreakerState = "closed" | "open" | "half_open";

export type BreakerOptions = {
  errorThresholdPercent?: number;
  volumeThreshold?: number;
  rollingWindowMs?: number;
  resetTimeoutMs?: number;
  /** Decides which errors are outages. Anything it rejects passes through without counting. */
  isFailure: (error: unknown) => boolean;
};

export type UpstreamBreaker = {
  readonly name: string;
  state(): BreakerState;
  /** When an open breaker will next let a call through; null when closed. */
  retryAt(): Date | null;
  run<T>(call: () => Promise<T>): Promise<T>;
  onStateChange(listener: (state: BreakerState) => void): void;
  /** Stops timers (tests, shutdown). */
  shutdown(): void;
};

export function createUpstreamBreaker(name: string, options: BreakerOptions): UpstreamBreaker {
  const resetTimeoutMs = options.resetTimeoutMs ?? BREAKER_RESET_TIMEOUT_MS;
  const breaker = new CircuitBreaker(async (call: () => Promise<unknown>) => call(), {
    name,
    timeout: false,
    errorThresholdPercentage: options.errorThresholdPercent ?? BREAKER_ERROR_THRESHOLD_PERCENT,
    volumeThreshold: options.volumeThreshold ?? BREAKER_VOLUME_THRESHOLD,
    rollingCountTimeout: options.rollingWindowMs ?? BREAKER_ROLLING_WINDOW_MS,
    rollingCountBuckets: 10,
    resetTimeout: resetTimeoutMs,
    // opossum counts an error the filter accepts as a success: exactly what a 4xx is.
    errorFilter: (error: unknown) => !options.isFailure(error),
  });
  let openedAt: number | null = null;
  const listeners: ((state: BreakerState) => void)[] = [];
  const state = (): BreakerState => (breaker.opened ? "open" : breaker.halfOpen ? "half_open" : "closed");
  const emit = () => {
    for (const listener of listeners) listener(state());
  };
  breaker.on("open", () => {
    openedAt = Date.now();
    emit();
  });
  breaker.on("halfOpen", emit);
  breaker.on("close", () => {
    openedAt = null;
    emit();
  });

  const retryAt = () => (breaker.opened && openedAt !== null ? new Date(openedAt + resetTimeoutMs) : null);
  const refusal = (cause?: unknown) =>
    new AppError("UPSTREAM_UNAVAILABLE", `${name} is failing right now; work resumes by itself.`, {
      retryAt: retryAt() ?? retryAtAfter(resetTimeoutMs),
      cause,
    });

  return {
    name,
    state,
    retryAt,
    async run<T>(call: () => Promise<T>): Promise<T> {
      if (breaker.opened) throw refusal();
      try {
        return (await breaker.fire(call)) as T;
      } catch (error) {
        throw error instanceof Error && CircuitBreaker.isOurError(error) ? refusal(error) : error;
      }
    },
    onStateChange(listener) {
      listeners.push(listener);
    },
    shutdown() {
      breaker.shutdown();
    },
  };
}
