import { createHash, randomBytes } from "node:crypto";

/** Recognisable prefix, so a leaked token is easy to spot (and to scan for). */
const ACCESS_TOKEN_PREFIX = "shr_";
/** How many characters of a token we keep in clear to tell tokens apart in the UI. */
export const ACCESS_TOKEN_VISIBLE_CHARS = 8;
/** Tokens are compared by hash; lastUsedAt is refreshed at most this often to spare writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function generateAccessToken(): string {
  return `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeAccessToken(value: string): boolean {
  return value.startsWith(ACCESS_TOKEN_PREFIX) && value.length === ACCESS_TOKEN_PREFIX.length + 43;
}
