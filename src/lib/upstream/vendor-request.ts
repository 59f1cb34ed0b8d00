/**
 * The one way Showreel calls a vendor over HTTP (YouTube, Google's OAuth endpoints, the WebSub hub, the AI
 * provider): through the dispatcher the caller passes (the process's pooled Agent), with a timeout combined
 * with the caller's AbortSignal, a cap on the reply's size, a zod-parsed reply, and one classified error.
 *
 * - sendVendorRequest returns the reply whatever its status, for vendors that read statuses themselves
 *   (YouTube's reason table, 304s, the revoke endpoint's `invalid_token`). It throws VendorHttpError only
 *   when there is no usable reply: no answer in time, a network failure, a reply cut off or too large.
 * - requestVendorJson also turns a non-2xx status into a VendorHttpError and parses a 2xx reply's JSON with
 *   the caller's schema.
 *
 * A VendorHttpError is retryable (5xx, 429, no answer, a reply cut off) with a retryAt taken from
 * Retry-After, or UPSTREAM_RETRY_DELAY_MS from now; or permanent (any other status, a reply too large or of
 * the wrong shape). What a status means beyond that stays with each vendor's client. The caller's own abort
 * is never the vendor's failure: its reason is rethrown as it is.
 */
import { request, type Dispatcher } from "undici";
import type { z } from "zod";

/** How far out work goes when a vendor is failing and did not say when to come back. */
export const UPSTREAM_RETRY_DELAY_MS = 60_000;
/** Replies larger than this are refused unless the call sets its own cap; vendors' JSON replies are a few KB. */
export const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;
/** How much of a refused reply's body an error message quotes. */
const BODY_EXCERPT_CHARS = 200;

/** The moment work should try a failing vendor again: `delayMs` from now. */
export const retryAtAfter = (delayMs: number = UPSTREAM_RETRY_DELAY_MS): Date => new Date(Date.now() + delayMs);

/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** 5xx and 429: the vendor failing or asking us to slow down; asking again later can succeed. */
export const isRetryableStatus = (status: number): boolean => status >= 500 || status === 429;

export class VendorReply {
  constructor(
    readonly status: number,
    readonly headers: Dispatcher.ResponseData["headers"],
    readonly text: string,
  ) {}

  header(name: string): string | null {
    const value = this.headers[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  }

  /** The body as JSON, or null when it is not JSON (error pages, empty bodies). */
  json(): unknown {
    try {
      return JSON.parse(this.text) as unknown;
    } catch {
      return null;
    }
  }
}

export type VendorErrorKind =
  | "timeout" // no answer within the call's timeout
  | "network" // connection refused or reset, DNS
  | "cut_off" // the reply stopped before its end
  | "too_large" // the reply passed the call's size cap
  | "status" // an HTTP status the call does not accept
  | "bad_reply"; // a 2xx reply that is not JSON of the expected shape

const RETRYABLE_KINDS: ReadonlySet<VendorErrorKind> = new Set(["timeout", "network", "cut_off"]);

export class VendorHttpError extends Error {
  readonly kind: VendorErrorKind;
  /** The HTTP status, or null when no reply arrived. */
  readonly status: number | null;
  readonly isRetryable: boolean;
  /** Retry-After in milliseconds, when the vendor sent one. */
  readonly retryAfterMs: number | null;
  /** For a retryable error, when to try again; null for a permanent one. */
  readonly retryAt: Date | null;
  /** The reply, when one arrived whole (a vendor reads its own error codes from it). */
  readonly reply: VendorReply | null;

