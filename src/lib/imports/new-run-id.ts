import { randomUUID } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562: 48-bit Unix ms, version, variant, random), the kind the database's uuid7() gives
 * ImportRun ids, made here when a statement needs the id before the row exists (the run's job payload).
 * Its 74 random bits come from a random UUID (v4), whose version nibble is replaced and whose variant is
 * already RFC 9562's: randomUUID draws from entropy Node buffers in blocks, where randomBytes(16) asked
 * OpenSSL on every call (1 % of an import's web CPU in a profile of next start).
 */
export function newRunId(now = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
