import { describe, expect, it } from "vitest";
import { BoundedMap } from "./bounded-map";

describe("BoundedMap", () => {
  it("drops the entry written longest ago when full, and tells onEvict", () => {
    const evicted: [string, number][] = [];
    const map = new BoundedMap<string, number>({ maxEntries: 2, onEvict: (key, value) => evicted.push([key, value]) });
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 10); // rewriting makes "a" the newest
    map.set("c", 3);
    expect([...map.entries()]).toEqual([
      ["a", 10],
      ["c", 3],
    ]);
    expect(evicted).toEqual([["b", 2]]);
    expect(map.size).toBe(2);
  });

  it("never drops to make room when a key is rewritten at the cap", () => {
    const map = new BoundedMap<string, number>({ maxEntries: 2 });
    map.set("a", 1);
    map.set("b", 2);
    map.set("b", 20);
    expect([...map.entries()]).toEqual([
      ["a", 1],
      ["b", 20],
    ]);
  });

  it("with expiresAt, answers until the value lapses and then drops it", () => {
    const map = new BoundedMap<string, { until: number }>({ maxEntries: 10, expiresAt: (value) => value.until });
    map.set("a", { until: 1_000 });
    expect(map.get("a", 999)).toEqual({ until: 1_000 });
    expect(map.get("a", 1_000)).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it("without expiresAt, keeps entries whatever the clock; delete removes one", () => {
    const map = new BoundedMap<string, number>({ maxEntries: 10 });
    map.set("a", 1);
    expect(map.get("a", Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(map.delete("a")).toBe(true);
    expect(map.get("a")).toBeUndefined();
  });
});
