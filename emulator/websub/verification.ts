/**
 * Verification of intent (PubSubHubbub 0.4 §5.3): the hub GETs the subscriber's callback with
 * hub.mode, hub.topic, hub.challenge (and hub.lease_seconds, hub.verify_token) appended to the
 * callback's own query string, which is kept as sent (subscribers route on it, e.g. ?channel_id=).
 * Only a 2xx whose body is exactly the challenge confirms; redirects are not followed, as at Google.
 */
import { randomBytes } from "node:crypto";
import type { HubRequest } from "./hub-request.ts";

/** A subscriber that does not answer within this is treated as refusing (the hub request must not hang). */
export const VERIFY_TIMEOUT_MS = 5000;
const CHALLENGE_BYTES = 24;

export interface VerificationResult {
  isConfirmed: boolean;
  /** The callback's status, null when it could not be reached. */
  status: number | null;
  /** Why it failed (or "confirmed"), for the control API's verification log. */
  detail: string;
}

/** `callback` + the hub parameters, without re-encoding what the callback already had. */
export function verificationUrl(callback: string, params: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(params).toString();
  const separator = !callback.includes("?") ? "?" : callback.endsWith("?") || callback.endsWith("&") ? "" : "&";
  return `${callback}${separator}${query}`;
}

// GET <callback>?…&hub.mode=…&hub.topic=…&hub.challenge=… — the subscriber must echo the challenge
export async function verifyIntent(request: HubRequest, signal: AbortSignal): Promise<VerificationResult> {
  const challenge = randomBytes(CHALLENGE_BYTES).toString("base64url");
  const params: Record<string, string> = {
    "hub.mode": request.mode,
    "hub.topic": request.topic,
    "hub.challenge": challenge,
  };
  if (request.mode === "subscribe") params["hub.lease_seconds"] = String(request.leaseSeconds);
  if (request.verifyToken !== null) params["hub.verify_token"] = request.verifyToken;
  try {
    const response = await fetch(verificationUrl(request.callback, params), {
      redirect: "manual",
      signal: AbortSignal.any([signal, AbortSignal.timeout(VERIFY_TIMEOUT_MS)]),
    });
    const body = await response.text();
    if (response.status < 200 || response.status > 299) {
      return { isConfirmed: false, status: response.status, detail: `callback answered ${response.status}` };
    }
    if (body !== challenge)
      return { isConfirmed: false, status: response.status, detail: "callback did not echo hub.challenge" };
    return { isConfirmed: true, status: response.status, detail: "confirmed" };
  } catch (error) {
    return { isConfirmed: false, status: null, detail: `callback unreachable: ${describeFetchError(error)}` };
  }
}

/** undici hides the useful part (ECONNREFUSED, timeout) in `cause`. */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "timed out";
  const cause =
    error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : "";
  return `${error.message}${cause}`;
}
