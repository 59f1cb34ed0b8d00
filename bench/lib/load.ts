/**
 * A closed-loop HTTP load generator on undici (no extra dependency): N simulated users, each with its own
 * keep-alive connection, each sending a request, waiting for the whole answer, thinking for a random
 * while, and going again until the time is up. Users start at random instants within one think time, as
 * real arrivals do, not all in the same millisecond. Latency is from send to the last byte of the body.
 * Optionally each user also has an open tab (`tab`): it holds one server-sent-events stream for the whole
 * run (reopened a second after the server ends it) and polls one endpoint at a slow fixed rate. A stream
 * counts as one request per opening (its events are counted apart, not as requests); polls count as
 * requests of their own endpoint. Loopback only: the origin must be 127.0.0.1. Given several origins (one
 * app served by several processes, each on its own port), requests and streams are spread over them as a
 * load balancer in front of them would spread them: each request, and each stream opening, goes to the next
 * process in turn (undici's BalancedPool), whichever user sends it.
 *
 * A benchmark that measures several runs against one server opens a `LoadSession` first: its users keep
 * their connections, and its tabs their streams, from the warm-up through every measured run, as browsers
 * that have been open a while do. Without one, each run connects its users and opens its tabs' streams
 * itself — every run then starts with all of them connecting at once.
 */
import { setTimeout as delay } from "node:timers/promises";
import { BalancedPool, Pool } from "undici";
import type { CookieJar } from "./cookie-jar";
import { percentilesOf, type Percentiles } from "./percentiles";
import { sleep, throwIfAborted } from "./processes";

export type LoadRequest = {
  endpoint: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
};
/** `busy`: the server refused at once for load (503, admission control); counted apart and left out of latency, like errors. */
export type Outcome = "ok" | "limited" | "busy" | "error";
export type EndpointFigures = {
  requests: number;
  ok: number;
  limited: number;
  busy: number;
  errors: number;
  latency: Percentiles | null;
};
/** What the open tabs' streams did: openings (each one request), refusals for load (503), time to the response headers, messages received. */
export type StreamFigures = {
  opened: number;
  busy: number;
  errors: number;
  openLatency: Percentiles | null;
  events: number;
  pings: number;
  maxOpen: number;
};
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
    const event = lines
      .find((line) => line.startsWith("event:"))
      ?.slice("event:".length)
      .trim();
    const hasData = lines.some((line) => line.startsWith("data:"));
    if (event === "ping") pings += 1;
    // tRPC's control records (connected, return, serialized-error) are not events of the app.
    else if (hasData && (event === undefined || event === "message")) events += 1;
  }
  return { events, pings, rest };
}

/** One server's origin, or the origins of the processes that serve one app (see the header). */
export type Origins = string | readonly string[];

function originList(origins: Origins): readonly string[] {
  const list = typeof origins === "string" ? [origins] : origins;
  if (list.length === 0) throw new Error("load: no origin");
  for (const origin of list)
    if (new URL(origin).hostname !== "127.0.0.1") throw new Error(`load: loopback only, got ${origin}`);
  return list;
}

/** What a session was opened for, to check that a run uses it for the same server(s). */
function originsKey(origins: Origins): string {
  return originList(origins).join(" ");
}

/** A pool over one origin, or a balanced pool over several, with the same options for each of its origins. */
function poolOver(origins: Origins, options: Pool.Options): Pool | BalancedPool {
  const list = originList(origins);
  return list.length === 1 ? new Pool(list[0]!, options) : new BalancedPool([...list], options);
}

