import { randomBytes } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562: 48-bit Unix ms, version, variant, random), the kind the database's uuid7() gives
 * ImportRun ids, made here when a statement needs the id before the row exists (the run's job payload).
 */
export function newRunId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
