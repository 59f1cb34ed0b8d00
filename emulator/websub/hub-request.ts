/**
 * Turns a hub POST's form into a checked subscription request, or a HubRequestError whose message is
 * the plain-text 400 body. Wording follows Google's hub (the PubSubHubbub reference hub it runs:
 * "Invalid parameter: hub.callback", "Invalid value for hub.mode: …"). Stricter than Google in one
 * way, on purpose: only YouTube channel-feed topics are served, because nothing else can be pushed.
 */
import { CHANNEL_ID_PATTERN } from "../random.ts";

/** Google's hub grants 5 days when no lease is asked for. */
export const DEFAULT_LEASE_SECONDS = 432_000;
/** Longer requests are cut to 10 days (community reports; see emulator/README.md, WebSub). */
export const MAX_LEASE_SECONDS = 864_000;
/** A floor so a typo (hub.lease_seconds=0) cannot make a subscription that is dead on arrival. */
export const MIN_LEASE_SECONDS = 60;
/** PubSubHubbub 0.4 §5.1: the secret must be shorter than 200 bytes; the emulator allows 200. */
export const MAX_SECRET_BYTES = 200;

/** The two topic paths YouTube's docs name (…/xml/feeds/… is the documented one). */
const TOPIC_PATHS: ReadonlySet<string> = new Set(["/xml/feeds/videos.xml", "/feeds/videos.xml"]);

export type HubMode = "subscribe" | "unsubscribe";
export type VerifyMode = "sync" | "async";

export interface HubRequest {
  mode: HubMode;
  /** The topic URL as sent; `channelId` is what it names. */
  topic: string;
  channelId: string;
  /** As sent, query string included (verification and pushes go to exactly this URL). */
  callback: string;
  verify: VerifyMode;
  secret: string | null;
  /** Already clamped to MIN_LEASE_SECONDS..MAX_LEASE_SECONDS; what the verification GET announces. */
  leaseSeconds: number;
  verifyToken: string | null;
}

export class HubRequestError extends Error {}

export function isHubMode(value: string | null): value is HubMode {
  return value === "subscribe" || value === "unsubscribe";
}

export function parseHubRequest(form: URLSearchParams): HubRequest {
  const mode = form.get("hub.mode")?.toLowerCase() ?? "";
  if (!isHubMode(mode)) throw new HubRequestError(`Invalid value for hub.mode: ${mode}`);
  const callback = parseCallback(form.get("hub.callback") ?? "");
  const topic = form.get("hub.topic") ?? "";
  const channelId = channelIdOfTopic(topic);
  const secret = form.get("hub.secret") || null;
  if (secret !== null && Buffer.byteLength(secret) > MAX_SECRET_BYTES) {
    throw new HubRequestError(`Invalid value for hub.secret: must be at most ${MAX_SECRET_BYTES} bytes`);
  }
  return {
    mode,
    topic,
    channelId,
    callback,
    verify: parseVerify(form.getAll("hub.verify")),
    secret,
    leaseSeconds: parseLeaseSeconds(form.get("hub.lease_seconds")),
    verifyToken: form.get("hub.verify_token") || null,
  };
}

function parseCallback(raw: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  // Like Google's hub: an absolute http(s) URL without a fragment.
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || raw.includes("#")) {
    throw new HubRequestError("Invalid parameter: hub.callback; must be valid URI with no fragment and optional port");
  }
  return raw;
}

function channelIdOfTopic(raw: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || raw.includes("#")) {
    throw new HubRequestError("Invalid parameter: hub.topic; must be valid URI with no fragment and optional port");
  }
  const channelId = url.searchParams.get("channel_id") ?? "";
  if (!TOPIC_PATHS.has(url.pathname) || !CHANNEL_ID_PATTERN.test(channelId)) {
    throw new HubRequestError(
      "Invalid parameter: hub.topic; this hub serves YouTube channel feeds only: https://www.youtube.com/xml/feeds/videos.xml?channel_id=UC…",
    );
  }
  return channelId;
}

/** Several hub.verify values may be sent (0.3 clients); the first known one wins, none means async (0.4). */
function parseVerify(values: readonly string[]): VerifyMode {
  if (values.length === 0) return "async";
  const known = values
    .map((value) => value.toLowerCase())
    .find((value): value is VerifyMode => value === "sync" || value === "async");
  if (!known) throw new HubRequestError(`Invalid values for hub.verify: ${values.join(", ")}`);
  return known;
}

function parseLeaseSeconds(raw: string | null): number {
  if (raw === null || raw === "") return DEFAULT_LEASE_SECONDS;
  // Google's hub wants the canonical integer text: "+5", "05" and "5.0" are refused.
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || String(value) !== raw)
    throw new HubRequestError(`Invalid value for hub.lease_seconds: ${raw}`);
  return Math.min(MAX_LEASE_SECONDS, Math.max(MIN_LEASE_SECONDS, value));
}