  constructor(options: {
    kind: VendorErrorKind;
    message: string;
    status?: number;
    reply?: VendorReply;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = "VendorHttpError";
    this.kind = options.kind;
    this.reply = options.reply ?? null;
    this.status = options.status ?? this.reply?.status ?? null;
    this.isRetryable =
      RETRYABLE_KINDS.has(options.kind) || (options.kind === "status" && isRetryableStatus(this.status ?? 0));
    this.retryAfterMs = parseRetryAfter(this.reply?.header("retry-after"));
    this.retryAt = this.isRetryable ? retryAtAfter(this.retryAfterMs ?? UPSTREAM_RETRY_DELAY_MS) : null;
  }
}

export type VendorRequest = {
  /** Names the vendor in error messages ("YouTube", "Google's token endpoint"). */
  upstream: string;
  url: string | URL;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** The process's pooled Agent (src/server/http.ts) or a test's MockAgent. */
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** The caller's (a job's, a request's) signal; its abort is rethrown, never classified. */
  signal?: AbortSignal | undefined;
  maxBytes?: number;
};

/** The error for a reply whose status the call does not accept, quoting the start of its body. */
export function vendorStatusError(upstream: string, reply: VendorReply, what?: string): VendorHttpError {
  const excerpt = reply.text.slice(0, BODY_EXCERPT_CHARS);
  return new VendorHttpError({
    kind: "status",
    reply,
    message: `${upstream} answered ${reply.status}${what ? ` to ${what}` : ""}${excerpt ? `: ${excerpt}` : ""}`,
  });
}

async function readCapped(
  call: VendorRequest,
  response: Dispatcher.ResponseData,
  timeout: AbortSignal,
): Promise<VendorReply> {
  const maxBytes = call.maxBytes ?? DEFAULT_MAX_REPLY_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const piece of response.body) {
      size += (piece as Buffer).length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new VendorHttpError({
          kind: "too_large",
          status: response.statusCode,
          message: `${call.upstream}: reply too large (over ${maxBytes} bytes)`,
        });
      }
      chunks.push(piece as Buffer);
    }
  } catch (error) {
    if (error instanceof VendorHttpError) throw error;
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    throw new VendorHttpError({
      kind: "cut_off",
      status: response.statusCode,
      message: `${call.upstream}: reply cut off${timeout.aborted ? ` after ${call.timeoutMs} ms` : ""}`,
      cause: error,
    });
  }
  return new VendorReply(response.statusCode, response.headers, Buffer.concat(chunks).toString("utf8"));
}

/** One request; the whole reply (at most maxBytes) whatever its status. */
export async function sendVendorRequest(call: VendorRequest): Promise<VendorReply> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  let response: Dispatcher.ResponseData;
  try {
    response = await request(call.url, {
      method: call.method ?? "GET",
      headers: call.headers ?? {},
      body: call.body ?? null,
      dispatcher: call.dispatcher,
      signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    throw timeout.aborted
      ? new VendorHttpError({
          kind: "timeout",
          message: `${call.upstream}: no reply within ${call.timeoutMs} ms`,
          cause: error,
        })
      : new VendorHttpError({
          kind: "network",
          message: `${call.upstream}: network error: ${(error as Error).message}`,
          cause: error,
        });
  }
  return readCapped(call, response, timeout);
}

/** A reply's JSON checked against `schema`; a mismatch (or no JSON at all) is a permanent bad_reply. */
function parseVendorJson<Schema extends z.ZodType>(
  upstream: string,
  reply: VendorReply,
  schema: Schema,
): z.output<Schema> {
  const parsed = schema.safeParse(reply.json());
  if (parsed.success) return parsed.data;
  throw new VendorHttpError({
    kind: "bad_reply",
    reply,
    message: `${upstream}: the reply did not match its schema`,
    cause: parsed.error,
  });
}

/** One request whose 2xx reply is JSON of `schema`; any other status throws a classified VendorHttpError. */
export async function requestVendorJson<Schema extends z.ZodType>(
  call: VendorRequest & { schema: Schema },
): Promise<z.output<Schema>> {
  const reply = await sendVendorRequest(call);
  if (reply.status < 200 || reply.status >= 300) throw vendorStatusError(call.upstream, reply);
  return parseVendorJson(call.upstream, reply, call.schema);
}
