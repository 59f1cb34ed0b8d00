/**
 * Child process of benchmark 7 (bench/breaker.ts), run once per contender against an emulator whose
 * videos.list answers 503 to everything (the harness set that fault):
 * - "showreel": the app's own client (createDefaultYouTubeClient). First enough concurrent calls to
 *   trip its Data API breaker (counted: calls and upstream requests it took), then, while the breaker is
 *   open, `repeats` × `calls` sequential calls, each timed;
 * - "baseline": the reviewed design's breaker-free client (bench/baseline/youtube-client.ts), the same
 *   `repeats` × `calls` sequential calls, each one reaching the failing upstream.
 * Before each repeat it resets the emulator's counters and after it reads how many videos.list requests
 * reached the emulator. Options are JSON in BREAKER_PROBE_OPTIONS; prints "probe result <json>".
 */
import { createBaselineYouTubeClient } from "./baseline/youtube-client";

export type ProbeOptions = {
  contender: "showreel" | "baseline";
  calls: number;
  repeats: number;
  emulatorUrl: string;
  videoId: string;
};

export type ProbeRepeat = {
  repeat: number;
  calls: number;
  /** Calls that failed as expected (refused by the breaker, or the upstream's 503 for the baseline). */
  rejected: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  upstreamCalls: number;
  breakerState: string | null;
};

export type ProbeResult = {
  contender: ProbeOptions["contender"];
  /** Showreel: what tripping the breaker took. */
  opening: { calls: number; upstreamCalls: number; ms: number } | null;
  repeats: ProbeRepeat[];
  errors: Record<string, number>;
};

const options = JSON.parse(process.env.BREAKER_PROBE_OPTIONS ?? "") as ProbeOptions;

async function control<T>(method: string, route: string): Promise<T> {
  const response = await fetch(`${options.emulatorUrl}/_emulator${route}`, { method });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator ${method} ${route} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function upstreamVideosCalls(): Promise<number> {
  const counters = await control<{ requests: { byEndpoint: Record<string, number> } }>("GET", "/counters");
  return counters.requests.byEndpoint["videos.list"] ?? 0;
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

const errors: Record<string, number> = {};
const countError = (key: string) => (errors[key] = (errors[key] ?? 0) + 1);

async function measure(repeat: number, call: () => Promise<boolean>, state: () => string | null): Promise<ProbeRepeat> {
  await control("POST", "/counters/reset");
  const times: number[] = [];
  let rejected = 0;
  for (let index = 0; index < options.calls; index += 1) {
    const started = performance.now();
    const wasRejected = await call();
    times.push(performance.now() - started);
    if (wasRejected) rejected += 1;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    repeat,
    calls: options.calls,
    rejected,
    meanMs: times.reduce((sum, value) => sum + value, 0) / times.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1)!,
    upstreamCalls: await upstreamVideosCalls(),
    breakerState: state(),
  };
}

async function probeShowreel(): Promise<ProbeResult> {
  const [{ createDefaultYouTubeClient, youtubeBreakers }, { isAppError }, { logger }] = await Promise.all([
    import("~/lib/youtube/default-client"),
    import("~/lib/errors"),
    import("~/server/logger"),
  ]);
  const client = createDefaultYouTubeClient({ logger, purpose: "background" });
  const breaker = youtubeBreakers().dataApi;
  /** One call; true when it failed the way an outage should make it fail (UPSTREAM_UNAVAILABLE). */
  const call = async () => {
    try {
      await client.getVideos({ ids: [options.videoId] });
      countError("succeeded");
      return false;
    } catch (error) {
      if (isAppError(error, "UPSTREAM_UNAVAILABLE")) return true;
      countError(error instanceof Error ? error.message : String(error));
      return false;
    }
  };

  // Trip it: waves of concurrent calls (the breaker needs its volume threshold of failures in its window).
  await control("POST", "/counters/reset");
  const openingStarted = performance.now();
  let openingCalls = 0;
  while (breaker.state() !== "open") {
    if (openingCalls >= 200) throw new Error("the breaker did not open after 200 calls to a failing upstream");
    await Promise.all(Array.from({ length: 10 }, () => call()));
    openingCalls += 10;
  }
  const opening = {
    calls: openingCalls,
    upstreamCalls: await upstreamVideosCalls(),
    ms: performance.now() - openingStarted,
  };

  const repeats: ProbeRepeat[] = [];
  for (let repeat = 1; repeat <= options.repeats; repeat += 1)
    repeats.push(await measure(repeat, call, () => breaker.state()));
  breaker.shutdown();
  return { contender: "showreel", opening, repeats, errors };
}

async function probeBaseline(): Promise<ProbeResult> {
  const client = createBaselineYouTubeClient({ baseUrl: options.emulatorUrl, apiKey: "baseline" });
  const call = async () => {
    try {
      await client.getVideoInfo(options.videoId);
      countError("succeeded");
      return false;
    } catch (error) {
      const status = (error as { status?: number | null }).status;
      if (status !== undefined && status !== null && status >= 500) return true;
      countError(error instanceof Error ? error.message : String(error));
      return false;
    }
  };
  const repeats: ProbeRepeat[] = [];
  for (let repeat = 1; repeat <= options.repeats; repeat += 1) repeats.push(await measure(repeat, call, () => null));
  return { contender: "baseline", opening: null, repeats, errors };
}

const result = options.contender === "showreel" ? await probeShowreel() : await probeBaseline();
process.stdout.write(`probe result ${JSON.stringify(result)}\n`);
process.exit(0);
