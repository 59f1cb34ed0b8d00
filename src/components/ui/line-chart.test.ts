import { describe, expect, it } from "vitest";
import { niceCeiling } from "./line-chart";

describe("niceCeiling", () => {
  it("rounds a chart's top up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 0.3, 1, 3, 7, 12, 250, 999, 1001, 10_000].map(niceCeiling)).toEqual([
      1, 0.5, 1, 5, 10, 20, 500, 1000, 2000, 10_000,
    ]);
  });
});
