/**
 * Deterministic randomness for the emulator: hashing, a small seeded PRNG, YouTube-format ids and a
 * keyed permutation. Everything the emulator invents (ids, titles, fault rolls) comes from here, so
 * one seed always reproduces one world. Not for security: the keys are derived from a public seed.
 */
import { createHash } from "node:crypto";

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
 * A keyed pseudo-random permutation of an 8- or 16-byte block: a 6-round Feistel network over 32-bit
 * words with a murmur3-style mixer as round function. The world encodes (channel index) and
 * (channel index, video index) in ids with it: the ids look random, differ per seed, and decode back
 * to their index without a lookup table, which is what lets a 1M-channel world exist without being
 * stored. Arithmetic only (no HMAC per round): materializing a channel derives hundreds of ids.
 */
const FEISTEL_ROUNDS = 6;

/** Round keys for `permuteBlock`: two 32-bit words per round, from any seed parts. */
export function derivePermutationKey(...parts: ReadonlyArray<string | number>): Uint32Array {
  const bytes = Buffer.concat([hashParts(...parts, "k0"), hashParts(...parts, "k1")]);
  const key = new Uint32Array(FEISTEL_ROUNDS * 2);
  for (let index = 0; index < key.length; index += 1) key[index] = bytes.readUInt32BE(index * 4);
  return key;
}

function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** F(half) for one round; a half is one word (8-byte blocks) or two (16-byte blocks). */
function roundFunction(key: Uint32Array, round: number, half: readonly number[]): number[] {
  const k0 = key[round * 2] ?? 0;
  const k1 = key[round * 2 + 1] ?? 0;
  const first = half[0] ?? 0;
  if (half.length === 1) return [mix32(first ^ k0)];
  const second = half[1] ?? 0;
  const out0 = mix32(first ^ k0 ^ Math.imul(second, 0x9e3779b1));
  const out1 = mix32(second ^ k1 ^ Math.imul(out0, 0x27d4eb2f));
  return [out0, out1];
}

function toWords(block: Buffer): number[] {
  if (block.length !== 8 && block.length !== 16) throw new Error("permutation blocks are 8 or 16 bytes");
  const words: number[] = [];
  for (let offset = 0; offset < block.length; offset += 4) words.push(block.readUInt32BE(offset));
  return words;
}

function fromWords(words: readonly number[]): Buffer {
  const block = Buffer.alloc(words.length * 4);
  words.forEach((word, index) => block.writeUInt32BE(word >>> 0, index * 4));
  return block;
}

const xorWords = (a: readonly number[], b: readonly number[]): number[] =>
  a.map((word, index) => (word ^ (b[index] ?? 0)) >>> 0);

export function permuteBlock(key: Uint32Array, block: Buffer): Buffer {
  const words = toWords(block);
  let left = words.slice(0, words.length / 2);
  let right = words.slice(words.length / 2);
  for (let round = 0; round < FEISTEL_ROUNDS; round += 1) {
    const nextRight = xorWords(left, roundFunction(key, round, right));
    left = right;
    right = nextRight;
  }
  return fromWords([...left, ...right]);
}

export function unpermuteBlock(key: Uint32Array, block: Buffer): Buffer {
  const words = toWords(block);
  let left = words.slice(0, words.length / 2);
  let right = words.slice(words.length / 2);
  for (let round = FEISTEL_ROUNDS - 1; round >= 0; round -= 1) {
    const previousRight = left;
    left = xorWords(right, roundFunction(key, round, left));
    right = previousRight;
  }
  return fromWords([...left, ...right]);
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
  return createHash("sha1")
    .update(typeof value === "string" ? value : JSON.stringify(value))
    .digest("base64url");
}
