/**
 * The web process's live-event hub and its Postgres listener, started on the first stream and kept for
 * the life of the process (cached on globalThis so Next's dev reloads do not open a second listener).
 * Only the web process imports this; the worker only writes rows, and the triggers notify for it.
 */
import { env } from "~/env";
import { logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { createLiveHub, type LiveHub } from "./hub";
import { startLiveListener, type LiveListener } from "./listener";

const globalForLive = globalThis as unknown as { showreelLive?: { hub: LiveHub; listener: LiveListener } };

function live(): { hub: LiveHub; listener: LiveListener } {
  return (globalForLive.showreelLive ??= (() => {
    const hub = createLiveHub({ onStreamCountChange: (delta) => metrics.liveStreamsOpen.inc(delta) });
    const listener = startLiveListener({
      connectionString: env.DATABASE_URL,
      hub,
      logger: logger.child({ component: "live" }),
      onEvent: (kind) => metrics.liveEventsTotal.inc({ kind }),
    });
    return { hub, listener };
  })());
}

export function getLiveHub(): LiveHub {
  return live().hub;
}

/** Resolves once the process's listener first runs LISTEN (it starts with the first stream, or here). */
export function whenLiveListening(): Promise<void> {
  return live().listener.ready;
}
