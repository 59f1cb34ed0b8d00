/**
 * A closed-loop HTTP load generator on undici (no extra dependency): N simulated users, each with its own
 * keep-alive connection, each sending a request, waiting for the whole answer, thinking for a random
 * while, and going again until the time is up. Users start at random instants within one think time, as
 * real arrivals do, not all in the same millisecond. Latency is from send to the last byte of the body.
 * Optionally each user also has an open tab (`tab`): it holds one server-sent-events stream for the whole
 * run (reopened a second after the server ends it) and polls one endpoint at a slow fixed rate. A stream
 * counts as one request per opening (its events are counted apart, not as requests); polls count as
 * requests of their own endpoint. Loopback only: the origin must be 127.0.0.1.
 */
import { Pool } from "undici";
import type { CookieJar } from "./cookie-jar";
import { percentilesOf, type Percentiles } from "./percentiles";
import { sleep, throwIfAborted } from "./processes";

export type LoadRequest = { endpoint: string; method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };
/** `busy`: the server refused at once for load (503, admission control); counted apart and left out of latency, like errors. */
export type Outcome = "ok" | "limited" | "busy" | "error";
export type EndpointFigures = { requests: number; ok: number; limited: number; busy: number; errors: number; latency: Percentiles | null };
/** What the open tabs' streams did: openings (each one request), refusals for load (503), time to the response headers, messages received. */
export type StreamFigures = { opened: number; busy: number; errors: number; openLatency: Percentiles | null; events: number; pings: number; maxOpen: number };
export type OpenTab = {
  /** The tab's live stream (GET, answered 200 text/event-stream), or null when the server has none. */
  stream: ((user: number) => LoadRequest) | null;
  /** One request per tab every `everyMs`, the first at a random instant within the first interval. */
  poll: { everyMs: number; requestFor: (user: number) => LoadRequest } | null;
};
export type LoadResult = {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  ok: number;
  limited: number;
  busy: number;
  errors: number;
  latency: Percentiles;
  byEndpoint: Record<string, EndpointFigures>;
  errorSamples: string[];
  /** Null when the run had no streams. */
  streams: StreamFigures | null;
};

const MAX_ERROR_SAMPLES = 5;
/** How long a tab waits before reopening a stream the server ended or refused (tRPC's client retries at once; a second spares the server). */
const STREAM_REOPEN_MS = 1_000;

/** Server-sent events in a chunk of text: complete records counted, the unfinished tail returned. */
export function countSseRecords(text: string): { events: number; pings: number; rest: string } {
  const records = text.split(/\r?\n\r?\n/);
  const rest = records.pop() ?? "";
  let events = 0;
  let pings = 0;
  for (const record of records) {
    const lines = record.split(/\r?\n/);
    const event = lines.find((line) => line.startsWith("event:"))?.slice("event:".length).trim();
    const hasData = lines.some((line) => line.startsWith("data:"));
    if (event === "ping") pings += 1;
    // tRPC's control records (connected, return, serialized-error) are not events of the app.
    else if (hasData && (event === undefined || event === "message")) events += 1;
  }
  return { events, pings, rest };
}

