// Property tests (fast-check) of the ISO 8601 duration parser: every string either reads as a whole number
// of seconds that fits Project.durationSeconds, or fails with DurationParseError; well-formed durations
// round-trip; long input answers in bounded time.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DurationParseError, MAX_DURATION_SECONDS, parseIsoDuration } from "./normalize";

function outcomeOf(value: string): number | null | "refused" {
  try {
    return parseIsoDuration(value);
  } catch (error) {
    if (error instanceof DurationParseError) return "refused";
    throw new Error(`untyped throw: ${String(error)}`, { cause: error });
  }
}

const durationish = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.constantFrom("P", "T", "W", "D", "H", "M", "S", ".", "-", "0", "1", "9", "99999999999", "9".repeat(400), "e5", " "), { maxLength: 12 }).map((parts) => parts.join("")),
);

describe("parseIsoDuration on any input", () => {
  it("answers null, a non-negative integer the database column holds, or DurationParseError", () => {
    fc.assert(
      fc.property(durationish, (value) => {
        const seconds = outcomeOf(value);
        if (seconds === null || seconds === "refused") return;
        expect(Number.isSafeInteger(seconds)).toBe(true);
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(MAX_DURATION_SECONDS);
      }),
      { numRuns: 5_000 },
    );
  });

  it("reads back what it is given, in seconds", () => {
    const part = fc.nat({ max: 500 });
    fc.assert(
      fc.property(part, part, part, part, (days, hours, minutes, seconds) => {
        const text = `P${days}DT${hours}H${minutes}M${seconds}S`;
        const total = days * 86_400 + hours * 3_600 + minutes * 60 + seconds;
        expect(outcomeOf(text)).toBe(total === 0 ? null : total);
      }),
    );
  });

  it("refuses durations no integer column can hold, instead of answering Infinity", () => {
    for (const value of [`P${"9".repeat(400)}D`, "PT99999999999999999999H", `PT${MAX_DURATION_SECONDS + 1}S`]) {
      expect(outcomeOf(value)).toBe("refused");
    }
    expect(outcomeOf(`PT${MAX_DURATION_SECONDS}S`)).toBe(MAX_DURATION_SECONDS);
  });

  it("answers in bounded time on long input", () => {
    for (const value of [`P${"1".repeat(100_000)}`, `PT${"1".repeat(100_000)}.${"1".repeat(100_000)}`, `P${"1W".repeat(50_000)}`]) {
      const startedAt = performance.now();
      expect(outcomeOf(value)).toBe("refused");
      expect(performance.now() - startedAt).toBeLessThan(100);
    }
  });
});
