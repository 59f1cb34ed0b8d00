/**
 * A closed-loop HTTP load generator on undici (no extra dependency): N simulated users, each with its own
 * keep-alive connection, each sending a request, waiting for the whole answer, thinking for a random
 * while, and going again until the time is up. Users start at random instants within one think time, as
 * real arrivals do, not all in the same millisecond. Latency is from send to the last byte of the body.
 * Loopback only: the origin must be 127.0.0.1.
 */
import { Pool } from "undici";
import { percentilesOf, type Percentiles } from "./percentiles";
import { sleep, throwIfAborted } from "./processes";

export type LoadRequest = { endpoint: string; method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };
export type Outcome = "ok" | "limited" | "error";
export type EndpointFigures = { requests: number; ok: number; limited: number; errors: number; latency: Percentiles | null };
export type LoadResult = {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  ok: number;
  limited: number;
  errors: number;
  latency: Percentiles;
  byEndpoint: Record<string, EndpointFigures>;
  errorSamples: string[];
};

const MAX_ERROR_SAMPLES = 5;

export async function runLoad(options: {
  origin: string;
  users: number;
  durationMs: number;
  thinkMs: { min: number; max: number };
  timeoutMs: number;
  requestFor: (user: number, sequence: number) => LoadRequest;
  classify: (status: number, endpoint: string) => Outcome;
}): Promise<LoadResult> {
  if (new URL(options.origin).hostname !== "127.0.0.1") throw new Error(`load: loopback only, got ${options.origin}`);
  const pool = new Pool(options.origin, {
    connections: options.users,
    pipelining: 1,
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const latencies: number[] = [];
  const perEndpoint = new Map<string, { latencies: number[]; ok: number; limited: number; errors: number }>();
  const errorSamples: string[] = [];
  const think = () => options.thinkMs.min + Math.random() * (options.thinkMs.max - options.thinkMs.min);
  const started = performance.now();
  const endsAt = started + options.durationMs;

  const user = async (index: number) => {
    await sleep(Math.random() * options.thinkMs.max);
    for (let sequence = 0; performance.now() < endsAt; sequence += 1) {
      throwIfAborted();
      const request = options.requestFor(index, sequence);
      const figures = perEndpoint.get(request.endpoint) ?? { latencies: [], ok: 0, limited: 0, errors: 0 };
      perEndpoint.set(request.endpoint, figures);
      const sent = performance.now();
      try {
        const response = await pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body ?? null });
        const text = await response.body.text();
        const elapsed = performance.now() - sent;
        const outcome = options.classify(response.statusCode, request.endpoint);
        if (outcome === "error") {
          figures.errors += 1;
          if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(`${request.endpoint} HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
        } else {
          figures[outcome] += 1;
          latencies.push(elapsed);
          figures.latencies.push(elapsed);
        }
      } catch (error) {
        figures.errors += 1;
        if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(`${request.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(think());
    }
  };
  try {
    await Promise.all(Array.from({ length: options.users }, (_, index) => user(index)));
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const byEndpoint: Record<string, EndpointFigures> = {};
  let ok = 0;
  let limited = 0;
  let errors = 0;
  for (const [endpoint, figures] of perEndpoint) {
    byEndpoint[endpoint] = {
      requests: figures.ok + figures.limited + figures.errors,
      ok: figures.ok,
      limited: figures.limited,
      errors: figures.errors,
      latency: figures.latencies.length > 0 ? percentilesOf(figures.latencies) : null,
    };
    ok += figures.ok;
    limited += figures.limited;
    errors += figures.errors;
  }
  if (latencies.length === 0) throw new Error(`load: no request answered (${errors} errors): ${errorSamples.join(" | ")}`);
  const requests = ok + limited + errors;
  return { seconds, requests, requestsPerSecond: requests / seconds, ok, limited, errors, latency: percentilesOf(latencies), byEndpoint, errorSamples };
}
