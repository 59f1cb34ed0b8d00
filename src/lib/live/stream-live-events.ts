import { getLiveHub } from "~/server/live/live-hub";
import type { LiveStream } from "~/server/live/hub";
import { liveStreamLifetimeMs } from "./stream-lifetime";

/**
 * The signed-in user's live events, for one open tab: what a reconnect after `lastEventId` missed (or a
 * hello, or a resync when that cannot be known), then each event as its row commits, with a ping after
 * 30 s of silence. Ends when `signal` aborts, after its lifetime (25–30 min, stream-lifetime.ts), or when
 * the caller closes it.
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
  return getLiveHub().subscribe(userId, { lastEventId, signal, maxDurationMs: liveStreamLifetimeMs() });
}
