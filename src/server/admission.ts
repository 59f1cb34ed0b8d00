/**
 * Admission control for the API route handlers: a web process works on at most WEB_MAX_IN_FLIGHT
 * requests at once and holds at most WEB_MAX_STREAMS server-sent-event streams (requests that accept
 * text/event-stream; long-lived, so they have their own cap and never count against the request cap).
 * Past a cap the request is answered 503 with Retry-After at once, without reading it: queueing it behind
 * hundreds of others would only answer it late, while a refusal lets the client retry (the UI's query
 * client waits Retry-After) or the balancer try another process.
 *
 * A request holds its slot until its response body has been sent or cancelled, not merely until the
 * handler returns: tRPC's batch stream and event streams answer headers first and work afterwards. A
 * route that knows a request's answer is built whole before it returns (tRPC's plain JSON) says so with
 * `isAnsweredWhole`, and the slot is freed on return, without wrapping the body in another stream.
 */
import { env } from "~/env";
import { metrics } from "~/server/metrics";
import { processSingleton } from "~/server/process-singleton";

export type AdmissionKind = "request" | "stream";

/** Seconds a refused client waits before trying again; one second clears a burst at these caps. */
export const ADMISSION_RETRY_AFTER_SECONDS = 1;

export type Admission = {
  /** A release function (idempotent) when admitted, or null when the kind's cap is full. */
  tryAdmit(kind: AdmissionKind): (() => void) | null;
  inFlight(kind: AdmissionKind): number;
};

export function createAdmission(limits: Record<AdmissionKind, number>): Admission {
  const counts: Record<AdmissionKind, number> = { request: 0, stream: 0 };
  return {
    tryAdmit(kind) {
      if (counts[kind] >= limits[kind]) return null;
      counts[kind] += 1;
      metrics.webInFlight.set({ kind }, counts[kind]);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        counts[kind] -= 1;
        metrics.webInFlight.set({ kind }, counts[kind]);
      };
    },
    inFlight: (kind) => counts[kind],
  };
}

/** The process's admission state (one per process, like the pool it protects). */
export const admission: Admission = processSingleton("showreelAdmission", () =>
  createAdmission({ request: env.WEB_MAX_IN_FLIGHT, stream: env.WEB_MAX_STREAMS }),
);

function admissionKindOf(request: Request): AdmissionKind {
  return request.headers.get("accept")?.includes("text/event-stream") ? "stream" : "request";
}

function overloaded(kind: AdmissionKind): Response {
  metrics.webAdmissionRejectionsTotal.inc({ reason: kind === "stream" ? "streams" : "in_flight" });
  return Response.json(
    { error: { message: "The server is busy; try again in a moment.", code: "SERVICE_UNAVAILABLE" } },
    { status: 503, headers: { "retry-after": String(ADMISSION_RETRY_AFTER_SECONDS), "cache-control": "no-store" } },
  );
}

/** The same response, whose body calls `release` once it has been read to the end or cancelled. */
function releasingOnEnd(response: Response, release: () => void): Response {
  const source = response.body;
  if (!source) {
    release();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * Whether tRPC's answer was built whole before the handler returned: a plain JSON answer. Not a batch asked
 * for as JSON lines (the browser's httpBatchStreamLink; also application/json, so the request says it), and
 * not an event stream, which tRPC answers to any subscription GET, whatever its Accept header said.
 */
export function isTrpcAnswerWhole(request: Request, response: Response): boolean {
  const accept = request.headers.get("trpc-accept") ?? request.headers.get("accept") ?? "";
  const contentType = response.headers.get("content-type") ?? "";
  return contentType.startsWith("application/json") && !accept.includes("application/jsonl");
}

/** Wraps a route handler with `state`'s caps (the process's by default). */
export function withAdmission<Args extends unknown[]>(
  handler: (request: Request, ...rest: Args) => Promise<Response>,
  state: Admission = admission,
  options: { isAnsweredWhole?: (request: Request, response: Response) => boolean } = {},
): (request: Request, ...rest: Args) => Promise<Response> {
  return async (request, ...rest) => {
    const kind = admissionKindOf(request);
    const release = state.tryAdmit(kind);
    if (!release) return overloaded(kind);
    try {
      const response = await handler(request, ...rest);
      if (kind === "request" && options.isAnsweredWhole?.(request, response)) {
        release();
        return response;
      }
      return releasingOnEnd(response, release);
    } catch (error) {
      release();
      throw error;
    }
  };
}
