/**
 * Opaque page tokens. Google's look like "EAAaBlBUOkNBVQ" and clients must not parse them; ours are
 * base64url of a protobuf-like record holding the offset plus a keyed checksum bound to the list
 * they page through, so a made-up, edited or foreign token is rejected (400 invalidPageToken) rather
 * than silently read as an offset.
 */
import { createHmac } from "node:crypto";

const OFFSET_FIELD_TAG = 0x08;
const CHECKSUM_FIELD_TAG = 0x12;
const CHECKSUM_BYTES = 6;

function checksumOf(key: Buffer, listId: string, offset: number): Buffer {
  return createHmac("sha256", key).update(`${listId}\u0000${offset}`).digest().subarray(0, CHECKSUM_BYTES);
}

function encodeVarint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}

export function encodePageToken(key: Buffer, listId: string, offset: number): string {
  const bytes = [
    OFFSET_FIELD_TAG,
    ...encodeVarint(offset),
    CHECKSUM_FIELD_TAG,
    CHECKSUM_BYTES,
    ...checksumOf(key, listId, offset),
  ];
  return Buffer.from(bytes).toString("base64url");
}

/** The offset a token stands for, or null when it was not issued for this list. */
export function decodePageToken(key: Buffer, listId: string, token: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.toString("base64url") !== token || bytes[0] !== OFFSET_FIELD_TAG) return null;
  let offset = 0;
  let multiplier = 1;
  let cursor = 1;
  for (; cursor < bytes.length && cursor < 6; cursor += 1) {
    const byte = bytes[cursor] ?? 0;
    offset += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) break;
  }
  cursor += 1;
  if (bytes[cursor] !== CHECKSUM_FIELD_TAG || bytes[cursor + 1] !== CHECKSUM_BYTES) return null;
  const checksum = bytes.subarray(cursor + 2);
  if (checksum.length !== CHECKSUM_BYTES || !checksum.equals(checksumOf(key, listId, offset))) return null;
  return offset;
}