/** Each user's keep-alive connection (pipelining 1: one request at a time, as a browser tab's fetches mostly are). */
function usersPool(origins: Origins, users: number, timeoutMs: number): Pool | BalancedPool {
  return poolOver(origins, {
    connections: users,
    pipelining: 1,
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

type StreamCounters = {
  opened: number;
  busy: number;
  errors: number;
  openLatencies: number[];
  events: number;
  pings: number;
  open: number;
  maxOpen: number;
};
/** Where a measuring window began: the counters then, and where its open latencies start. */
type StreamWindow = { at: Omit<StreamCounters, "openLatencies">; latencyIndex: number };

/** One stream per user, each reopened a second after the server ends or refuses it, until stopped. */
type HeldStreams = {
  /** Starts a measuring window; stream errors until its end are reported to `sample`. */
  beginWindow(sample: (line: string) => void): StreamWindow;
  /** What the streams did since `window` began. */
  endWindow(window: StreamWindow): StreamFigures;
  stop(): Promise<void>;
};

function holdStreams(options: {
  origin: Origins;
  users: number;
  streamFor: (user: number) => LoadRequest;
  /** Each user's stream opens at a random instant within this many ms. */
  staggerMs: number;
  timeoutMs: number;
  classify: (status: number, endpoint: string) => Outcome;
  withCookies: (user: number, request: LoadRequest) => Record<string, string>;
  keepCookies: (user: number, setCookie: string | string[] | undefined) => void;
}): HeldStreams {
  // Streams have their own connections, with no body timeout.
  const pool = poolOver(options.origin, {
    connections: options.users,
    pipelining: 1,
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: 0,
  });
  const counters: StreamCounters = {
    opened: 0,
    busy: 0,
    errors: 0,
    openLatencies: [],
    events: 0,
    pings: 0,
    open: 0,
    maxOpen: 0,
  };
  const stopped = new AbortController();
  let sample: (line: string) => void = () => {};
  const hold = async (user: number) => {
    await delay(Math.random() * options.staggerMs, undefined, { signal: stopped.signal }).catch(() => {});
    while (!stopped.signal.aborted) {
      const request = options.streamFor(user);
      const sent = performance.now();
      let isOpen = false;
      try {
        const response = await pool.request({
          method: request.method,
          path: request.path,
          headers: options.withCookies(user, request),
          signal: stopped.signal,
        });
        options.keepCookies(user, response.headers["set-cookie"]);
        const contentType = String(response.headers["content-type"] ?? "");
        if (options.classify(response.statusCode, request.endpoint) === "busy") {
          counters.busy += 1;
          await response.body.text();
        } else if (response.statusCode !== 200 || !contentType.startsWith("text/event-stream")) {
          counters.errors += 1;
          sample(
            `${request.endpoint} HTTP ${response.statusCode} ${contentType}: ${(await response.body.text()).slice(0, 300)}`,
          );
        } else {
          counters.opened += 1;
          counters.openLatencies.push(performance.now() - sent);
          isOpen = true;
          counters.open += 1;
          counters.maxOpen = Math.max(counters.maxOpen, counters.open);
          let rest = "";
          for await (const chunk of response.body) {
            const counted = countSseRecords(rest + (chunk as Buffer).toString("utf8"));
            counters.events += counted.events;
            counters.pings += counted.pings;
            rest = counted.rest;
          }
        }
      } catch (error) {
        if (!stopped.signal.aborted) {
          counters.errors += 1;
          sample(`${request.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
        }
      } finally {
        if (isOpen) counters.open -= 1;
      }
      if (!stopped.signal.aborted) await delay(STREAM_REOPEN_MS, undefined, { signal: stopped.signal }).catch(() => {});
    }
  };
  const holding = Promise.all(Array.from({ length: options.users }, (_, user) => hold(user)));
  let stopping: Promise<void> | null = null;
  return {
    beginWindow(windowSample) {
      sample = windowSample;
      // The most open at once during the window starts from those open now.
      counters.maxOpen = counters.open;
      const { openLatencies, ...at } = counters;
      return { at: { ...at }, latencyIndex: openLatencies.length };
    },
    endWindow({ at, latencyIndex }) {
      sample = () => {};
      const latencies = counters.openLatencies.slice(latencyIndex);
      return {
        opened: counters.opened - at.opened,
        busy: counters.busy - at.busy,
        errors: counters.errors - at.errors,
        openLatency: latencies.length > 0 ? percentilesOf(latencies) : null,
        events: counters.events - at.events,
        pings: counters.pings - at.pings,
        maxOpen: counters.maxOpen,
      };
    },
    stop() {
      stopping ??= (async () => {
        stopped.abort();
        await holding;
        await pool.destroy();
      })();
      return stopping;
    },
  };
}

/** Connections and open tabs kept from one run to the next (see the header). */
export type LoadSession = {
  readonly origin: Origins;
  readonly pool: Pool | BalancedPool;
  readonly streams: HeldStreams | null;
  close(): Promise<void>;
};

/**
 * Connects nothing yet: users' connections open with their first requests and are kept; each tab's stream
 * (when `stream` is given) opens at a random instant within `staggerMs` and is held until close().
 */
export function openLoadSession(options: {
  origin: Origins;
  users: number;
  timeoutMs: number;
  staggerMs: number;
  stream: ((user: number) => LoadRequest) | null;
  classify: (status: number, endpoint: string) => Outcome;
  cookieJars?: readonly CookieJar[];
}): LoadSession {
  const pool = usersPool(options.origin, options.users, options.timeoutMs);
  const streams = options.stream
    ? holdStreams({
        origin: options.origin,
        users: options.users,
        streamFor: options.stream,
        staggerMs: options.staggerMs,
        timeoutMs: options.timeoutMs,
        classify: options.classify,
        withCookies: (user, request) => cookiesFor(options.cookieJars, user, request),
        keepCookies: (user, setCookie) => options.cookieJars?.[user]?.apply(setCookie),
      })
    : null;
  return {
    origin: options.origin,
    pool,
    streams,
    async close() {
      await streams?.stop();
      await pool.close();
    },
  };
}

function cookiesFor(
  jars: readonly CookieJar[] | undefined,
  user: number,
  request: LoadRequest,
): Record<string, string> {
  const jar = jars?.[user];
  return jar ? { ...request.headers, cookie: jar.header(request.headers.cookie) } : request.headers;
}

export async function runLoad(options: {
  origin: Origins;
  users: number;
  durationMs: number;
  thinkMs: { min: number; max: number };
  timeoutMs: number;
  requestFor: (user: number, sequence: number) => LoadRequest;
  classify: (status: number, endpoint: string) => Outcome;
  tab?: OpenTab;
  /** One per user, kept by the caller across runs as a browser keeps its cookies: Set-Cookie applied, cookies sent back. */
  cookieJars?: readonly CookieJar[];
  /** Connections and streams kept across runs (openLoadSession); its streams replace `tab.stream`. */
  session?: LoadSession;
}): Promise<LoadResult> {
  if (options.cookieJars && options.cookieJars.length < options.users)
    throw new Error(`load: ${options.cookieJars.length} cookie jars for ${options.users} users`);
  if (options.session && originsKey(options.session.origin) !== originsKey(options.origin))
    throw new Error(
      `load: the session is for ${originsKey(options.session.origin)}, not ${originsKey(options.origin)}`,
    );
  const pool = options.session?.pool ?? usersPool(options.origin, options.users, options.timeoutMs);
  const latencies: number[] = [];
  const perEndpoint = new Map<
    string,
    { latencies: number[]; ok: number; limited: number; busy: number; errors: number }
  >();
  const errorSamples: string[] = [];
  const think = () => options.thinkMs.min + Math.random() * (options.thinkMs.max - options.thinkMs.min);
  const started = performance.now();
  const endsAt = started + options.durationMs;

  const sample = (line: string) => {
    if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(line);
  };
  // The user's cookies on the request, and what the answer sets kept for the next one.
  const withCookies = (user: number, request: LoadRequest) => cookiesFor(options.cookieJars, user, request);
  const keepCookies = (user: number, setCookie: string | string[] | undefined) =>
    options.cookieJars?.[user]?.apply(setCookie);
  const send = async (user: number, request: LoadRequest) => {
    const figures = perEndpoint.get(request.endpoint) ?? { latencies: [], ok: 0, limited: 0, busy: 0, errors: 0 };
    perEndpoint.set(request.endpoint, figures);
    const sent = performance.now();
    try {
      const response = await pool.request({
        method: request.method,
        path: request.path,
        headers: withCookies(user, request),
        body: request.body ?? null,
      });
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

  // The tabs' streams: the session's, held across runs, or this run's own.
  const sessionStreams = options.session?.streams ?? null;
  const ownStreams =
    !sessionStreams && options.tab?.stream
      ? holdStreams({
          origin: options.origin,
          users: options.users,
          streamFor: options.tab.stream,
          staggerMs: options.thinkMs.max,
          timeoutMs: options.timeoutMs,
          classify: options.classify,
          withCookies,
          keepCookies,
        })
      : null;
  const streams = sessionStreams ?? ownStreams;
  const streamsAtStart = streams?.beginWindow(sample) ?? null;
  const endTimer = setTimeout(() => void ownStreams?.stop(), options.durationMs);
  try {
    await Promise.all(Array.from({ length: options.users }, (_, index) => Promise.all([user(index), poller(index)])));
    await ownStreams?.stop();
  } finally {
    clearTimeout(endTimer);
    await ownStreams?.stop();
    if (!options.session) await pool.close();
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
  if (latencies.length === 0)
    throw new Error(`load: no request answered (${errors} errors): ${errorSamples.join(" | ")}`);
  const streamFigures: StreamFigures | null = streams && streamsAtStart ? streams.endWindow(streamsAtStart) : null;
  // A stream is one request per opening; one refused for load is busy, one that failed otherwise an error.
  const requests =
    ok +
    limited +
    busy +
    errors +
    (streamFigures ? streamFigures.opened + streamFigures.busy + streamFigures.errors : 0);
  errors += streamFigures?.errors ?? 0;
  busy += streamFigures?.busy ?? 0;
  return {
    seconds,
    requests,
    requestsPerSecond: requests / seconds,
    ok,
    limited,
    busy,
    errors,
    latency: percentilesOf(latencies),
    byEndpoint,
    errorSamples,
    streams: streamFigures,
  };
}
