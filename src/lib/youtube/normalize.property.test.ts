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
  fc
    .array(
      fc.constantFrom(
        "P",
        "T",
        "W",
        "D",
        "H",
        "M",
        "S",
        ".",
        "-",
        "0",
        "1",
        "9",
        "99999999999",
        "9".repeat(400),
        "e5",
        " ",
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join("")),
);

// Well-formed durations, from a few seconds to lengths no column holds, so most runs reach the range checks.
const amount = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 59 }), weight: 12 },
  { arbitrary: fc.integer({ min: 1, max: 3_000 }), weight: 6 },
  { arbitrary: fc.constantFrom(2 ** 31, 10 ** 12), weight: 1 },
);
const timePart = fc
  .record({
    hours: fc.option(amount),
    minutes: fc.option(amount),
    seconds: fc.option(fc.tuple(amount, fc.option(fc.nat({ max: 999 })))),
  })
  .filter(({ hours, minutes, seconds }) => hours !== null || minutes !== null || seconds !== null)
  .map(
    ({ hours, minutes, seconds }) =>
      `T${hours === null ? "" : `${hours}H`}${minutes === null ? "" : `${minutes}M`}${seconds === null ? "" : `${seconds[0]}${seconds[1] === null ? "" : `.${seconds[1]}`}S`}`,
  );
const wellFormed = fc.oneof(
  amount.map((weeks) => `P${weeks}W`),
  fc
    .tuple(fc.option(amount), fc.option(timePart))
    .filter(([days, time]) => days !== null || time !== null)
    .map(([days, time]) => `P${days === null ? "" : `${days}D`}${time ?? ""}`),
);

describe("parseIsoDuration on any input", () => {
  it("answers null, a non-negative integer the database column holds, or DurationParseError", () => {
    const RUNS = 5_000;
    let reached = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: wellFormed, weight: 4 }, { arbitrary: durationish, weight: 1 }), (value) => {
        const seconds = outcomeOf(value);
        if (seconds === null || seconds === "refused") return;
        reached += 1;
        expect(Number.isSafeInteger(seconds)).toBe(true);
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(MAX_DURATION_SECONDS);
      }),
      { numRuns: RUNS },
    );
    // The generator must keep most inputs readable, or the range checks above stop running.
    expect(reached).toBeGreaterThanOrEqual(RUNS / 2);
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
    for (const value of [
      `P${"1".repeat(100_000)}`,
      `PT${"1".repeat(100_000)}.${"1".repeat(100_000)}`,
      `P${"1W".repeat(50_000)}`,
    ]) {
      const startedAt = performance.now();
      expect(outcomeOf(value)).toBe("refused");
      // Generous: a backtracking blow-up on 100K characters takes far longer; a loaded machine must not fail this.
      expect(performance.now() - startedAt).toBeLessThan(2_000);
    }
  });
});
