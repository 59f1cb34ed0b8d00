/**
 * Keeps one live-events stream open for a tab and decides whether the page may rely on it.
 *
 * - "connecting": opened, nothing heard yet. Pages do not poll fast meanwhile: the server answers a
 *   stream with a hello at once, so this lasts well under a second when the stream works.
 * - "live": an event (hello, ping or a change) arrived within the silence limit. Pages drop their polling.
 * - "fallback": nothing arrived within OPEN_TIMEOUT_MS of opening (a proxy that buffers the stream, a
 *   refused request), the stream failed, or it went silent for longer than SILENCE_TIMEOUT_MS (the server
 *   pings every 30 s). Pages poll slowly, and the stream is tried again after a growing pause, a little
 *   shorter at random for each tab.
 *
 * Each attempt resumes after the last event id it saw, so the server replays what was missed or says
 * "resync". Pure timing and state: the transport is passed in, so this runs without React.
 */

/** How long a new stream may stay silent before the page falls back to polling. */
export const OPEN_TIMEOUT_MS = 10_000;
/** The server pings after 30 s without events; this much silence means the stream is dead. */
export const SILENCE_TIMEOUT_MS = 75_000;
/** Pauses before trying the stream again while polling: 30 s, doubling to 5 min. */
export const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 5 * 60_000;
/**
 * Each pause is shortened by up to this share, at random. Tabs that lost their streams at the same instant
 * (their web process went away in a deploy) then come back over seconds, not all in one burst.
 */
export const RETRY_JITTER = 0.2;

export type LiveState = "connecting" | "live" | "fallback";

export type LiveSubscribe<TEvent> = (
  input: { lastEventId: string | null },
  handlers: {
    onData: (envelope: { id: string; data: TEvent }) => void;
    onError: (error: unknown) => void;
    onComplete: () => void;
  },
) => { unsubscribe: () => void };

export type LiveConnectionOptions<TEvent> = {
  subscribe: LiveSubscribe<TEvent>;
  onState: (state: LiveState) => void;
  onEvent: (event: TEvent) => void;
  timing?: { openTimeoutMs?: number; silenceTimeoutMs?: number; retryFirstMs?: number; retryMaxMs?: number };
  /** A number in [0, 1), as Math.random gives; tests pass their own. */
  random?: () => number;
};

/** Starts the stream; returns the function that stops it for good. */
export function connectLive<TEvent>(options: LiveConnectionOptions<TEvent>): () => void {
  const openTimeoutMs = options.timing?.openTimeoutMs ?? OPEN_TIMEOUT_MS;
  const silenceTimeoutMs = options.timing?.silenceTimeoutMs ?? SILENCE_TIMEOUT_MS;
  const retryFirstMs = options.timing?.retryFirstMs ?? RETRY_FIRST_MS;
  const retryMaxMs = options.timing?.retryMaxMs ?? RETRY_MAX_MS;
  const random = options.random ?? Math.random;
  let lastEventId: string | null = null;
  let subscription: { unsubscribe: () => void } | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let retryMs = retryFirstMs;
  let state: LiveState | null = null;
  let stopped = false;
  /** Bumped per attempt, so callbacks of an abandoned stream are ignored. */
  let attempt = 0;

  const setState = (next: LiveState) => {
    if (next === state) return;
    state = next;
    options.onState(next);
  };

  const arm = (ms: number, current: number) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => current === attempt && fail(), ms);
  };

  function fail(): void {
    if (stopped) return;
    attempt += 1;
    clearTimeout(watchdog);
    subscription?.unsubscribe();
    subscription = null;
    setState("fallback");
    clearTimeout(retry);
    retry = setTimeout(open, retryMs * (1 - RETRY_JITTER * random()));
    retryMs = Math.min(retryMs * 2, retryMaxMs);
  }

  function open(): void {
    if (stopped) return;
    attempt += 1;
    const current = attempt;
    let heard = false;
    if (state === null) setState("connecting");
    arm(openTimeoutMs, current);
    subscription = options.subscribe(
      { lastEventId },
      {
        onData(envelope) {
          if (current !== attempt) return;
          heard = true;
          lastEventId = envelope.id;
          retryMs = retryFirstMs;
          arm(silenceTimeoutMs, current);
          setState("live");
          options.onEvent(envelope.data);
        },
        onError() {
          if (current === attempt) fail();
        },
        // The server ended a stream that worked (a deploy): open a new one at once, resuming after the last
        // id. One that ends before saying anything counts as a failure, so it is not retried in a loop.
        onComplete() {
          if (current !== attempt || stopped) return;
          if (!heard) return fail();
          subscription = null;
          open();
        },
      },
    );
  }

  open();
  return () => {
    stopped = true;
    attempt += 1;
    clearTimeout(watchdog);
    clearTimeout(retry);
    subscription?.unsubscribe();
    subscription = null;
  };
}
