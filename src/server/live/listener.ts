/**
 * The web process's one Postgres listener for live events: a dedicated pg.Client (not from the app's
 * pool: a pooled connection cannot hold LISTEN) that runs `LISTEN showreel_live` and publishes each
 * notification into the hub. The triggers in prisma/migrations/20261206110200_live_events send them in
 * the transaction that changes the row, so nothing is heard before commit.
 *
 * After a lost connection (a Postgres restart, a network cut found by the periodic probe) it reconnects
 * with backoff, and once listening again tells every stream to resync: notifications sent meanwhile are
 * gone. A payload that does not parse is logged and dropped.
 *
 * An account being deleted notifies `{"u": userId, "k": "account_closed"}` on the same channel; that goes to
 * `onAccountClosed` (closed-accounts.ts), not to the user's streams.
 */
import pg from "pg";
import { z } from "zod";
import { ImportRunKind, ImportRunStatus, ImportRunWaitReason } from "~/generated/prisma/enums";
import type { Logger } from "~/server/logger";
import type { LiveHub, UserLiveEvent } from "./hub";

/** The one channel every live trigger notifies on. */
export const LIVE_CHANNEL = "showreel_live";

const nullableDate = z.coerce.date().nullable();

const runSchema = z.object({
  id: z.string(),
  kind: z.enum(ImportRunKind),
  status: z.enum(ImportRunStatus),
  total: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  skipReasons: z.unknown(),
  unitsSpent: z.number().int(),
  resumeAt: nullableDate,
  waitReason: z.enum(ImportRunWaitReason).nullable(),
  label: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.coerce.date(),
  startedAt: nullableDate,
  finishedAt: nullableDate,
});

const payloadSchema = z.discriminatedUnion("k", [
  z.object({ u: z.string().min(1), k: z.literal("import"), id: z.string().min(1), run: runSchema.optional() }),
  z.object({ u: z.string().min(1), k: z.literal("notification") }),
  z.object({ u: z.string().min(1), k: z.literal("project"), id: z.string().min(1) }),
  z.object({ u: z.string().min(1), k: z.literal("projects") }),
  z.object({ u: z.string().min(1), k: z.literal("sources") }),
]);

const accountClosedSchema = z.object({ u: z.string().min(1), k: z.literal("account_closed") });

/** The payload delete-account.ts sends when it closes an account. */
export function accountClosedPayload(userId: string): string {
  return JSON.stringify({ u: userId, k: "account_closed" } satisfies z.input<typeof accountClosedSchema>);
}

/** A trigger's payload as the hub's event for its user; null when it does not parse. */
export function parseLivePayload(text: string): { userId: string; event: UserLiveEvent } | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return null;
  const payload = parsed.data;
  switch (payload.k) {
    case "import":
      return { userId: payload.u, event: { kind: "import", runId: payload.id, run: payload.run ?? null } };
    case "project":
      return { userId: payload.u, event: { kind: "project", projectId: payload.id } };
    default:
      return { userId: payload.u, event: { kind: payload.k } };
  }
}

/** The user id of an account_closed payload, or null for any other payload. */
function parseAccountClosed(text: string): string | null {
  if (!text.includes('"account_closed"')) return null;
  try {
    const parsed = accountClosedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.u : null;
  } catch {
    return null;
  }
}

export type LiveListenerOptions = {
  connectionString: string;
  hub: LiveHub;
  logger: Logger;
  /** Called for each event published and each resync (the live_events_total counter). */
  onEvent?: (kind: string) => void;
  /** An account was closed (its id), and the connection was (re)established or lost. */
  onAccountClosed?: (userId: string) => void;
  onListening?: () => void;
  onLost?: () => void;
  /** First retry after a lost connection; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often an idle connection is probed, so a silently dead one is found. */
  probeIntervalMs?: number;
};

export type LiveListener = {
  /** Resolves once LISTEN first succeeded (it keeps retrying until then). */
  ready: Promise<void>;
  isListening(): boolean;
  stop(): Promise<void>;
};

export function startLiveListener(options: LiveListenerOptions): LiveListener {
  const { hub, logger } = options;
  const initialBackoffMs = options.initialBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const probeIntervalMs = options.probeIntervalMs ?? 30_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let everListened = false;
  let listening = false;
  let backoffMs = initialBackoffMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function onNotification(message: pg.Notification): void {
    if (message.channel !== LIVE_CHANNEL || !message.payload) return;
    const closed = parseAccountClosed(message.payload);
    if (closed) {
      options.onAccountClosed?.(closed);
      return;
    }
    const parsed = parseLivePayload(message.payload);
    if (!parsed) {
      logger.warn({ bytes: message.payload.length }, "live.bad_payload");
      return;
    }
    options.onEvent?.(parsed.event.kind);
    hub.publish(parsed.userId, parsed.event);
  }

  function lose(lost: pg.Client, error?: unknown): void {
    if (client !== lost) return;
    client = null;
    listening = false;
    options.onLost?.();
    lost.removeListener("notification", onNotification);
    lost.end().catch(() => {});
    if (stopped) return;
    logger.warn({ err: error, retryInMs: backoffMs }, "live.listener_lost");
    scheduleConnect();
  }

  function scheduleConnect(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), backoffMs);
    retryTimer.unref?.();
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: "showreel-live",
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
    });
    // Registered first and never removed: an error on a client we already dropped must not kill the process.
    next.on("error", (error) => lose(next, error));
    next.on("end", () => lose(next));
    next.on("notification", onNotification);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      lose(next, error);
      return;
    }
    if (client !== next) return;
    backoffMs = initialBackoffMs;
    listening = true;
    if (everListened) {
      logger.info("live.listener_resumed");
      options.onEvent?.("resync");
      hub.resyncAll();
    }
    everListened = true;
    options.onListening?.();
    markReady();
  }

  const probe = setInterval(() => {
    const current = client;
    if (current && everListened) current.query("SELECT 1").catch((error: unknown) => lose(current, error));
  }, probeIntervalMs);
  probe.unref?.();

  void connect();

  return {
    ready,
    isListening: () => listening,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(probe);
      const current = client;
      client = null;
      listening = false;
      await current?.end().catch(() => {});
    },
  };
}
