/**
 * A per-process memo of Better Auth's cookie-cache verdicts, keyed by the request's exact Cookie header.
 *
 * With the cookie cache on, Better Auth answers a request from its signed `session_data` cookie: two HMAC
 * verifications through WebCrypto (the session token's signature and the cache's), base64 and JSON
 * decoding, on every request — about an eighth of a web process's CPU under the API benchmark. The
 * verdict depends only on those cookie bytes and on the clock: the same header is accepted, with the
 * same session, until the cache entry's own `expiresAt` (or the session's, if sooner). So a header seen
 * and accepted once is answered from here until then, and Better Auth decides again after it — the same
 * answers at the same instants, without the cryptography.
 *
 * Only verdicts Better Auth reached without writing a cookie are remembered (a lookup that read the row
 * re-issues the cache cookie, and the browser's next header differs anyway). Refusals are never
 * remembered. Signing out changes the browser's cookies, so its next header misses. Entries are bounded
 * (oldest first out) and a lapsed entry is dropped when next asked for.
 */
import { BoundedMap } from "~/server/bounded-map";

const MAX_ENTRIES = 10_000;
/** Better Auth names it `<prefix>.session_data`, with `__Secure-` in front on https. */
const SESSION_DATA_COOKIE = /(?:^|;\s*)(?:__Secure-)?[\w.-]*session_data=([^;]*)/;

type Entry<T> = { value: T; until: number };

export type SessionMemo<T> = {
  get(cookieHeader: string, now?: number): T | undefined;
  /** Remembers an accepted verdict until the cache cookie in the header lapses (or `sessionExpiresAt`, if sooner). */
  remember(cookieHeader: string, value: T, sessionExpiresAt: Date): void;
  size(): number;
};

/** The cache cookie's own expiry (ms since epoch), read without verifying it: only ever applied to a header Better Auth has just accepted. */
export function cookieCacheExpiresAt(cookieHeader: string): number | null {
  const raw = SESSION_DATA_COOKIE.exec(cookieHeader)?.[1];
  if (!raw) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(decodeURIComponent(raw), "base64url").toString("utf8"));
    const expiresAt = (payload as { expiresAt?: unknown } | null)?.expiresAt;
    return typeof expiresAt === "number" && Number.isFinite(expiresAt) ? expiresAt : null;
  } catch {
    return null;
  }
}

export function createSessionMemo<T>({ maxEntries = MAX_ENTRIES }: { maxEntries?: number } = {}): SessionMemo<T> {
  const entries = new BoundedMap<string, Entry<T>>({ maxEntries, expiresAt: (entry) => entry.until });
  return {
    get: (cookieHeader, now) => entries.get(cookieHeader, now)?.value,
    remember(cookieHeader, value, sessionExpiresAt) {
      const cacheExpiresAt = cookieCacheExpiresAt(cookieHeader);
      if (cacheExpiresAt === null) return;
      const until = Math.min(cacheExpiresAt, sessionExpiresAt.getTime());
      if (!(until > Date.now())) return;
      entries.set(cookieHeader, { value, until });
    },
    size: () => entries.size,
  };
}
