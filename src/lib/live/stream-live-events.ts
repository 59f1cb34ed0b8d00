import { getLiveHub } from "~/server/live/live-hub";
import type { LiveStream } from "~/server/live/hub";

/**
 * A stream ends after this long; the browser reopens it at once, resuming after its last event id. The
 * session is checked again then, so a session revoked elsewhere loses its stream within this time.
 */
const LIVE_STREAM_MAX_MS = 30 * 60_000;

/**
 * The signed-in user's live events, for one open tab: what a reconnect after `lastEventId` missed (or a
 * hello, or a resync when that cannot be known), then each event as its row commits, with a ping after
 * 30 s of silence. Ends when `signal` aborts, after LIVE_STREAM_MAX_MS, or when the caller closes it.
 */
export function streamLiveEvents({
  userId,
  lastEventId,
  signal,
}: {
  userId: string;
  lastEventId: string | null;
  signal: AbortSignal | undefined;
}): LiveStream {
  return getLiveHub().subscribe(userId, { lastEventId, signal, maxDurationMs: LIVE_STREAM_MAX_MS });
}
