/**
 * The web process's live-event hub, its Postgres listener and the closed-accounts list the listener keeps
 * current, started on the first stream or the first session check and kept for the life of the process
 * (cached on globalThis so Next's dev reloads do not open a second listener). The worker only writes rows,
 * and the triggers notify for it.
 */
import { env } from "~/env";
import { db } from "~/server/db";
import { logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { processSingleton } from "~/server/process-singleton";
import { createClosedAccounts, type ClosedAccounts } from "./closed-accounts";
import { createLiveHub, type LiveHub } from "./hub";
import { startLiveListener, type LiveListener } from "./listener";

type Live = { hub: LiveHub; listener: LiveListener; closedAccounts: ClosedAccounts };

/** A failed load of the closed ids is tried again this soon (meanwhile each check reads the user row). */
const CLOSED_ACCOUNTS_RELOAD_MS = 5_000;

function startLive(): Live {
  const log = logger.child({ component: "live" });
  const hub = createLiveHub({ onStreamCountChange: (delta) => metrics.liveStreamsOpen.inc(delta) });
  const closedAccounts = createClosedAccounts({
    lookup: async (userId) => (await db.user.count({ where: { id: userId, deletedAt: { not: null } } })) > 0,
    loadAll: async () =>
      (await db.user.findMany({ where: { deletedAt: { not: null } }, select: { id: true } })).map((user) => user.id),
    // Twice the cookie cache's age: by then no cache cookie of a closed account can be accepted anyway.
    retainMs: 2 * env.SESSION_COOKIE_CACHE_SECONDS * 1000,
  });
  const loadClosedAccounts = (): void => {
    closedAccounts.listening().catch((error: unknown) => {
      log.warn({ err: error }, "live.closed_accounts_load_failed");
      setTimeout(() => listener.isListening() && loadClosedAccounts(), CLOSED_ACCOUNTS_RELOAD_MS).unref?.();
    });
  };
  const listener = startLiveListener({
    connectionString: env.DATABASE_URL,
    hub,
    logger: log,
    onEvent: (kind) => metrics.liveEventsTotal.inc({ kind }),
    onAccountClosed: (userId) => closedAccounts.add(userId),
    onListening: loadClosedAccounts,
    onLost: () => closedAccounts.lost(),
  });
  return { hub, listener, closedAccounts };
}

function live(): Live {
  return processSingleton("showreelLive", startLive);
}

/**
 * Whether the user's account is closed (being deleted): from memory while the listener is up, else one
 * read. Every session check asks (src/server/auth.ts, src/trpc/context.ts), so a deletion cuts off every
 * browser and token of the user at once, cookie cache or not.
 */
export function isAccountClosed(userId: string): Promise<boolean> {
  return live().closedAccounts.isClosed(userId);
}

/** Resolves once closed accounts are answered from memory (the listener listens and has loaded them). */
export async function whenClosedAccountsKnown(): Promise<void> {
  const { listener, closedAccounts } = live();
  await listener.ready;
  while (!closedAccounts.isSynced()) await new Promise((resolve) => setTimeout(resolve, 20));
}

export function getLiveHub(): LiveHub {
  return live().hub;
}

/** Resolves once the process's listener first runs LISTEN (it starts with the first stream, or here). */
export function whenLiveListening(): Promise<void> {
  return live().listener.ready;
}
