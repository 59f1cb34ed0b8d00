import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { createRng } from "../../emulator/random";
import { serializeOutput } from "./output-serializer";

/** What a client reads: the serialized value through JSON (as the response carries it) and superjson.deserialize. */
const received = (serialized: unknown) =>
  superjson.deserialize(JSON.parse(JSON.stringify(serialized)) as Parameters<typeof superjson.deserialize>[0]);

const KEYS = ["id", "title", "a.b", "back\\slash", "0", "items", "publishedAt", "x.y.z", ""];

function valueOf(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return `s${Math.floor(next() * 1000)}`;
    case 1:
      return Math.floor(next() * 1e6) / 7;
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return new Date(Math.floor(next() * 2e12));
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => valueOf(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let count = Math.floor(next() * 4); count > 0; count -= 1)
        object[KEYS[Math.floor(next() * KEYS.length)]!] = valueOf(next, depth + 1);
      return object;
    }
  }
}

describe("serializeOutput", () => {
  it("is read by superjson exactly as superjson's own output, over 2,000 generated values", () => {
    for (let seed = 1; seed <= 2_000; seed += 1) {
      const value = valueOf(createRng(seed).next, 0);
      expect(received(serializeOutput(value)), `seed ${seed}`).toEqual(received(superjson.serialize(value)));
    }
  });

  it("writes superjson's envelope: no meta for plain JSON, Date paths escaped as superjson escapes them", () => {
    expect(serializeOutput({ a: 1, b: ["x"] })).toEqual({ json: { a: 1, b: ["x"] } });
    const at = new Date("2026-12-06T10:00:00.000Z");
    const value = { items: [{ publishedAt: at }], "x.y": at, "a\\b": at };
    expect(serializeOutput(value).meta?.values).toEqual(superjson.serialize(value).meta?.values);
    expect(JSON.stringify(serializeOutput(at))).toBe(JSON.stringify(superjson.serialize(at)));
    expect(received(serializeOutput(undefined))).toBeUndefined();
    expect(received(serializeOutput([undefined, 1]))).toEqual([undefined, 1]);
  });

  it("hands values only superjson can write to superjson", () => {
    for (const value of [
      { n: 10n },
      { m: new Map([["k", 1]]) },
      { s: new Set([1]) },
      { nan: Number.NaN },
      { inf: -Infinity },
      { zero: -0 },
      { bad: new Date(Number.NaN) },
      { r: /x/ },
    ]) {
      expect(serializeOutput(value)).toEqual(superjson.serialize(value));
    }
  });
});
