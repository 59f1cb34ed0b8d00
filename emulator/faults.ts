/**
 * Injected faults: Google-style errors, latency and hangs on chosen endpoints, always or at a rate,
 * for the next N matching requests or until cleared. Rate rolls come from a PRNG seeded by the
 * emulator seed, so a run with `rate: 0.3` fails the same requests every time.
 */
import { createRng, seedFromParts, type Rng } from "./random.ts";

/**
 * Google refusing the caller's configuration (bad or restricted API key, API not enabled) or account (no
 * YouTube channel): Data API replies, in the `layout` the fault names (google-errors.ts).
 */
export const CONFIG_FAULT_KINDS = [
  "apiKeyInvalid",
  "serviceDisabled",
  "apiKeyServiceBlocked",
  "apiKeyHttpReferrerBlocked",
  "apiKeyIpAddressBlocked",
  "youtubeSignupRequired",
] as const;
export const FAULT_KINDS = [
  "quotaExceeded",
  "rateLimitExceeded",
  "429",
  "5xx",
  "hang",
  "latency",
  ...CONFIG_FAULT_KINDS,
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const ERROR_LAYOUTS = ["current", "legacy"] as const;
export type FaultLayout = (typeof ERROR_LAYOUTS)[number];

/** Endpoints a fault can target: a Data API resource ("videos", "channels", …), "feed", "llm", "token", "revoke", or "*". */
export type FaultEndpoint = string;

/**
 * The LLM stand-in is not Google, so "*" (every Google surface) leaves it alone: a test that takes
 * YouTube down should not also break the AI analysis by accident. LLM faults name "llm".
 */
export const LLM_FAULT_ENDPOINT = "llm";
/**
 * The OAuth token endpoint takes only latency and hang (to hold a refresh in flight); "*" leaves it
 * alone too, so a YouTube outage does not also stop token refreshes by accident.
 */
export const TOKEN_FAULT_ENDPOINT = "token";
/**
 * The OAuth revoke endpoint takes "5xx", "429", latency and hang: Google's revoke fails now and then like any
 * front end, and a client must retry it until Google confirms. "*" leaves it alone too.
 */
export const REVOKE_FAULT_ENDPOINT = "revoke";
const NAMED_ONLY_ENDPOINTS: ReadonlySet<FaultEndpoint> = new Set([
  LLM_FAULT_ENDPOINT,
  TOKEN_FAULT_ENDPOINT,
  REVOKE_FAULT_ENDPOINT,
]);

export interface FaultSpec {
  kind: FaultKind;
  /** Probability (0..1) that a matching request is hit. */
  rate?: number;
  /** Hit only the next `count` matching requests, then remove the fault. */
  count?: number;
  endpoint?: FaultEndpoint;
  latencyMs?: number;
  status?: 500 | 503;
  retryAfterSeconds?: number;
  /** Error body layout for the configuration kinds: "current" (status + details, default) or "legacy". */
  layout?: FaultLayout;
}

export interface Fault {
  id: string;
  kind: FaultKind;
  rate: number;
  endpoint: FaultEndpoint;
  remaining: number | null;
  latencyMs: number;
  status: 500 | 503;
  retryAfterSeconds: number;
  layout: FaultLayout;
  hits: number;
}

/** What the request pipeline must do before (or instead of) answering. */
export interface FaultDecision {
  delayMs: number;
  action: null | { kind: "hang" } | { kind: "error"; fault: Fault };
}

export const DEFAULT_LATENCY_MS = 1000;
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

// The Data API's own quota, rate and key errors make no sense on the RSS feed, which has no quota and
// no key, nor on the LLM endpoint, which has its own 429.
export const DATA_API_ONLY_KINDS: ReadonlySet<FaultKind> = new Set([
  "quotaExceeded",
  "rateLimitExceeded",
  ...CONFIG_FAULT_KINDS,
]);
const NON_DATA_API_ENDPOINTS: ReadonlySet<FaultEndpoint> = new Set(["feed", LLM_FAULT_ENDPOINT, REVOKE_FAULT_ENDPOINT]);

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;
  private readonly rng: Rng;
  private releaseHung = new Set<() => void>();

  constructor(seed: string) {
    this.rng = createRng(seedFromParts(seed, "faults"));
  }

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      id: `fault-${this.nextId}`,
      kind: spec.kind,
      rate: spec.rate ?? 1,
      endpoint: spec.endpoint ?? "*",
      remaining: spec.count ?? null,
      latencyMs: spec.latencyMs ?? DEFAULT_LATENCY_MS,
      status: spec.status ?? 500,
      retryAfterSeconds: spec.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
      layout: spec.layout ?? "current",
      hits: 0,
    };
    this.nextId += 1;
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const removed = this.faults.find((fault) => fault.id === id);
    if (!removed) return false;
    this.faults = this.faults.filter((fault) => fault !== removed);
    if (removed.kind === "hang") this.releaseAll();
    return true;
  }

  /** Removes every fault; hung requests go on to be answered normally. */
  clear(): void {
    this.faults = [];
    this.releaseAll();
  }

  /**
   * Latency faults add up; the first error or hang fault that fires wins and later ones are not
   * rolled (so their counts are not used up by a request they did not affect).
   */
  decide(endpoint: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, action: null };
    for (const fault of [...this.faults]) {
      if (fault.endpoint === "*" ? NAMED_ONLY_ENDPOINTS.has(endpoint) : fault.endpoint !== endpoint) continue;
      if (NON_DATA_API_ENDPOINTS.has(endpoint) && DATA_API_ONLY_KINDS.has(fault.kind)) continue;
      if (endpoint === TOKEN_FAULT_ENDPOINT && fault.kind !== "latency" && fault.kind !== "hang") continue;
      if (fault.rate < 1 && this.rng.next() >= fault.rate) continue;
      this.consume(fault);
      if (fault.kind === "latency") {
        decision.delayMs += fault.latencyMs;
        continue;
      }
      decision.action = fault.kind === "hang" ? { kind: "hang" } : { kind: "error", fault };
      break;
    }
    return decision;
  }

  /** Resolves when the hang is lifted (fault removed or cleared); the caller also watches aborts. */
  waitForRelease(): { promise: Promise<void>; cancel: () => void } {
    let release = (): void => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.releaseHung.add(release);
    return { promise, cancel: () => this.releaseHung.delete(release) };
  }

  private consume(fault: Fault): void {
    fault.hits += 1;
    if (fault.remaining === null) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
  }

  private releaseAll(): void {
    const releases = [...this.releaseHung];
    this.releaseHung = new Set();
    for (const release of releases) release();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Plays out a decision's latency and hang. Resolves true when the request should go on to be
 * answered (possibly with the decision's error), false when the client gave up meanwhile.
 */
export async function enactFaultDelays(
  injector: FaultInjector,
  decision: FaultDecision,
  signal: AbortSignal,
): Promise<boolean> {
  if (decision.delayMs > 0 && !(await sleep(decision.delayMs, signal))) return false;
  if (decision.action?.kind !== "hang") return !signal.aborted;
  if (signal.aborted) return false;
  const hang = injector.waitForRelease();
  const aborted = new Promise<false>((resolve) =>
    signal.addEventListener("abort", () => resolve(false), { once: true }),
  );
  const outcome = await Promise.race([hang.promise.then(() => true), aborted]);
  hang.cancel();
  return outcome && !signal.aborted;
}