export async function runLoad(options: {
  origin: string;
  users: number;
  durationMs: number;
  thinkMs: { min: number; max: number };
  timeoutMs: number;
  requestFor: (user: number, sequence: number) => LoadRequest;
  classify: (status: number, endpoint: string) => Outcome;
  tab?: OpenTab;
  /** One per user, kept by the caller across runs as a browser keeps its cookies: Set-Cookie applied, cookies sent back. */
  cookieJars?: readonly CookieJar[];
}): Promise<LoadResult> {
  if (options.cookieJars && options.cookieJars.length < options.users) throw new Error(`load: ${options.cookieJars.length} cookie jars for ${options.users} users`);
  if (new URL(options.origin).hostname !== "127.0.0.1") throw new Error(`load: loopback only, got ${options.origin}`);
  const pool = new Pool(options.origin, {
    connections: options.users,
    pipelining: 1,
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const latencies: number[] = [];
  const perEndpoint = new Map<string, { latencies: number[]; ok: number; limited: number; busy: number; errors: number }>();
  const errorSamples: string[] = [];
  const think = () => options.thinkMs.min + Math.random() * (options.thinkMs.max - options.thinkMs.min);
  const started = performance.now();
  const endsAt = started + options.durationMs;

  const sample = (line: string) => {
    if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(line);
  };
  // The user's cookies on the request, and what the answer sets kept for the next one.
  const withCookies = (user: number, request: LoadRequest) => {
    const jar = options.cookieJars?.[user];
    return jar ? { ...request.headers, cookie: jar.header(request.headers.cookie) } : request.headers;
  };
  const keepCookies = (user: number, setCookie: string | string[] | undefined) => options.cookieJars?.[user]?.apply(setCookie);
  const send = async (user: number, request: LoadRequest) => {
    const figures = perEndpoint.get(request.endpoint) ?? { latencies: [], ok: 0, limited: 0, busy: 0, errors: 0 };
    perEndpoint.set(request.endpoint, figures);
    const sent = performance.now();
    try {
      const response = await pool.request({ method: request.method, path: request.path, headers: withCookies(user, request), body: request.body ?? null });
      keepCookies(user, response.headers["set-cookie"]);
      const text = await response.body.text();
      const elapsed = performance.now() - sent;
      const outcome = options.classify(response.statusCode, request.endpoint);
      if (outcome === "error") {
        figures.errors += 1;
        sample(`${request.endpoint} HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
      } else if (outcome === "busy") {
        figures.busy += 1;
      } else {
        figures[outcome] += 1;
        latencies.push(elapsed);
        figures.latencies.push(elapsed);
      }
    } catch (error) {
      figures.errors += 1;
      sample(`${request.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const user = async (index: number) => {
    await sleep(Math.random() * options.thinkMs.max);
    for (let sequence = 0; performance.now() < endsAt; sequence += 1) {
      throwIfAborted();
      await send(index, options.requestFor(index, sequence));
      await sleep(think());
    }
  };

  const poll = options.tab?.poll ?? null;
  const poller = async (index: number) => {
    if (!poll) return;
    for (let due = started + Math.random() * poll.everyMs; due < endsAt; due += poll.everyMs) {
      await sleep(Math.max(0, due - performance.now()));
      throwIfAborted();
      if (performance.now() < endsAt) await send(index, poll.requestFor(index));
    }
  };

  const streamFor = options.tab?.stream ?? null;
  // Streams stay open for the whole run: their own connections, with no body timeout.
  const streamPool = streamFor ? new Pool(options.origin, { connections: options.users, pipelining: 1, connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: 0 }) : null;
  const streams = { opened: 0, busy: 0, errors: 0, openLatencies: [] as number[], events: 0, pings: 0, open: 0, maxOpen: 0 };
  const endOfRun = new AbortController();
  const endTimer = setTimeout(() => endOfRun.abort(), options.durationMs);
  const holdStream = async (index: number) => {
    if (!streamFor || !streamPool) return;
    await sleep(Math.random() * options.thinkMs.max);
    while (performance.now() < endsAt && !endOfRun.signal.aborted) {
      throwIfAborted();
      const request = streamFor(index);
      const sent = performance.now();
      let isOpen = false;
      try {
        const response = await streamPool.request({ method: request.method, path: request.path, headers: withCookies(index, request), signal: endOfRun.signal });
        keepCookies(index, response.headers["set-cookie"]);
        const contentType = String(response.headers["content-type"] ?? "");
        if (options.classify(response.statusCode, request.endpoint) === "busy") {
          streams.busy += 1;
          await response.body.text();
        } else if (response.statusCode !== 200 || !contentType.startsWith("text/event-stream")) {
          streams.errors += 1;
          sample(`${request.endpoint} HTTP ${response.statusCode} ${contentType}: ${(await response.body.text()).slice(0, 300)}`);
        } else {
          streams.opened += 1;
          streams.openLatencies.push(performance.now() - sent);
          isOpen = true;
          streams.open += 1;
          streams.maxOpen = Math.max(streams.maxOpen, streams.open);
          let rest = "";
          for await (const chunk of response.body) {
            const counted = countSseRecords(rest + (chunk as Buffer).toString("utf8"));
            streams.events += counted.events;
            streams.pings += counted.pings;
            rest = counted.rest;
          }
        }
      } catch (error) {
        if (!endOfRun.signal.aborted) {
          streams.errors += 1;
          sample(`${request.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
        }
      } finally {
        if (isOpen) streams.open -= 1;
      }
      if (!endOfRun.signal.aborted) await sleep(STREAM_REOPEN_MS);
    }
  };

  try {
    await Promise.all(Array.from({ length: options.users }, (_, index) => Promise.all([user(index), poller(index), holdStream(index)])));
  } finally {
    clearTimeout(endTimer);
    endOfRun.abort();
    await pool.close();
    await streamPool?.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const byEndpoint: Record<string, EndpointFigures> = {};
  let ok = 0;
  let limited = 0;
  let busy = 0;
  let errors = 0;
  for (const [endpoint, figures] of perEndpoint) {
    byEndpoint[endpoint] = {
      requests: figures.ok + figures.limited + figures.busy + figures.errors,
      ok: figures.ok,
      limited: figures.limited,
      busy: figures.busy,
      errors: figures.errors,
      latency: figures.latencies.length > 0 ? percentilesOf(figures.latencies) : null,
    };
    ok += figures.ok;
    limited += figures.limited;
    busy += figures.busy;
    errors += figures.errors;
  }
  if (latencies.length === 0) throw new Error(`load: no request answered (${errors} errors): ${errorSamples.join(" | ")}`);
  const streamFigures: StreamFigures | null = streamFor
    ? { opened: streams.opened, busy: streams.busy, errors: streams.errors, openLatency: streams.openLatencies.length > 0 ? percentilesOf(streams.openLatencies) : null, events: streams.events, pings: streams.pings, maxOpen: streams.maxOpen }
    : null;
  // A stream is one request per opening; one refused for load is busy, one that failed otherwise an error.
  const requests = ok + limited + busy + errors + (streamFigures ? streamFigures.opened + streamFigures.busy + streamFigures.errors : 0);
  errors += streamFigures?.errors ?? 0;
  busy += streamFigures?.busy ?? 0;
  return { seconds, requests, requestsPerSecond: requests / seconds, ok, limited, busy, errors, latency: percentilesOf(latencies), byEndpoint, errorSamples, streams: streamFigures };
}
