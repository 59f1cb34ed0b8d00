import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  connectLive,
  OPEN_TIMEOUT_MS,
  RETRY_FIRST_MS,
  RETRY_JITTER,
  SILENCE_TIMEOUT_MS,
  type LiveState,
} from "./live-connection";

type Handlers = Parameters<Parameters<typeof connectLive<string>>[0]["subscribe"]>[1];

/**
 * A fake transport: records each attempt's input and handlers, and whether it was closed. `random` draws the
 * retry jitter; by default 0, so pauses are exactly RETRY_FIRST_MS doubling and the timings below are exact.
 */
function fakeTransport(random: () => number = () => 0) {
  const attempts: { input: { lastEventId: string | null }; handlers: Handlers; closed: boolean }[] = [];
  const states: LiveState[] = [];
  const events: string[] = [];
  const stop = connectLive<string>({
    subscribe: (input, handlers) => {
      const attempt = { input, handlers, closed: false };
      attempts.push(attempt);
      return { unsubscribe: () => (attempt.closed = true) };
    },
    onState: (state) => states.push(state),
    onEvent: (event) => events.push(event),
    random,
  });
  const last = () => attempts.at(-1)!;
  return { attempts, states, events, stop, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("connectLive", () => {
  it("goes live on the first event and stays live while events or pings keep coming", () => {
    const live = fakeTransport();
    expect(live.states).toEqual(["connecting"]);
    live.last().handlers.onData({ id: "b-0", data: "hello" });
    expect(live.states).toEqual(["connecting", "live"]);
    for (let i = 1; i <= 5; i += 1) {
      vi.advanceTimersByTime(SILENCE_TIMEOUT_MS - 1);
      live.last().handlers.onData({ id: `b-${i}`, data: "ping" });
    }
    expect(live.states).toEqual(["connecting", "live"]);
    expect(live.attempts).toHaveLength(1);
    expect(live.events).toEqual(["hello", "ping", "ping", "ping", "ping", "ping"]);
    live.stop();
    expect(live.last().closed).toBe(true);
  });

  it("falls back when nothing arrives after opening (a buffering proxy), then retries with the last id, backing off", () => {
    const live = fakeTransport();
    vi.advanceTimersByTime(OPEN_TIMEOUT_MS);
    expect(live.states).toEqual(["connecting", "fallback"]);
    expect(live.attempts[0]!.closed).toBe(true);

    vi.advanceTimersByTime(RETRY_FIRST_MS);
    expect(live.attempts).toHaveLength(2);
    // Still polling until the new stream proves itself.
    expect(live.states).toEqual(["connecting", "fallback"]);
    vi.advanceTimersByTime(OPEN_TIMEOUT_MS);
    // The next retry waits twice as long.
    vi.advanceTimersByTime(RETRY_FIRST_MS);
    expect(live.attempts).toHaveLength(2);
    vi.advanceTimersByTime(RETRY_FIRST_MS);
    expect(live.attempts).toHaveLength(3);
    live.last().handlers.onData({ id: "b-7", data: "hello" });
    expect(live.states).toEqual(["connecting", "fallback", "live"]);
    live.stop();
  });

  it("falls back after silence or an error, and a new attempt resumes after the last id it saw", () => {
    const live = fakeTransport();
    live.last().handlers.onData({ id: "b-3", data: "import" });
    vi.advanceTimersByTime(SILENCE_TIMEOUT_MS);
    expect(live.states.at(-1)).toBe("fallback");
    vi.advanceTimersByTime(RETRY_FIRST_MS);
    expect(live.last().input).toEqual({ lastEventId: "b-3" });

    live.last().handlers.onData({ id: "b-4", data: "hello" });
    live.last().handlers.onError(new Error("UNAUTHORIZED"));
    expect(live.states.at(-1)).toBe("fallback");
    // Callbacks of an abandoned stream change nothing.
    live.attempts[1]!.handlers.onData({ id: "b-9", data: "late" });
    expect(live.events).not.toContain("late");
    live.stop();
  });

  it("spreads the retries of tabs that lost their streams at the same instant", () => {
    const early = fakeTransport(() => 0.99);
    const late = fakeTransport(() => 0);
    early.last().handlers.onError(new Error("socket hang up"));
    late.last().handlers.onError(new Error("socket hang up"));
    // The first tab's draw shortened its pause by nearly the whole jitter: it is back, the other is not.
    vi.advanceTimersByTime(RETRY_FIRST_MS * (1 - RETRY_JITTER * 0.99));
    expect(early.attempts).toHaveLength(2);
    expect(late.attempts).toHaveLength(1);
    vi.advanceTimersByTime(RETRY_FIRST_MS);
    expect(late.attempts).toHaveLength(2);
    early.stop();
    late.stop();
  });

  it("reopens at once when a working stream ends, but treats one that ends silently as a failure", () => {
    const live = fakeTransport();
    live.last().handlers.onData({ id: "b-1", data: "hello" });
    live.last().handlers.onComplete();
    expect(live.attempts).toHaveLength(2);
    expect(live.last().input).toEqual({ lastEventId: "b-1" });
    expect(live.states.at(-1)).toBe("live");

    live.last().handlers.onComplete();
    expect(live.states.at(-1)).toBe("fallback");
    expect(live.attempts).toHaveLength(2);
    live.stop();
    vi.advanceTimersByTime(RETRY_FIRST_MS * 10);
    expect(live.attempts).toHaveLength(2);
  });
});
