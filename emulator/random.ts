/**
 * Deterministic randomness for the emulator: hashing, a small seeded PRNG, YouTube-format ids and a
 * keyed permutation. Everything the emulator invents (ids, titles, fault rolls) comes from here, so
 * one seed always reproduces one world. Not for security: the keys are derived from a public seed.
 */
import { createHash, createHmac } from "node:crypto";

/** SHA-256 over the parts joined by NUL, so ("a", "bc") and ("ab", "c") hash differently. */
export function hashParts(...parts: ReadonlyArray<string | number>): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

/** A 32-bit seed for `createRng` from any parts. */
export function seedFromParts(...parts: ReadonlyArray<string | number>): number {
  return hashParts(...parts).readUInt32BE(0);
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for fixtures; one hash per channel seeds it. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
  };
}

/**
 * A keyed pseudo-random permutation of an even-length block (4-round Feistel, HMAC round function).
 * The world encodes (channel index) and (channel index, video index) in ids with it: the ids look
 * random, differ per seed, and decode back to their index without a lookup table, which is what lets
 * a 1M-channel world exist without being stored.
 */
const FEISTEL_ROUNDS = 4;

function feistelRound(key: Buffer, round: number, half: Buffer): Buffer {
  return createHmac("sha256", key).update(Buffer.from([round])).update(half).digest().subarray(0, half.length);
}

function xorInto(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

export function permuteBlock(key: Buffer, block: Buffer): Buffer {
  const half = block.length / 2;
  let left = block.subarray(0, half);
  let right = block.subarray(half);
  for (let round = 0; round < FEISTEL_ROUNDS; round += 1) {
    const nextRight = xorInto(left, feistelRound(key, round, right));
    left = right;
    right = nextRight;
  }
  return Buffer.concat([left, right]);
}

export function unpermuteBlock(key: Buffer, block: Buffer): Buffer {
  const half = block.length / 2;
  let left = block.subarray(0, half);
  let right = block.subarray(half);
  for (let round = FEISTEL_ROUNDS - 1; round >= 0; round -= 1) {
    const previousRight = left;
    const previousLeft = xorInto(right, feistelRound(key, round, left));
    left = previousLeft;
    right = previousRight;
  }
  return Buffer.concat([left, right]);
}

/**
 * Real video ids are 8 bytes in base64url (11 chars), so the last char carries 4 bits and is one of
 * these 16; channel ids are "UC" + 16 bytes (22 chars) whose last char is one of A, Q, g, w.
 */
export const VIDEO_ID_LAST_CHARS = "AEIMQUYcgkosw048";
export const VIDEO_ID_PATTERN = /^[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]$/;
export const CHANNEL_ID_PATTERN = /^UC[A-Za-z0-9_-]{21}[AQgw]$/;

export function videoIdFromBytes(bytes: Buffer): string {
  if (bytes.length !== 8) throw new Error("a video id is 8 bytes");
  return bytes.toString("base64url");
}

export function channelIdFromBytes(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error("a channel id is 16 bytes");
  return `UC${bytes.toString("base64url")}`;
}

/** Decodes base64url and insists on the canonical spelling (Node's decoder ignores stray bits). */
export function decodeCanonicalBase64Url(text: string, byteLength: number): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  if (bytes.length !== byteLength || bytes.toString("base64url") !== text) return null;
  return bytes;
}

/** A 27-char base64url SHA-1, the shape of current Data API etags. */
export function etagOf(value: unknown): string {
  return createHash("sha1").update(typeof value === "string" ? value : JSON.stringify(value)).digest("base64url");
}
